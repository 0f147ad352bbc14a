package org.careqms.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.careqms.CareQmsApplication;
import org.careqms.support.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * CareQMS on an external PostgreSQL it did not start (the Debian server .ci/run starts and names in
 * CAREQMS_TEST_EXTERNAL_DB_URL): Flyway migrates, no embedded server runs, no demo data is seeded,
 * and the first administrator comes from the environment.
 */
@EnabledIfEnvironmentVariable(named = "CAREQMS_TEST_EXTERNAL_DB_URL", matches = ".+")
class ExternalDatabaseTests {

	@Test
	void runsOnAnExternalPostgresqlWithoutDemoData() {
		String admin = "it.admin";
		String password = "External#Adm1n-2026";
		try (var context = new SpringApplicationBuilder(CareQmsApplication.class).properties(
				"spring.datasource.url=" + System.getenv("CAREQMS_TEST_EXTERNAL_DB_URL"),
				"spring.datasource.username=" + System.getenv("CAREQMS_TEST_EXTERNAL_DB_USERNAME"),
				"spring.datasource.password=" + System.getenv("CAREQMS_TEST_EXTERNAL_DB_PASSWORD"),
				"server.port=0", "careqms.admin.username=" + admin, "careqms.admin.password=" + password)
			.run()) {
			assertThat(context.getBeanNamesForType(io.zonky.test.db.postgres.embedded.EmbeddedPostgres.class)).isEmpty();
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			var api = new Api(port);
			assertThat(api.get("/actuator/health", null).body()).contains("UP");
			assertThat(api.get("/api/v1/me", Api.basic("nurse.cardio", Api.DEMO_PASSWORD)).status())
				.as("no demo users on an external database").isEqualTo(401);
			assertThat(api.get("/api/v1/me", Api.basic(admin, password)).status()).isEqualTo(200);
			String code = "X" + UUID.randomUUID().toString().substring(0, 8);
			assertThat(api.post("/api/v1/departments", "{\"code\": \"" + code + "\", \"name\": \"外部库科室\"}",
					Api.basic(admin, password)).status()).isEqualTo(201);
		}
	}
}
