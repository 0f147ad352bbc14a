package org.careqms.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Deny by default, enforced: every CareQMS handler states who may call it. A new controller
 * without {@code @PreAuthorize} (on the method or its class) fails this test.
 */
@CareQmsTest
class SecuredEndpointsTests {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void everyHandlerDeclaresWhoMayCallIt() {
		List<String> unsecured = new ArrayList<>();
		mappings.getHandlerMethods().forEach((info, handler) -> {
			Class<?> type = handler.getBeanType();
			if (!type.getPackageName().startsWith("org.careqms")) {
				return;
			}
			Method method = handler.getMethod();
			boolean secured = AnnotatedElementUtils.hasAnnotation(method, PreAuthorize.class)
					|| AnnotatedElementUtils.hasAnnotation(type, PreAuthorize.class);
			if (!secured) {
				unsecured.add(type.getSimpleName() + "." + method.getName());
			}
		});
		assertThat(unsecured).isEmpty();
		assertThat(mappings.getHandlerMethods()).isNotEmpty();
	}
}
