package org.careqms.platform;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Language: pages default to zh-CN and switch with {@code ?lang=en} (remembered in a cookie); the API
 * follows {@code Accept-Language}. Only zh-CN and en are offered.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	static final List<Locale> SUPPORTED = List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH);

	@Bean
	Clock clock() {
		return Clock.systemDefaultZone();
	}

	@Bean
	LocaleResolver localeResolver() {
		return new CareQmsLocaleResolver();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		var change = new LocaleChangeInterceptor();
		change.setParamName("lang");
		change.setIgnoreInvalidLocale(true);
		registry.addInterceptor(change).excludePathPatterns("/api/**");
		registry.addInterceptor(new AuthorizeBeforeBinding());
	}

	static final class CareQmsLocaleResolver implements LocaleResolver {

		private final AcceptHeaderLocaleResolver api = new AcceptHeaderLocaleResolver();
		private final CookieLocaleResolver pages = new CookieLocaleResolver("CAREQMS_LANG");

		CareQmsLocaleResolver() {
			api.setSupportedLocales(SUPPORTED);
			api.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
			pages.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
			pages.setCookieMaxAge(Duration.ofDays(365));
			pages.setCookieHttpOnly(true);
		}

		@Override
		public Locale resolveLocale(HttpServletRequest request) {
			return isApi(request) ? api.resolveLocale(request) : supported(pages.resolveLocale(request));
		}

		@Override
		public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
			if (!isApi(request)) {
				pages.setLocale(request, response, locale == null ? null : supported(locale));
			}
		}

		private static boolean isApi(HttpServletRequest request) {
			return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
		}

		private static Locale supported(Locale locale) {
			return "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
		}
	}
}
