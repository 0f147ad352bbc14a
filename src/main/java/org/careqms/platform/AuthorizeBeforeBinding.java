package org.careqms.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks a handler's {@code @PreAuthorize} before Spring MVC reads and validates the request body:
 * a caller without the right role gets 403, not a 400 that tells them what a valid request would
 * look like. Method security still checks again when the method runs. Expressions here must not
 * refer to method arguments (none of CareQMS's do; department rules live in the services).
 */
class AuthorizeBeforeBinding implements HandlerInterceptor {

	private final PreAuthorizeAuthorizationManager authorization = new PreAuthorizeAuthorizationManager();

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (handler instanceof HandlerMethod method) {
			var invocation = new SimpleMethodInvocation(method.getBean(), method.getMethod());
			AuthorizationResult result = authorization
				.authorize(() -> SecurityContextHolder.getContext().getAuthentication(), invocation);
			if (result != null && !result.isGranted()) {
				throw new AuthorizationDeniedException("Access Denied", result);
			}
		}
		return true;
	}
}
