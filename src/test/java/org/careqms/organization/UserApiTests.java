package org.careqms.organization;

import static org.assertj.core.api.Assertions.assertThat;

import org.careqms.support.Api;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Users, lockout and API tokens over real HTTP. */
@CareQmsTest
class UserApiTests {

	static final String STRONG = "Kardio#Qual1ty";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Api api;

	@BeforeEach
	void setUp() {
		api = new Api(port);
	}

	private String user(String username, String roles, String departments) {
		return """
				{"username": "%s", "password": "%s", "displayName": "测试用户", "roles": [%s], "departmentCodes": [%s]}"""
			.formatted(username, STRONG, roles, departments);
	}

	@Test
	void administratorCreatesAUserWhoCanThenSignIn() {
		var created = api.post("/api/v1/users", user("li.na", "\"QC_OFFICER\"", "\"0301\""), Api.demo("admin"));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("username").asString()).isEqualTo("li.na");
		assertThat(created.json().has("password")).isFalse();
		assertThat(created.json().get("departmentCodes").get(0).asString()).isEqualTo("0301");

		var me = api.get("/api/v1/me", Api.basic("li.na", STRONG));
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("hospitalWide").asBoolean()).isFalse();
		assertThat(me.json().get("departmentCodes").valueStream().map(n -> n.asString())).contains("0301");
	}

	@Test
	void passwordsAreStoredHashedNeverInPlainText() {
		api.post("/api/v1/users", user("hash.check", "\"STAFF\"", "\"0301\""), Api.demo("admin"));
		String hash = jdbc.sql("select password_hash from app_user where username = 'hash.check'").query(String.class)
			.single();
		assertThat(hash).startsWith("{bcrypt}").doesNotContain(STRONG);
	}

	@Test
	void duplicateUsernameIs409EvenWithDifferentCase() {
		assertThat(api.post("/api/v1/users", user("dup.user", "\"STAFF\"", "\"0301\""), Api.demo("admin")).status())
			.isEqualTo(201);
		var again = api.post("/api/v1/users", user("DUP.user", "\"STAFF\"", "\"0301\""), Api.demo("admin"));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("code").asString()).isEqualTo("user.username-taken");
	}

	@Test
	void weakPasswordsAre400() {
		for (String weak : new String[] { "short1!", "alllowercaseletters", "Password123", "weak.user2026!X" }) {
			var answer = api.post("/api/v1/users", """
					{"username": "weak.user", "password": "%s", "displayName": "弱", "roles": ["STAFF"], "departmentCodes": ["0301"]}"""
				.formatted(weak), Api.demo("admin"));
			assertThat(answer.status()).as(weak).isEqualTo(400);
			assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
		}
	}

	@Test
	void departmentRolesNeedADepartmentAndAuditorsAnEndDate() {
		var noDepartment = api.post("/api/v1/users", user("no.dept", "\"QC_OFFICER\"", ""), Api.demo("admin"));
		assertThat(noDepartment.status()).isEqualTo(400);
		assertThat(noDepartment.json().get("errors").get(0).get("field").asString()).isEqualTo("departmentCodes");
		var auditor = api.post("/api/v1/users", user("no.end", "\"AUDITOR\"", "\"0301\""), Api.demo("admin"));
		assertThat(auditor.status()).isEqualTo(400);
		assertThat(auditor.json().get("errors").get(0).get("field").asString()).isEqualTo("accessExpiresAt");
		var unknown = api.post("/api/v1/users", user("bad.dept", "\"STAFF\"", "\"NOPE\""), Api.demo("admin"));
		assertThat(unknown.status()).isEqualTo(400);
	}

	@Test
	void fiveFailuresLockTheAccountEvenForTheRightPassword() {
		assertThat(api.post("/api/v1/users", user("lock.me", "\"STAFF\"", "\"0301\""), Api.demo("admin")).status())
			.isEqualTo(201);
		assertThat(api.get("/api/v1/me", Api.basic("lock.me", STRONG)).status()).isEqualTo(200);
		for (int i = 0; i < 4; i++) {
			assertThat(api.get("/api/v1/me", Api.basic("lock.me", "Wrong#Passw0rd")).status()).isEqualTo(401);
		}
		// four failures: not yet locked, and a success resets the count
		assertThat(api.get("/api/v1/me", Api.basic("lock.me", STRONG)).status()).isEqualTo(200);
		for (int i = 0; i < 5; i++) {
			assertThat(api.get("/api/v1/me", Api.basic("lock.me", "Wrong#Passw0rd")).status()).isEqualTo(401);
		}
		var locked = api.get("/api/v1/me", Api.basic("lock.me", STRONG));
		assertThat(locked.status()).isEqualTo(401);
		assertThat(locked.json().get("detail").asString()).contains("锁定");

		Long minutes = jdbc.sql("""
				select extract(epoch from (locked_until - now())) / 60 from app_user where username = 'lock.me'""")
			.query(Long.class)
			.single();
		assertThat(minutes).isBetween(14L, 15L);
		assertThat(jdbc.sql("""
				select count(*) from audit_entry where action = 'LOCK' and summary = 'lock.me'""").query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void onlyAdministratorsManageUsers() {
		for (String role : new String[] { "quality", "head.cardio", "qc.cardio", "nurse.cardio", "auditor" }) {
			assertThat(api.post("/api/v1/users", user("not.allowed", "\"STAFF\"", "\"0301\""), Api.demo(role)).status())
				.as(role)
				.isEqualTo(403);
		}
	}

	@Test
	void unknownTokenIs401() {
		assertThat(api.get("/api/v1/me", Api.bearer("cq_not-a-real-token")).status()).isEqualTo(401);
		assertThat(api.get("/api/v1/me", Api.bearer("garbage")).status()).isEqualTo(401);
	}
}
