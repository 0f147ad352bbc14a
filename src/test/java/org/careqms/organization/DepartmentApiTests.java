package org.careqms.organization;

import static org.assertj.core.api.Assertions.assertThat;

import org.careqms.support.Api;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The departments part of api-contract.md, over real HTTP. */
@CareQmsTest
class DepartmentApiTests {

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void setUp() {
		api = new Api(port);
	}

	@Test
	void anonymousCallsGet401ProblemJsonNotALoginPage() {
		var answer = api.get("/api/v1/departments", null);
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.json().get("code").asString()).isEqualTo("unauthenticated");
		assertThat(answer.json().get("status").asInt()).isEqualTo(401);
	}

	@Test
	void wrongPasswordGets401() {
		assertThat(api.get("/api/v1/departments", Api.basic("quality", "not-the-password")).status()).isEqualTo(401);
	}

	@Test
	void createsADepartmentThenRefusesTheSameCode() {
		String body = """
				{"code": "T0301", "name": "测试心内科", "parentCode": null}""";
		var created = api.post("/api/v1/departments", body, Api.demo("admin"));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("code").asString()).isEqualTo("T0301");
		assertThat(created.json().get("name").asString()).isEqualTo("测试心内科");
		assertThat(created.json().get("parentCode").isNull()).isTrue();

		var again = api.post("/api/v1/departments", body, Api.demo("admin"));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.contentType()).startsWith("application/problem+json");
		assertThat(again.json().get("code").asString()).isEqualTo("department.code-taken");

		var list = api.get("/api/v1/departments", Api.demo("nurse.cardio"));
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().valueStream().map(d -> d.get("code").asString())).contains("T0301", "0301");
	}

	@Test
	void createsASubDepartmentUnderItsParentCode() {
		var created = api.post("/api/v1/departments", """
				{"code": "T0301A", "name": "心内一病区", "parentCode": "0301", "type": "NURSING_UNIT", "hisCodes": ["HIS:T9001"]}""",
				Api.demo("quality"));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("parentCode").asString()).isEqualTo("0301");
		assertThat(created.json().get("type").asString()).isEqualTo("NURSING_UNIT");
		assertThat(api.get("/api/v1/departments/T0301A", Api.demo("auditor")).json().get("hisCodes").get(0).asString())
			.isEqualTo("HIS:T9001");
	}

	@Test
	void invalidInputGets400WithFieldErrorsInTheCallersLanguage() {
		var answer = api.send("POST", "/api/v1/departments", """
				{"code": "", "name": "", "parentCode": null}""", Api.demo("admin"), "en");
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("code").asString()).isEqualTo("validation");
		assertThat(answer.json().get("errors").valueStream().map(e -> e.get("field").asString()))
			.contains("code", "name");
		assertThat(answer.json().get("detail").asString()).isEqualTo("Some fields are not valid.");
	}

	@Test
	void unknownParentCodeIs400() {
		var answer = api.post("/api/v1/departments", """
				{"code": "T0302", "name": "孤儿科", "parentCode": "NOPE"}""", Api.demo("admin"));
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("parentCode");
	}

	@Test
	void malformedJsonIs400NotA500() {
		var answer = api.post("/api/v1/departments", "{\"code\": ", Api.demo("admin"));
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("code").asString()).isEqualTo("malformed");
	}

	@Test
	void unknownDepartmentIs404() {
		assertThat(api.get("/api/v1/departments/NOPE", Api.demo("admin")).status()).isEqualTo(404);
	}

	@Test
	void retiringADepartmentWithActiveChildrenIsRefused() {
		var answer = api.post("/api/v1/departments/01/retire", "{\"reason\": \"合并\"}", Api.demo("admin"));
		assertThat(answer.status()).isEqualTo(409);
		assertThat(answer.json().get("code").asString()).isEqualTo("department.has-active-children");
	}

	@Test
	void retiredDepartmentsLeaveTheDefaultListButKeepTheirHistory() {
		assertThat(api.post("/api/v1/departments", """
				{"code": "T0303", "name": "临时科室"}""", Api.demo("admin")).status()).isEqualTo(201);
		var retired = api.post("/api/v1/departments/T0303/retire", "{\"reason\": \"撤销\"}", Api.demo("admin"));
		assertThat(retired.status()).isEqualTo(200);
		assertThat(retired.json().get("retired").asBoolean()).isTrue();
		assertThat(api.get("/api/v1/departments", Api.demo("admin")).json().valueStream()
			.map(d -> d.get("code").asString())).doesNotContain("T0303");
		assertThat(api.get("/api/v1/departments?includeRetired=true", Api.demo("admin")).json().valueStream()
			.map(d -> d.get("code").asString())).contains("T0303");
	}

	@Test
	void staleVersionIs409() {
		assertThat(api.post("/api/v1/departments", """
				{"code": "T0304", "name": "版本科"}""", Api.demo("admin")).status()).isEqualTo(201);
		assertThat(api.put("/api/v1/departments/T0304", """
				{"code": "T0304", "name": "版本科（改）", "version": 0}""", Api.demo("admin")).status()).isEqualTo(200);
		var stale = api.put("/api/v1/departments/T0304", """
				{"code": "T0304", "name": "版本科（再改）", "version": 0}""", Api.demo("admin"));
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.json().get("code").asString()).isEqualTo("stale");
	}
}
