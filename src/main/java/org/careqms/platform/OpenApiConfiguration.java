package org.careqms.platform;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.boot.info.BuildProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Describes the API at /v3/api-docs: what it is and how callers authenticate. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI careQmsOpenApi(ObjectProvider<BuildProperties> build) {
		String version = build.getIfAvailable() == null ? "v1" : build.getIfAvailable().getVersion();
		return new OpenAPI()
			.info(new Info().title("CareQMS API")
				.version(version)
				.description("Hospital quality management and audit. Errors are RFC 9457 problem details "
						+ "with a stable `code`; texts follow Accept-Language (zh-CN or en).")
				.license(new License().name("Open source")))
			.components(new Components()
				.addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
				.addSecuritySchemes("token", new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.description("Personal API token (cq_…), created under My account")))
			.addSecurityItem(new SecurityRequirement().addList("basic"))
			.addSecurityItem(new SecurityRequirement().addList("token"));
	}
}
