package org.careqms.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.careqms.support.Api;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The staff API over real HTTP against the demo hospital: scope, status codes, audit. */
@CareQmsTest
class StaffApiTests {

	static final AtomicInteger SEQUENCE = new AtomicInteger();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Api api;

	@BeforeEach
	void setUp() {
		api = new Api(port);
	}

	private static String newEmployeeNo() {
		return "SA" + System.nanoTime() % 1_000_000 + SEQUENCE.incrementAndGet();
	}

	private static String staffJson(String employeeNo, String title, String departmentCode) {
		return """
				{"employeeNo": "%s", "name": "测试医师", "profession": "DOCTOR", "title": "%s", "departmentCode": "%s",
				 "phone": "0571-88880000", "email": "test@example.org"}""".formatted(employeeNo, title, departmentCode);
	}

	private List<String> departmentCodesSeenBy(String user, String query) {
		var answer = api.get("/api/v1/staff" + query, Api.demo(user));
		assertThat(answer.status()).isEqualTo(200);
		return answer.json().valueStream().map(s -> s.get("departmentCode").asString()).distinct().toList();
	}

	@Test
	void departmentBoundUsersSeeOnlyTheirDepartmentsStaff() {
		assertThat(departmentCodesSeenBy("qc.ortho", "")).isNotEmpty().allMatch(c -> c.startsWith("0402"));
		assertThat(departmentCodesSeenBy("nurse.cardio", "")).containsExactly("0301W");
		assertThat(departmentCodesSeenBy("admin", "")).contains("0301", "0402", "0903", "1002");
	}

	@Test
	void filtersByDepartmentCodeWithinTheCallersScope() {
		var cardiology = api.get("/api/v1/staff?department=0301", Api.demo("head.cardio"));
		assertThat(cardiology.status()).isEqualTo(200);
		assertThat(cardiology.json().valueStream().map(s -> s.get("employeeNo").asString()))
			.contains("D0301001", "D0301002")
			.doesNotContain("N0301001");
		var first = cardiology.json().valueStream().filter(s -> s.get("employeeNo").asString().equals("D0301001"))
			.findFirst().orElseThrow();
		assertThat(first.get("name").asString()).isEqualTo("张伟");
		assertThat(first.get("profession").asString()).isEqualTo("DOCTOR");
		assertThat(first.get("title").asString()).isEqualTo("CHIEF_PHYSICIAN");
		assertThat(first.get("retired").asBoolean()).isFalse();

		assertThat(api.get("/api/v1/staff?department=0301", Api.demo("qc.ortho")).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/staff?department=NOPE", Api.demo("admin")).status()).isEqualTo(404);
	}

	@Test
	void anotherDepartmentsStaffMemberIsNotFound() {
		assertThat(api.get("/api/v1/staff/D0301001", Api.demo("head.cardio")).status()).isEqualTo(200);
		assertThat(api.get("/api/v1/staff/D0301001", Api.demo("auditor")).status()).isEqualTo(200);
		var hidden = api.get("/api/v1/staff/D0301001", Api.demo("qc.ortho"));
		assertThat(hidden.status()).isEqualTo(404);
		assertThat(hidden.contentType()).startsWith("application/problem+json");
		assertThat(api.get("/api/v1/staff/NOBODY", Api.demo("admin")).status()).isEqualTo(404);
	}

	@Test
	void createsStaffThenRefusesTheSameEmployeeNumber() {
		String no = newEmployeeNo();
		var created = api.post("/api/v1/staff", staffJson(no, "ATTENDING_PHYSICIAN", "0303"), Api.demo("quality"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.json().get("employeeNo").asString()).isEqualTo(no);
		assertThat(created.json().get("departmentCode").asString()).isEqualTo("0303");
		assertThat(api.get("/api/v1/staff/" + no, Api.demo("admin")).status()).isEqualTo(200);

		var again = api.post("/api/v1/staff", staffJson(no, "RESIDENT", "0304"), Api.demo("admin"));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("code").asString()).isEqualTo("staff.employee-no-taken");

		Integer entries = jdbc.sql("""
				select count(*) from audit_entry a join staff s on a.entity_id = s.id::text
				where a.entity_type = 'Staff' and a.action = 'CREATE' and s.employee_no = :no""")
			.param("no", no)
			.query(Integer.class)
			.single();
		assertThat(entries).isEqualTo(1);
	}

	@Test
	void invalidInputIs400WithFieldErrors() {
		var answer = api.send("POST", "/api/v1/staff", """
				{"employeeNo": "bad no!", "name": "", "profession": "NURSE", "departmentCode": "0301"}""",
				Api.demo("admin"), "en");
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("code").asString()).isEqualTo("validation");
		assertThat(answer.json().get("errors").valueStream().map(e -> e.get("field").asString()))
			.contains("employeeNo", "name", "title");
	}

	@Test
	void aTitleOfAnotherProfessionIs400() {
		var answer = api.post("/api/v1/staff", """
				{"employeeNo": "%s", "name": "护士甲", "profession": "NURSE", "title": "CHIEF_PHYSICIAN", "departmentCode": "0301W"}"""
			.formatted(newEmployeeNo()), Api.demo("admin"));
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("title");
	}

	@Test
	void anUnknownDepartmentIs400() {
		var answer = api.post("/api/v1/staff", staffJson(newEmployeeNo(), "RESIDENT", "NOPE"), Api.demo("admin"));
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("departmentCode");
	}

	@Test
	void aDepartmentHeadEnrolsOnlyIntoTheirOwnDepartments() {
		assertThat(api.post("/api/v1/staff", staffJson(newEmployeeNo(), "RESIDENT", "0301"), Api.demo("head.cardio"))
			.status()).isEqualTo(201);
		var elsewhere = api.post("/api/v1/staff", staffJson(newEmployeeNo(), "RESIDENT", "0402"),
				Api.demo("head.cardio"));
		assertThat(elsewhere.status()).isEqualTo(403);
		assertThat(elsewhere.json().get("code").asString()).isEqualTo("forbidden");
	}

	@Test
	void readOnlyRolesMayNotEnrol() {
		for (String user : List.of("qc.cardio", "nurse.cardio", "auditor")) {
			assertThat(api.post("/api/v1/staff", staffJson(newEmployeeNo(), "RESIDENT", "0301"), Api.demo(user))
				.status()).as(user).isEqualTo(403);
		}
	}
}
