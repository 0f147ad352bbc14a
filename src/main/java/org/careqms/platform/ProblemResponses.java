package org.careqms.platform;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Builds RFC 9457 problem details with the stable {@code code} field of api-contract.md and a
 * {@code detail} in the caller's language.
 */
@Component
public class ProblemResponses {

	public static final String TYPE_BASE = "https://careqms.org/problems/";

	private final MessageSource messages;
	private final LocaleResolver localeResolver;
	private final JsonMapper json;

	ProblemResponses(MessageSource messages, LocaleResolver localeResolver, JsonMapper json) {
		this.messages = messages;
		this.localeResolver = localeResolver;
		this.json = json;
	}

	public ProblemDetail problem(HttpServletRequest request, HttpStatus status, String code, String messageKey,
			Object... arguments) {
		var locale = localeResolver.resolveLocale(request);
		String detail = messages.getMessage(messageKey, arguments, messageKey, locale);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + code));
		problem.setTitle(messages.getMessage("problem.title." + status.value(), null, status.getReasonPhrase(), locale));
		problem.setProperty("code", code);
		problem.setInstance(URI.create(request.getRequestURI()));
		return problem;
	}

	/** Writes a problem directly (security filters answer before any controller runs). */
	public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
			throws IOException {
		response.setStatus(problem.getStatus());
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setContentType("application/problem+json");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		body.put("instance", problem.getInstance() == null ? null : problem.getInstance().toString());
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		json.writeValue(response.getOutputStream(), body);
	}
}
