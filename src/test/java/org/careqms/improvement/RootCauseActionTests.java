package org.careqms.improvement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.careqms.support.Api;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** RCA²: each root cause of an analysis gets actions graded by strength, shown on the RCA page. */
@CareQmsTest
class RootCauseActionTests {

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserDetailsService users;

	private String analysedFall() throws Exception {
		var api = new Api(port);
		String id = api.post("/api/v1/incidents", """
				{"occurredAt": "%s", "departmentCode": "0301", "category": "CAT-FALL", "description": "夜间如厕跌倒",
				 "patientInvolved": true, "anonymous": false}"""
			.formatted(LocalDateTime.now().minusHours(3).truncatedTo(ChronoUnit.SECONDS)), Api.demo("nurse.cardio"))
			.json().get("id").asString();
		mvc.perform(post("/incidents/" + id + "/triage").param("level", "CN-III").param("handlingDepartmentId",
				cardiology().toString()).with(user(users.loadUserByUsername("quality"))).with(csrf()));
		mvc.perform(post("/incidents/" + id + "/rca").param("rootCauses", "夜间病区照明不足\n清洁流程无警示要求")
			.with(user(users.loadUserByUsername("head.cardio"))).with(csrf()))
			.andExpect(flash().attribute("success", "incidents.rca.saved"));
		return id;
	}

	private UUID cardiology() {
		return jdbc.sql("select id from department where code = '0301'").query(UUID.class).single();
	}

	private MockHttpServletRequestBuilder plan(String incident, String rootCause, String strength, String title) {
		var request = post("/actions").param("incidentId", incident).param("rootCause", rootCause).param("title", title)
			.param("responsibleDepartmentId", cardiology().toString())
			.param("dueDate", LocalDate.now().plusDays(20).toString());
		if (strength != null) {
			request.param("strength", strength);
		}
		return request.with(csrf());
	}

	private String fragment(String incident, String username, String lang) throws Exception {
		return mvc.perform(get("/actions/fragments/root-causes").param("incident", incident).param("lang", lang)
			.with(user(users.loadUserByUsername(username)))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
	}

	@Test
	void aRootCauseGetsGradedActionsThatTheRcaPageListsWithWarnings() throws Exception {
		String id = analysedFall();
		String empty = fragment(id, "head.cardio", "en");
		assertThat(empty).contains("夜间病区照明不足", "清洁流程无警示要求", "id=\"plan-action-1\"");
		assertThat(empty.split("class=\"alert alert-warning[^\"]*no-action", -1)).hasSize(3); // both causes warned

		// "plan an action" opens the action form prefilled with the event, the root cause and the handling department
		String form = mvc.perform(get("/actions/new").param("incident", id).param("rootCause", "1").param("lang", "zh_CN")
			.with(user(users.loadUserByUsername("head.cardio")))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(form).contains("id=\"root-cause-context\"", "夜间病区照明不足", "value=\"" + id + "\"")
			.containsPattern("value=\"" + cardiology() + "\"\\s+selected").doesNotContain("??");

		// RCA² asks for a strength
		mvc.perform(plan(id, "夜间病区照明不足", null, "提醒夜班护士巡视").with(user(users.loadUserByUsername("head.cardio"))))
			.andExpect(status().isOk());
		// a root cause that is not (or no longer) in the analysis is refused
		mvc.perform(plan(id, "别的原因", "WEAK", "x").with(user(users.loadUserByUsername("head.cardio"))))
			.andExpect(status().isOk());
		assertThat(jdbc.sql("select count(*) from improvement_action where incident_id = cast(:id as uuid)")
			.param("id", id).query(Long.class).single()).isZero();

		mvc.perform(plan(id, "夜间病区照明不足", "WEAK", "提醒夜班护士巡视").with(user(users.loadUserByUsername("head.cardio"))))
			.andExpect(redirectedUrl("/incidents/" + id + "/rca"))
			.andExpect(flash().attribute("success", "improvement.planned"));
		// the first action moves the event to action planning
		assertThat(jdbc.sql("select status from incident where id = cast(:id as uuid)").param("id", id)
			.query(String.class).single()).isEqualTo("ACTION_PLANNING");
		String weak = fragment(id, "quality", "en");
		assertThat(weak).contains("提醒夜班护士巡视", "weak-only");
		mvc.perform(plan(id, "夜间病区照明不足", "STRONG", "病区加装感应夜灯").with(user(users.loadUserByUsername("quality"))))
			.andExpect(redirectedUrl("/incidents/" + id + "/rca"));
		for (String lang : List.of("zh_CN", "en")) {
			String html = fragment(id, "head.cardio", lang);
			assertThat(html).contains("病区加装感应夜灯").doesNotContain("weak-only").doesNotContain("??");
			assertThat(html.split("no-action", -1)).hasSize(2); // only the second cause is still without an action
		}
		assertThat(fragment(id, "head.cardio", "zh_CN")).contains("强（改变系统）", "弱（依赖培训与提醒）");
		var stored = jdbc.sql("select root_cause, strength, source_type, responsible_department_id from improvement_action"
				+ " where incident_id = cast(:id as uuid) order by reference").param("id", id).query().listOfRows();
		assertThat(stored).extracting(r -> r.get("strength")).containsExactly("WEAK", "STRONG");
		assertThat(stored).allSatisfy(r -> {
			assertThat(r.get("root_cause")).isEqualTo("夜间病区照明不足");
			assertThat(r.get("source_type")).isEqualTo("INCIDENT");
			assertThat(r.get("responsible_department_id")).isEqualTo(cardiology());
		});
		assertThat(jdbc.sql("select count(*) from audit_entry where entity_type = 'Incident' and entity_id = :id"
				+ " and after_state::text like '%ACTION_PLANNING%'").param("id", id).query(Long.class).single()).isEqualTo(1);
		String actionId = jdbc.sql("select id from improvement_action where incident_id = cast(:id as uuid)"
				+ " and strength = 'STRONG'").param("id", id).query(UUID.class).single().toString();
		var view = new Api(port).get("/api/v1/actions/" + actionId, Api.demo("head.cardio")).json();
		assertThat(view.get("strength").asString()).isEqualTo("STRONG");
		assertThat(view.get("rootCause").asString()).isEqualTo("夜间病区照明不足");
		assertThat(view.get("incidentId").asString()).isEqualTo(id);
		String detail = mvc.perform(get("/actions/" + actionId).param("lang", "en")
			.with(user(users.loadUserByUsername("head.cardio")))).andReturn().getResponse().getContentAsString();
		assertThat(detail).contains("id=\"action-root-cause\"", "/incidents/" + id + "/rca").doesNotContain("??");
		// the RCA page asks the improvement module for the fragment
		String rca = mvc.perform(get("/incidents/" + id + "/rca").with(user(users.loadUserByUsername("head.cardio"))))
			.andReturn().getResponse().getContentAsString();
		assertThat(rca).contains("hx-get=\"/actions/fragments/root-causes?incident=" + id + "\"");
	}

	@Test
	void onlyThoseWhoMaySeeTheEventSeeOrPlanItsActions() throws Exception {
		String id = analysedFall();
		mvc.perform(get("/actions/fragments/root-causes").param("incident", id)
			.with(user(users.loadUserByUsername("qc.ortho")))).andExpect(status().isNotFound());
		mvc.perform(get("/actions/new").param("incident", id).param("rootCause", "1")
			.with(user(users.loadUserByUsername("qc.ortho")))).andExpect(status().isNotFound());
		mvc.perform(get("/actions/new").param("incident", id).param("rootCause", "9")
			.with(user(users.loadUserByUsername("quality")))).andExpect(status().isNotFound());
		mvc.perform(plan(id, "夜间病区照明不足", "STRONG", "x").with(user(users.loadUserByUsername("nurse.cardio"))))
			.andExpect(status().isForbidden());
		mvc.perform(plan(id, "夜间病区照明不足", "STRONG", "x").with(user(users.loadUserByUsername("auditor"))))
			.andExpect(status().isForbidden());
		// the auditor may read the analysis's actions but not plan them
		assertThat(fragment(id, "auditor", "en")).doesNotContain("plan-action-1");
	}
}
