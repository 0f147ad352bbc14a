package org.careqms.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.careqms.support.Api;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Every page renders completely for the roles that may see it, in both languages (a template error
 * half-way would otherwise leave a truncated page), and the form flows answer as they should.
 */
@CareQmsTest
class PagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	UserDetails as(String username) {
		return users.loadUserByUsername(username);
	}

	UUID id(String sql) {
		return jdbc.sql(sql).query(UUID.class).single();
	}

	String render(String path, String username, String lang) throws Exception {
		MvcResult result = mvc.perform(get(path).param("lang", lang).with(user(as(username))))
			.andExpect(status().isOk())
			.andReturn();
		String html = result.getResponse().getContentAsString();
		assertThat(html).as(path).contains("</html>").doesNotContain("??");
		return html;
	}

	@Test
	void everyPageRendersInBothLanguagesForAnAdministrator() throws Exception {
		UUID cardiology = id("select id from department where code = '0301'");
		UUID admin = id("select id from app_user where username = 'admin'");
		long seq = jdbc.sql("select max(seq) from audit_entry").query(Long.class).single();
		List<String> pages = new ArrayList<>(List.of("/", "/departments", "/departments?retired=true",
				"/departments/" + cardiology, "/departments/new", "/departments/" + cardiology + "/edit", "/users",
				"/users/" + admin, "/users/new", "/users/" + admin + "/edit", "/account", "/audit",
				"/audit?entityType=Department&actor=system", "/audit/" + seq));
		for (String page : pages) {
			String zh = render(page, "admin", "zh_CN");
			String en = render(page, "admin", "en");
			assertThat(zh).contains("lang=\"zh-CN\"");
			assertThat(en).contains("lang=\"en\"");
		}
	}

	@Test
	void theUserListNamesEachUsersDepartments() throws Exception {
		assertThat(render("/users", "admin", "zh_CN")).contains("心血管内科");
	}

	@Test
	void departmentBoundUsersSeeTheirPagesButNotAdministration() throws Exception {
		for (String username : List.of("nurse.cardio", "auditor", "qc.ortho", "head.cardio")) {
			render("/", username, "zh_CN");
			render("/departments", username, "en");
			render("/account", username, "zh_CN");
			mvc.perform(get("/users").with(user(as(username)))).andExpect(status().isForbidden());
			mvc.perform(get("/audit").with(user(as(username)))).andExpect(status().isForbidden());
			mvc.perform(get("/departments/new").with(user(as(username)))).andExpect(status().isForbidden());
		}
	}

	@Test
	void anonymousVisitorsAreSentToTheLoginPage() throws Exception {
		mvc.perform(get("/departments")).andExpect(status().is3xxRedirection());
		mvc.perform(get("/login")).andExpect(status().isOk());
	}

	@Test
	void postingWithoutTheCsrfTokenIsRefused() throws Exception {
		mvc.perform(post("/departments").param("code", "CSRF1").param("name", "跨站").param("type", "CLINICAL")
			.with(user(as("admin")))).andExpect(status().isForbidden());
	}

	@Test
	void invalidDepartmentFormComesBackWithFieldErrors() throws Exception {
		mvc.perform(post("/departments").param("code", "bad code!").param("name", "").param("type", "CLINICAL")
			.with(user(as("admin")))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(view().name("organization/departments/form"))
			.andExpect(model().attributeHasFieldErrors("form", "code", "name"));
	}

	@Test
	void validDepartmentFormRedirectsToTheNewDepartment() throws Exception {
		mvc.perform(post("/departments").param("code", "P0307").param("name", "康复医学科").param("type", "CLINICAL")
			.param("hisCodes", "HIS:1037\nEMR:KF")
			.with(user(as("quality")))
			.with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select count(*) from department_his_code h join department d on d.id = h.department_id "
				+ "where d.code = 'P0307'").query(Long.class).single()).isEqualTo(2);
	}

	@Test
	void aDepartmentCannotBeMovedBelowItsOwnSubDepartment() throws Exception {
		UUID division = id("select id from department where code = '01'");
		UUID cardiology = id("select id from department where code = '0301'");
		Integer version = jdbc.sql("select version from department where code = '01'").query(Integer.class).single();
		mvc.perform(post("/departments/" + division).param("code", "01").param("name", "内科系统")
			.param("type", "DIVISION").param("parentId", cardiology.toString()).param("version", version.toString())
			.with(user(as("admin")))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "parentId"));
	}

	@Test
	void aPersonalTokenWorksForTheApiUntilItIsRevoked() throws Exception {
		MvcResult issued = mvc.perform(post("/account/tokens").param("name", "HIS 对接脚本")
			.with(user(as("qc.cardio")))
			.with(csrf())).andExpect(status().is3xxRedirection()).andReturn();
		String token = (String) issued.getFlashMap().get("issuedToken");
		assertThat(token).startsWith("cq_");
		assertThat(jdbc.sql("select count(*) from api_token where token_hash = encode(sha256(convert_to(:t, 'UTF8')), 'hex')")
			.param("t", token).query(Long.class).single()).isEqualTo(1);

		var api = new Api(port);
		var me = api.get("/api/v1/me", Api.bearer(token));
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("username").asString()).isEqualTo("qc.cardio");
		assertThat(api.post("/api/v1/users", "{}", Api.bearer(token)).status()).isEqualTo(403);

		UUID tokenId = id("select id from api_token where name = 'HIS 对接脚本'");
		mvc.perform(post("/account/tokens/" + tokenId + "/revoke").with(user(as("qc.cardio"))).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(api.get("/api/v1/me", Api.bearer(token)).status()).isEqualTo(401);
	}

	@Test
	void someoneElsesTokenCannotBeRevoked() throws Exception {
		mvc.perform(post("/account/tokens").param("name", "别人的令牌").with(user(as("qc.ortho"))).with(csrf()));
		UUID tokenId = id("select id from api_token where name = '别人的令牌'");
		mvc.perform(post("/account/tokens/" + tokenId + "/revoke").with(user(as("qc.cardio"))).with(csrf()))
			.andExpect(status().isNotFound());
	}

	@Test
	void administratorCreatesAUserThroughTheForm() throws Exception {
		UUID cardiology = id("select id from department where code = '0301'");
		mvc.perform(post("/users").param("username", "form.user").param("password", "Form#User2026")
			.param("displayName", "表单用户").param("roles", "QC_OFFICER").param("departmentIds", cardiology.toString())
			.with(user(as("admin")))
			.with(csrf())).andExpect(status().is3xxRedirection());
		mvc.perform(post("/users").param("username", "form.user2").param("password", "weak")
			.param("displayName", "弱密码").param("roles", "STAFF").param("departmentIds", cardiology.toString())
			.with(user(as("admin")))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "password"));
		mvc.perform(post("/users").param("username", "form.auditor").param("password", "Form#Audit2026")
			.param("displayName", "评审").param("roles", "AUDITOR").param("departmentIds", cardiology.toString())
			.with(user(as("admin")))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "accessExpiresOn"));
	}

	@Test
	void securityHeadersAreSet() throws Exception {
		var response = mvc.perform(get("/login")).andReturn().getResponse();
		assertThat(response.getHeader("Content-Security-Policy")).contains("default-src 'self'", "frame-ancestors 'none'");
		assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
		assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
	}
}
