package org.careqms.platform;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AccountExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Deny by default: every request needs a signed-in user except the login page, static assets and
 * the health probe; controllers then state which roles they serve ({@code @PreAuthorize}, checked
 * by a test). Pages use form login with CSRF; {@code /api/**} uses HTTP Basic or personal tokens and
 * answers 401/403 as problem JSON, never with a login page. See ADR 0003.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
			+ "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, ProblemResponses problems,
			ObjectProvider<ApiTokenAuthenticator> tokens) throws Exception {
		AuthenticationEntryPoint entryPoint = (request, response, ex) -> {
			// RFC 9110: a 401 names the schemes it accepts
			response.setHeader("WWW-Authenticate", "Basic realm=\"CareQMS\", Bearer realm=\"CareQMS\"");
			String key = ex instanceof LockedException ? "problem.locked"
					: ex instanceof DisabledException || ex instanceof AccountExpiredException ? "problem.disabled"
							: "problem.unauthenticated";
			problems.write(request, response,
					problems.problem(request, HttpStatus.UNAUTHORIZED, "unauthenticated", key));
		};
		AccessDeniedHandler denied = (request, response, ex) -> problems.write(request, response,
				problems.problem(request, HttpStatus.FORBIDDEN, "forbidden", "problem.forbidden"));
		http.securityMatcher("/api/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
			.httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// stateless, credentials in every request and no cookies: nothing for CSRF to ride on
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable())
			.exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'")));
		tokens.ifAvailable(authenticator -> http.addFilterBefore(new BearerTokenFilter(authenticator, entryPoint),
				BasicAuthenticationFilter.class));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain pageSecurity(HttpSecurity http) throws Exception {
		AuthenticationFailureHandler failure = (request, response, ex) -> {
			String reason = ex instanceof LockedException ? "locked"
					: ex instanceof DisabledException || ex instanceof AccountExpiredException ? "disabled" : "error";
			response.sendRedirect(request.getContextPath() + "/login?" + reason);
		};
		http.authorizeHttpRequests(requests -> requests
				.requestMatchers("/login", "/webjars/**", "/css/**", "/js/**", "/img/**", "/favicon.ico", "/error",
						"/actuator/health", "/actuator/health/**",
						// the public adverse-event reporting link: an unknown or disabled token is a 404 (ADR 0014)
						"/report/**",
						// the API's description is as public as the open-source contract it documents
						"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
				.permitAll()
				.anyRequest()
				.authenticated())
			.formLogin(form -> form.loginPage("/login").failureHandler(failure).defaultSuccessUrl("/", false))
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
				.deleteCookies("JSESSIONID"))
			.sessionManagement(session -> session.sessionFixation(fixation -> fixation.newSession()))
			.exceptionHandling(errors -> errors.accessDeniedHandler(
					(request, response, ex) -> response.sendError(HttpServletResponse.SC_FORBIDDEN)))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer
					.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
				.frameOptions(frame -> frame.deny()));
		return http.build();
	}
}
