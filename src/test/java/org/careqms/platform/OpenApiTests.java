package org.careqms.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.careqms.support.Api;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The API describes itself (OpenAPI, Swagger UI) and reports its health. */
@CareQmsTest
class OpenApiTests {

	@LocalServerPort
	int port;

	@Test
	void openApiDescribesTheContractEndpointsAndHowToAuthenticate() {
		var docs = new Api(port).get("/v3/api-docs", null);
		assertThat(docs.status()).isEqualTo(200);
		var json = docs.json();
		assertThat(json.get("info").get("title").asString()).isEqualTo("CareQMS API");
		assertThat(json.get("paths").has("/api/v1/departments")).isTrue();
		assertThat(json.get("paths").has("/api/v1/users")).isTrue();
		// running records (ADR 0015): the census import and the running list
		assertThat(json.get("paths").has("/api/v1/imports/inpatients")).isTrue();
		assertThat(json.get("paths").get("/api/v1/record-qc/running").has("get")).isTrue();
		assertThat(json.get("components").get("securitySchemes").has("basic")).isTrue();
		assertThat(json.get("components").get("securitySchemes").has("token")).isTrue();
	}

	@Test
	void swaggerUiAndHealthAreReachable() {
		var api = new Api(port);
		assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
		var health = api.get("/actuator/health", null);
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.body()).contains("\"UP\"");
		assertThat(api.get("/actuator/env", null).status()).isIn(302, 401, 404);
	}
}
