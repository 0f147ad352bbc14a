package org.careqms.audits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.careqms.standards.ChecklistTemplates;
import org.careqms.support.Api;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;

/** A saved plan changes for its inspections nobody has started; started and submitted ones stay as they were. */
@CareQmsTest
class PlanChangeTests {

	static final AtomicInteger SEQUENCE = new AtomicInteger();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ChecklistTemplates templates;

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	Api api() {
		return new Api(port);
	}

	UUID hospital() {
		return jdbc.sql("select id from hospital where code = 'H0001'").query(UUID.class).single();
	}

	long ward() {
		return templates.published(hospital()).stream().filter(t -> t.code().equals("CL-WARD-NURSING")).findFirst()
			.orElseThrow().versionId();
	}

	long core() {
		return templates.published(hospital()).stream().filter(t -> t.code().equals("CL-CORE")).findFirst()
			.orElseThrow().versionId();
	}

	/** A monthly plan for cardiology over the next three months, by qc.ortho. */
	JsonNode plan() {
		YearMonth next = YearMonth.now().plusMonths(1);
		var answer = api().post("/api/v1/audit-plans", "{\"title\": \"修改计划" + SEQUENCE.incrementAndGet()
				+ "\", \"auditType\": \"ROUTINE\", \"templateVersionId\": " + ward() + ", \"departmentCodes\": [\"0301\"], "
				+ "\"auditors\": [\"qc.ortho\"], \"firstMonth\": \"" + next + "\", \"lastMonth\": \"" + next.plusMonths(2)
				+ "\", \"dayOfMonth\": 12}", Api.demo("quality"));
		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
		return answer.json();
	}

	Api.Answer change(String planId, String body) {
		return api().put("/api/v1/audit-plans/" + planId, body, Api.demo("quality"));
	}

	List<String> ids(JsonNode lines) {
		List<String> ids = new ArrayList<>();
		lines.forEach(l -> ids.add(l.get("id").asString()));
		return ids;
	}

	@Test
	void aChangeReachesOnlyTheInspectionsNobodyHasStarted() {
		JsonNode plan = plan();
		String planId = plan.get("id").asString();
		var inspections = plan.get("inspections");
		assertThat(inspections).hasSize(3);
		String started = inspections.get(0).get("id").asString();
		String wardItem = templates.version(hospital(), ward()).orElseThrow().items()
			.filter(i -> i.scoring() == org.careqms.standards.ScoringMethod.PASS_FAIL).findFirst().orElseThrow().code();
		// qc.ortho starts the first month's inspection
		var answered = api().put("/api/v1/inspections/" + started + "/answers/" + wardItem, "{\"outcome\": \"PASS\"}",
				Api.demo("qc.ortho"));
		assertThat(answered.status()).as(answered.body()).isEqualTo(200);

		// another auditor, orthopaedics added; the same checklist version
		var changed = change(planId, "{\"templateVersionId\": " + ward() + ", \"departmentCodes\": [\"0301\", \"0402\"], "
				+ "\"auditors\": [\"qc.cardio\"], \"reason\": \"质控员调岗\"}");
		assertThat(changed.status()).as(changed.body()).isEqualTo(200);
		var view = changed.json();
		assertThat(view.get("auditors").get(0).asString()).isEqualTo("qc.cardio");
		assertThat(view.get("updated")).hasSize(2);
		assertThat(view.get("added")).as("orthopaedics, three months").hasSize(3);
		assertThat(view.get("unchanged")).hasSize(1);
		assertThat(ids(view.get("unchanged"))).containsExactly(started);
		// the started inspection keeps its team; the others have the new one
		var startedView = api().get("/api/v1/inspections/" + started, Api.demo("quality")).json();
		assertThat(startedView.get("auditors").get(0).asString()).isEqualTo("qc.ortho");
		String later = inspections.get(1).get("id").asString();
		assertThat(api().get("/api/v1/inspections/" + later, Api.demo("quality")).json().get("auditors").get(0).asString())
			.isEqualTo("qc.cardio");
		// the new auditor is told; the change is on the audit trail with its reason
		assertThat(jdbc.sql("""
				select count(*) from notification n join app_user u on u.id = n.user_id
				where u.username = 'qc.cardio' and n.dedupe_key = :key""").param("key", "audit-plan:" + planId + ":assigned")
			.query(Integer.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from audit_entry where entity_type = 'AuditPlan' and entity_id = :id and summary like '%质控员调岗%'")
			.param("id", planId).query(Integer.class).single()).isEqualTo(1);

		// cardiology removed: its not-started inspections are voided, the started one stays
		var removed = change(planId, "{\"templateVersionId\": " + ward() + ", \"departmentCodes\": [\"0402\"], "
				+ "\"auditors\": [\"qc.cardio\"], \"reason\": \"心内科本季度免检\"}");
		assertThat(removed.status()).as(removed.body()).isEqualTo(200);
		assertThat(removed.json().get("removed")).hasSize(2);
		assertThat(jdbc.sql("select status from inspection where id = :id").param("id", UUID.fromString(started))
			.query(String.class).single()).isEqualTo("IN_PROGRESS");
		assertThat(jdbc.sql("select status, void_reason from inspection where id = :id").param("id", UUID.fromString(later))
			.query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).single()).isEqualTo("VOIDED 心内科本季度免检");
	}

	@Test
	void badChangesAreRefusedWithTheField() {
		String planId = plan().get("id").asString();
		// another template's version is not a version of this plan's checklist
		var other = change(planId, "{\"templateVersionId\": " + core() + ", \"departmentCodes\": [\"0301\"], "
				+ "\"auditors\": [\"qc.ortho\"], \"reason\": \"换表\"}");
		assertThat(other.status()).isEqualTo(400);
		assertThat(other.body()).contains("templateVersionId");
		var noReason = change(planId, "{\"templateVersionId\": " + ward() + ", \"departmentCodes\": [\"0301\"], "
				+ "\"auditors\": [\"qc.ortho\"]}");
		assertThat(noReason.status()).isEqualTo(400);
		assertThat(noReason.body()).contains("reason");
		var noDepartment = change(planId, "{\"templateVersionId\": " + ward() + ", \"departmentCodes\": [], "
				+ "\"auditors\": [\"qc.ortho\"], \"reason\": \"x\"}");
		assertThat(noDepartment.status()).isEqualTo(400);
		assertThat(noDepartment.body()).contains("departmentIds");
		var unknown = change(planId, "{\"templateVersionId\": " + ward() + ", \"departmentCodes\": [\"NOPE\"], "
				+ "\"auditors\": [\"qc.ortho\"], \"reason\": \"x\"}");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(change(UUID.randomUUID().toString(), "{\"templateVersionId\": " + ward()
				+ ", \"departmentCodes\": [\"0301\"], \"auditors\": [\"qc.ortho\"], \"reason\": \"x\"}").status())
			.isEqualTo(404);
		// a voided plan is not changed any more
		jdbc.sql("update audit_plan set voided = true, void_reason = '取消' where id = :id").param("id", UUID.fromString(planId))
			.update();
		assertThat(change(planId, "{\"templateVersionId\": " + ward() + ", \"departmentCodes\": [\"0301\"], "
				+ "\"auditors\": [\"qc.ortho\"], \"reason\": \"x\"}").status()).isEqualTo(409);
	}

	@Test
	void aPlannedInspectionIsRescheduledAStartedOneIsNot() throws Exception {
		JsonNode plan = plan();
		String first = plan.get("inspections").get(0).get("id").asString();
		LocalDate date = LocalDate.now().plusDays(20);
		var moved = api().put("/api/v1/inspections/" + first + "/planned-on",
				"{\"plannedOn\": \"" + date + "\", \"reason\": \"与院感检查合并\"}", Api.demo("quality"));
		assertThat(moved.status()).as(moved.body()).isEqualTo(200);
		assertThat(moved.json().get("plannedOn").asString()).isEqualTo(date.toString());
		var past = api().put("/api/v1/inspections/" + first + "/planned-on",
				"{\"plannedOn\": \"2020-01-01\", \"reason\": \"x\"}", Api.demo("quality"));
		assertThat(past.status()).isEqualTo(400);
		assertThat(past.body()).contains("plannedOn");
		String wardItem = templates.version(hospital(), ward()).orElseThrow().items()
			.filter(i -> i.scoring() == org.careqms.standards.ScoringMethod.PASS_FAIL).findFirst().orElseThrow().code();
		assertThat(api().put("/api/v1/inspections/" + first + "/answers/" + wardItem, "{\"outcome\": \"PASS\"}",
				Api.demo("qc.ortho")).status()).isEqualTo(200);
		var started = api().put("/api/v1/inspections/" + first + "/planned-on",
				"{\"plannedOn\": \"" + date.plusDays(1) + "\", \"reason\": \"再改\"}", Api.demo("quality"));
		assertThat(started.status()).isEqualTo(409);
		assertThat(api().put("/api/v1/inspections/" + first + "/planned-on",
				"{\"plannedOn\": \"" + date + "\", \"reason\": \"x\"}", Api.demo("qc.ortho")).status()).isEqualTo(403);

		// the pages: the plan's change form and the inspection's reschedule form are the quality office's
		String planId = plan.get("id").asString();
		mvc.perform(get("/audits/plans/" + planId).with(user(users.loadUserByUsername("quality"))))
			.andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString("change-plan-form")));
		String second = plan.get("inspections").get(1).get("id").asString();
		mvc.perform(get("/audits/inspections/" + second).with(user(users.loadUserByUsername("quality"))))
			.andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString("reschedule-form")));
		mvc.perform(post("/audits/inspections/" + second + "/reschedule").param("plannedOn", date.toString())
			.param("reason", "页面改期").with(user(users.loadUserByUsername("quality"))).with(csrf()))
			.andExpect(flash().attribute("success", "audits.inspection.rescheduled"));
		mvc.perform(post("/audits/plans/" + planId + "/change").param("templateVersionId", String.valueOf(ward()))
			.param("departmentIds", jdbc.sql("select id from department where code = '0301'").query(String.class).single())
			.param("auditorIds", jdbc.sql("select id from app_user where username = 'qc.cardio'").query(String.class).single())
			.param("reason", "").with(user(users.loadUserByUsername("quality"))).with(csrf()))
			.andExpect(flash().attribute("failure", "error.audits.change-reason"));
		mvc.perform(post("/audits/plans/" + planId + "/change").param("reason", "x")
			.with(user(users.loadUserByUsername("qc.cardio"))).with(csrf())).andExpect(status().isForbidden());
	}
}
