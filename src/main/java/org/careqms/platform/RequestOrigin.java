package org.careqms.platform;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Where the current request came from (client address and user agent), for the audit trail. */
public record RequestOrigin(String clientAddress, String userAgent) {

	public static final RequestOrigin SYSTEM = new RequestOrigin(null, "careqms");

	public static RequestOrigin current() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return of(request);
		}
		return SYSTEM;
	}

	public static RequestOrigin of(HttpServletRequest request) {
		String agent = request.getHeader("User-Agent");
		if (agent != null && agent.length() > 300) {
			agent = agent.substring(0, 300);
		}
		return new RequestOrigin(request.getRemoteAddr(), agent);
	}
}
