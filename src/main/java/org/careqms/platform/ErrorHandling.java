package org.careqms.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import java.sql.SQLException;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.relational.core.conversion.DbActionExecutionException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place that turns exceptions into answers: not found → 404, a rule → 409 with a message
 * key, bad input → 400 with field errors. The API answers RFC 9457 problem details with a stable
 * {@code code}; pages answer the error page of the status. Anything else is a bug: logged, 500.
 */
@ControllerAdvice
class ErrorHandling {

	private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

	private final ProblemResponses problems;
	private final MessageSource messages;
	private final LocaleResolver locales;

	ErrorHandling(ProblemResponses problems, MessageSource messages, LocaleResolver locales) {
		this.problems = problems;
		this.messages = messages;
		this.locales = locales;
	}

	@ExceptionHandler({ NotFoundException.class, NoResourceFoundException.class })
	Object notFound(HttpServletRequest request, Exception ex) {
		return answer(request, HttpStatus.NOT_FOUND, "not-found", "problem.not-found");
	}

	@ExceptionHandler(RuleViolationException.class)
	Object rule(HttpServletRequest request, RuleViolationException ex) {
		return answer(request, HttpStatus.CONFLICT, ex.code(), ex.messageKey(), ex.arguments());
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	Object stale(HttpServletRequest request, Exception ex) {
		return answer(request, HttpStatus.CONFLICT, "stale", "problem.stale");
	}

	/**
	 * A unique key the check before the write could not see (two requests at once): still a 409.
	 * Spring Data JDBC wraps the driver's exception, so the SQL state decides.
	 */
	@ExceptionHandler({ DuplicateKeyException.class, DataIntegrityViolationException.class,
			DbActionExecutionException.class })
	Object integrity(HttpServletRequest request, Exception ex) throws Exception {
		String state = sqlState(ex);
		if ("23505".equals(state)) {
			log.info("Duplicate key refused: {}", ex.getMessage());
			return answer(request, HttpStatus.CONFLICT, "duplicate", "problem.duplicate");
		}
		if (state != null && state.startsWith("23")) {
			log.info("Integrity rule refused: {}", ex.getMessage());
			return answer(request, HttpStatus.CONFLICT, "integrity", "problem.integrity");
		}
		if (ex.getCause() instanceof OptimisticLockingFailureException) {
			return stale(request, ex);
		}
		return bug(request, ex);
	}

	private static String sqlState(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql && sql.getSQLState() != null) {
				return sql.getSQLState();
			}
			if (t instanceof DuplicateKeyException) {
				return "23505";
			}
		}
		return null;
	}

	@ExceptionHandler(BindException.class)
	Object invalid(HttpServletRequest request, BindException ex) {
		var locale = locales.resolveLocale(request);
		List<Map<String, String>> errors = new ArrayList<>();
		ex.getBindingResult().getFieldErrors().forEach(error -> errors.add(fieldError(error.getField(),
				messages.getMessage(error, locale))));
		ex.getBindingResult().getGlobalErrors().forEach(error -> errors.add(fieldError(null,
				messages.getMessage(error, locale))));
		return validation(request, errors);
	}

	@ExceptionHandler(InvalidInputException.class)
	Object invalid(HttpServletRequest request, InvalidInputException ex) {
		var locale = locales.resolveLocale(request);
		List<Map<String, String>> errors = new ArrayList<>();
		ex.problems().forEach(problem -> errors.add(fieldError(problem.field(),
				messages.getMessage(problem.messageKey(), problem.arguments(), problem.messageKey(), locale))));
		return validation(request, errors);
	}

	@ExceptionHandler({ HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class,
			MissingServletRequestParameterException.class,
			org.springframework.web.multipart.support.MissingServletRequestPartException.class,
			org.springframework.web.multipart.MultipartException.class })
	Object malformed(HttpServletRequest request, Exception ex) {
		return answer(request, HttpStatus.BAD_REQUEST, "malformed", "problem.malformed");
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	Object tooLarge(HttpServletRequest request, Exception ex) {
		return answer(request, HttpStatus.CONTENT_TOO_LARGE, "too-large", "problem.too-large");
	}

	@ExceptionHandler(ContentTooLargeException.class)
	Object tooLarge(HttpServletRequest request, ContentTooLargeException ex) {
		if (!isApi(request)) {
			return page(HttpStatus.CONTENT_TOO_LARGE);
		}
		var locale = locales.resolveLocale(request);
		String message = messages.getMessage(ex.messageKey(), ex.arguments(), ex.messageKey(), locale);
		ProblemDetail problem = problems.problem(request, HttpStatus.CONTENT_TOO_LARGE, "too-large", ex.messageKey(),
				ex.arguments());
		problem.setProperty("errors", List.of(fieldError(ex.field(), message)));
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	Object method(HttpServletRequest request, Exception ex) {
		return answer(request, HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "problem.method-not-allowed");
	}

	@ExceptionHandler(org.springframework.web.HttpMediaTypeNotAcceptableException.class)
	Object notAcceptable(HttpServletRequest request, Exception ex) {
		// nothing can be written in a type the caller refuses: answer with the status only
		return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).build();
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	Object mediaType(HttpServletRequest request, Exception ex) {
		return answer(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
				"problem.unsupported-media-type");
	}

	@ExceptionHandler(AccessDeniedException.class)
	Object denied(HttpServletRequest request, AccessDeniedException ex) throws AccessDeniedException {
		if (!isApi(request)) {
			throw ex; // Spring Security's handler answers pages (403 page, or the login page when anonymous)
		}
		return answer(request, HttpStatus.FORBIDDEN, "forbidden", "problem.forbidden");
	}

	@ExceptionHandler(Exception.class)
	Object bug(HttpServletRequest request, Exception ex) {
		log.error("Unexpected failure answering {} {}", request.getMethod(), request.getRequestURI(), ex);
		return answer(request, HttpStatus.INTERNAL_SERVER_ERROR, "internal", "problem.internal");
	}

	private Object validation(HttpServletRequest request, List<Map<String, String>> errors) {
		if (!isApi(request)) {
			return page(HttpStatus.BAD_REQUEST);
		}
		ProblemDetail problem = problems.problem(request, HttpStatus.BAD_REQUEST, "validation", "problem.validation");
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private Object answer(HttpServletRequest request, HttpStatus status, String code, String key, Object... args) {
		if (!isApi(request)) {
			return page(status);
		}
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problems.problem(request, status, code, key, args));
	}

	private static ModelAndView page(HttpStatus status) {
		String view = switch (status) {
			case NOT_FOUND -> "error/404";
			case FORBIDDEN -> "error/403";
			case CONFLICT -> "error/409";
			case BAD_REQUEST, CONTENT_TOO_LARGE, METHOD_NOT_ALLOWED, UNSUPPORTED_MEDIA_TYPE -> "error/400";
			default -> "error/500";
		};
		var page = new ModelAndView(view);
		page.setStatus(status);
		return page;
	}

	private static Map<String, String> fieldError(String field, String message) {
		Map<String, String> error = new LinkedHashMap<>();
		error.put("field", field);
		error.put("message", message);
		return error;
	}

	static boolean isApi(HttpServletRequest request) {
		return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
	}

}
