package org.careqms.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.careqms.notification.Notifications;
import org.careqms.support.Api;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** Adverse-event reporting per api-contract.md, anonymity, idempotency, scoping and the handling flow. */
@CareQmsTest
class IncidentTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	@Autowired
	Notifications notifications;

	@Autowired
	IncidentDeadlines deadlines;

	Api api;

	@BeforeEach
	void setUp() {
		api = new Api(port);
	}

	static String fall(boolean anonymous) {
		return """
				{"occurredAt": "%s", "departmentCode": "0301", "category": "CAT-FALL", "level": "CN-III",
				 "description": "患者夜间如厕时跌倒", "immediateActions": "扶起，通知医生查看", "patientInvolved": true,
				 "anonymous": %s, "details": {"injury": "MINOR", "riskAssessed": "YES"}}"""
			.formatted(LocalDateTime.now().minusHours(2).truncatedTo(ChronoUnit.SECONDS), anonymous);
	}

	@Test
	void aReportIsCreatedAsSubmittedWithAReference() {
		var answer = api.post("/api/v1/incidents", fall(false), Api.demo("nurse.cardio"));
		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
		assertThat(answer.json().get("status").asString()).isEqualTo("SUBMITTED");
		assertThat(answer.json().get("reference").asString()).matches("INC-\\d{4}-\\d{5}");
		assertThat(answer.json().get("details").get("injury").asString()).isEqualTo("MINOR");
		String id = answer.json().get("id").asString();
		assertThat(api.get("/api/v1/incidents/" + id, Api.demo("nurse.cardio")).status()).isEqualTo(200);
		assertThat(api.get("/api/v1/incidents/" + id, Api.demo("head.cardio")).status()).isEqualTo(200);
		assertThat(api.get("/api/v1/incidents/" + id, Api.demo("qc.ortho")).status()).isEqualTo(404);
	}

	@Test
	void aRetriedSubmissionWithTheSameKeyCreatesNothingNew() {
		String key = UUID.randomUUID().toString();
		var first = api.send("POST", "/api/v1/incidents", fall(false), Api.demo("nurse.cardio"), null, key);
		var retry = api.send("POST", "/api/v1/incidents", fall(false), Api.demo("nurse.cardio"), null, key);
		assertThat(first.status()).isEqualTo(201);
		assertThat(retry.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
		assertThat(jdbc.sql("select count(*) from incident_idempotency where idempotency_key = :key").param("key", key)
			.query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void concurrentRetriesWithTheSameKeyCreateOneReport() throws Exception {
		String key = UUID.randomUUID().toString();
		int count = 6;
		var start = new java.util.concurrent.CountDownLatch(1);
		var pool = java.util.concurrent.Executors.newFixedThreadPool(count);
		try {
			List<java.util.concurrent.Future<Api.Answer>> answers = new java.util.ArrayList<>();
			for (int i = 0; i < count; i++) {
				answers.add(pool.submit(() -> {
					start.await();
					return new Api(port).send("POST", "/api/v1/incidents", fall(false), Api.demo("nurse.cardio"), null, key);
				}));
			}
			start.countDown();
			java.util.Set<String> ids = new java.util.HashSet<>();
			for (var answer : answers) {
				var response = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
				assertThat(response.status()).as(response.body()).isIn(200, 201);
				ids.add(response.json().get("id").asString());
			}
			assertThat(ids).hasSize(1);
			assertThat(jdbc.sql("select count(*) from incident where id = cast(:id as uuid)").param("id", ids.iterator().next())
				.query(Long.class).single()).isEqualTo(1);
			assertThat(jdbc.sql("select count(*) from incident_idempotency where idempotency_key = :key").param("key", key)
				.query(Long.class).single()).isEqualTo(1);
			assertThat(jdbc.sql("""
					select count(*) from notification where link = (select '/incidents/' || incident_id
					    from incident_idempotency where idempotency_key = :key)""").param("key", key)
				.query(Long.class).single()).isPositive();
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aRefusedSubmissionKeepsNoKeyAndItsCorrectedRetryIsStored() {
		String key = UUID.randomUUID().toString();
		var refused = api.send("POST", "/api/v1/incidents", fall(false).replace("CAT-FALL", "CAT-NO-SUCH"),
				Api.demo("nurse.cardio"), null, key);
		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(jdbc.sql("select count(*) from incident_idempotency where idempotency_key = :key").param("key", key)
			.query(Long.class).single()).isZero();
		var corrected = api.send("POST", "/api/v1/incidents", fall(false), Api.demo("nurse.cardio"), null, key);
		assertThat(corrected.status()).as(corrected.body()).isEqualTo(201);
		assertThat(jdbc.sql("select incident_id from incident_idempotency where idempotency_key = :key").param("key", key)
			.query(UUID.class).single().toString()).isEqualTo(corrected.json().get("id").asString());
	}

	@Test
	void anAnonymousReportKeepsNoTraceOfItsReporter() {
		var answer = api.post("/api/v1/incidents", fall(true), Api.demo("nurse.cardio"));
		assertThat(answer.status()).isEqualTo(201);
		String id = answer.json().get("id").asString();
		var row = jdbc.sql("select reporter_user_id, created_by, changed_by from incident where id = cast(:id as uuid)")
			.param("id", id).query().singleRow();
		assertThat(row.get("reporter_user_id")).isNull();
		assertThat(row.get("created_by")).isEqualTo("anonymous");
		assertThat(row.get("changed_by")).isEqualTo("anonymous");
		var audit = jdbc.sql("""
				select actor, actor_user_id, client_address, user_agent from audit_entry
				where entity_type = 'Incident' and entity_id = :id""").param("id", id).query().singleRow();
		assertThat(audit.get("actor")).isEqualTo("anonymous");
		assertThat(audit.get("actor_user_id")).isNull();
		assertThat(audit.get("client_address")).isNull();
		assertThat(audit.get("user_agent")).isNull();
		assertThat(jdbc.sql("select count(*) from audit_entry where entity_id = :id and actor = 'nurse.cardio'")
			.param("id", id).query(Long.class).single()).isZero();
		// only the quality office sees it: not the department, not even the (unknown) reporter
		assertThat(api.get("/api/v1/incidents/" + id, Api.demo("quality")).status()).isEqualTo(200);
		assertThat(api.get("/api/v1/incidents/" + id, Api.demo("head.cardio")).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/incidents/" + id, Api.demo("nurse.cardio")).status()).isEqualTo(404);
	}

	@Test
	void aNewReportIsStoredWithEveryColumnAsTheRepositoryWouldStoreIt() {
		// the written-out INSERT of a submission names every column of the table, no more, no fewer
		List<String> columns = jdbc.sql("""
				select column_name from information_schema.columns
				where table_schema = current_schema() and table_name = 'incident'""").query(String.class).list();
		assertThat(Incident.COLUMNS).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(columns);

		var named = api.post("/api/v1/incidents", fall(false), Api.demo("nurse.cardio"));
		var anonymous = api.post("/api/v1/incidents", fall(true), Api.demo("nurse.cardio"));
		assertThat(named.status()).isEqualTo(201);
		assertThat(anonymous.status()).isEqualTo(201);
		var row = jdbc.sql("""
				select i.version, i.created_by, i.changed_by, i.created_at = i.changed_at as same, i.status,
				       i.reporter_user_id = u.id as reporter, i.via_public_link, i.details::jsonb ->> 'injury' as injury
				from incident i join app_user u on u.username = 'nurse.cardio' where i.id = :id""")
			.param("id", UUID.fromString(named.json().get("id").asString())).query().singleRow();
		assertThat(row).containsEntry("version", 0).containsEntry("created_by", "nurse.cardio")
			.containsEntry("changed_by", "nurse.cardio").containsEntry("same", true).containsEntry("status", "SUBMITTED")
			.containsEntry("reporter", true).containsEntry("via_public_link", false).containsEntry("injury", "MINOR");
		var nobody = jdbc.sql("select created_by, changed_by, reporter_user_id from incident where id = :id")
			.param("id", UUID.fromString(anonymous.json().get("id").asString())).query().singleRow();
		assertThat(nobody).containsEntry("created_by", "anonymous").containsEntry("changed_by", "anonymous")
			.containsEntry("reporter_user_id", null);
		// and the repository reads it back as it was sent
		assertThat(api.get("/api/v1/incidents/" + named.json().get("id").asString(), Api.demo("nurse.cardio")).json()
			.get("description").asString()).isEqualTo("患者夜间如厕时跌倒");
	}

	@Test
	void badReportsAre400WithTheField() {
		var future = api.post("/api/v1/incidents", fall(false).replace(LocalDateTime.now().minusHours(2)
			.truncatedTo(ChronoUnit.SECONDS).toString(), "2099-01-01T00:00:00"), Api.demo("nurse.cardio"));
		assertThat(future.status()).isEqualTo(400);
		assertThat(future.json().get("errors").get(0).get("field").asString()).isEqualTo("occurredAt");
		var category = api.post("/api/v1/incidents", fall(false).replace("CAT-FALL", "CAT-NOPE"), Api.demo("nurse.cardio"));
		assertThat(category.status()).isEqualTo(400);
		var detail = api.post("/api/v1/incidents", fall(false).replace("\"MINOR\"", "\"BROKEN\""), Api.demo("nurse.cardio"));
		assertThat(detail.status()).isEqualTo(400);
		assertThat(detail.json().get("errors").get(0).get("field").asString()).isEqualTo("details.injury");
		var department = api.post("/api/v1/incidents", fall(false).replace("\"0301\"", "\"9999\""), Api.demo("nurse.cardio"));
		assertThat(department.status()).isEqualTo(400);
	}

	@Test
	void triageOfASeriousEventOpensAnActionAndClosureAnswersTheReporter() throws Exception {
		var answer = api.post("/api/v1/incidents", fall(false), Api.demo("nurse.cardio"));
		String id = answer.json().get("id").asString();
		mvc.perform(post("/incidents/" + id + "/triage").param("level", "CN-II").param("harm", "MODERATE")
			.param("handlingDepartmentId", jdbc.sql("select id from department where code = '0301'").query(UUID.class)
				.single().toString())
			.with(user(users.loadUserByUsername("nurse.cardio"))).with(csrf())).andExpect(status().isForbidden());
		mvc.perform(post("/incidents/" + id + "/triage").param("level", "CN-II").param("harm", "MODERATE")
			.param("handlingDepartmentId", jdbc.sql("select id from department where code = '0301'").query(UUID.class)
				.single().toString())
			.with(user(users.loadUserByUsername("quality"))).with(csrf()))
			.andExpect(flash().attribute("success", "incidents.triaged"));
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.sql(
				"select count(*) from improvement_action where source_type = 'INCIDENT' and source_id = :id")
			.param("id", id).query(Long.class).single()).isEqualTo(1));
		mvc.perform(post("/incidents/" + id + "/advance").param("to", "INVESTIGATING")
			.with(user(users.loadUserByUsername("head.cardio"))).with(csrf()))
			.andExpect(flash().attribute("success", "incidents.advanced"));
		mvc.perform(post("/incidents/" + id + "/close").param("feedback", "已在病区增设夜间照明和床旁呼叫器")
			.with(user(users.loadUserByUsername("quality"))).with(csrf()))
			.andExpect(flash().attribute("success", "incidents.closed"));
		UUID nurse = jdbc.sql("select id from app_user where username = 'nurse.cardio'").query(UUID.class).single();
		assertThat(notifications.inbox(nurse, 100)).anySatisfy(n -> {
			assertThat(n.messageKey()).isEqualTo("incidents.notification.feedback");
			assertThat(n.link()).isEqualTo("/incidents/" + id);
		});
		var seen = api.get("/api/v1/incidents/" + id, Api.demo("nurse.cardio"));
		assertThat(seen.json().get("status").asString()).isEqualTo("CLOSED");
		assertThat(seen.json().get("feedback").asString()).contains("夜间照明");
	}

	@Test
	void pagesRenderInBothLanguagesAndTheFormShowsOnlyTheChosenCategorysQuestions() throws Exception {
		for (String username : List.of("nurse.cardio", "quality", "auditor")) {
			for (String lang : List.of("zh_CN", "en")) {
				for (String page : List.of("/incidents", "/incidents/new", "/incidents?mine=true")) {
					String html = mvc.perform(get(page).param("lang", lang).with(user(users.loadUserByUsername(username))))
						.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
					assertThat(html).as(page).contains("</html>").doesNotContain("??");
				}
			}
		}
		String fall = mvc.perform(get("/incidents/new/details").param("category", "CAT-FALL")
			.with(user(users.loadUserByUsername("nurse.cardio")))).andReturn().getResponse().getContentAsString();
		assertThat(fall).contains("detail.injury", "detail.riskAssessed").doesNotContain("nccMerp");
		String other = mvc.perform(get("/incidents/new/details").param("category", "CAT-IT")
			.with(user(users.loadUserByUsername("nurse.cardio")))).andReturn().getResponse().getContentAsString();
		assertThat(other).doesNotContain("detail.");
	}

	@Test
	void analysisCountsByLevelCategoryAndDepartmentWithinTheReadersScope() throws Exception {
		api.post("/api/v1/incidents", fall(false), Api.demo("nurse.cardio"));
		api.post("/api/v1/incidents", fall(true), Api.demo("nurse.cardio"));
		String quality = mvc.perform(get("/incidents/analysis").param("lang", "zh_CN")
			.with(user(users.loadUserByUsername("quality")))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(quality).contains("</html>", "跌倒/坠床", "data-chart").doesNotContain("??");
		String head = mvc.perform(get("/incidents/analysis").param("lang", "en")
			.with(user(users.loadUserByUsername("head.cardio")))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(head).contains("</html>").doesNotContain("??");
		long qualityTotal = Long.parseLong(quality.replaceAll("(?s).*id=\"analysis-total\">(\\d+)<.*", "$1"));
		long headTotal = Long.parseLong(head.replaceAll("(?s).*id=\"analysis-total\">(\\d+)<.*", "$1"));
		assertThat(qualityTotal).isGreaterThan(headTotal); // anonymous reports stay with the quality office
		mvc.perform(get("/incidents/analysis").with(user(users.loadUserByUsername("nurse.cardio"))))
			.andExpect(status().isForbidden());
	}

	@Test
	void theHandlingDepartmentIsRemindedBeforeTheDeadlineAndEscalatedAfterItOnce() throws Exception {
		String soon = api.post("/api/v1/incidents", fall(false), Api.demo("nurse.cardio")).json().get("id").asString();
		String late = api.post("/api/v1/incidents", fall(false), Api.demo("nurse.cardio")).json().get("id").asString();
		UUID cardiology = jdbc.sql("select id from department where code = '0301'").query(UUID.class).single();
		for (String id : List.of(soon, late)) {
			mvc.perform(post("/incidents/" + id + "/triage").param("level", "CN-III")
				.param("handlingDepartmentId", cardiology.toString())
				.with(user(users.loadUserByUsername("quality"))).with(csrf()));
		}
		jdbc.sql("update incident set analysis_due_at = now() + interval '1 day' where id = cast(:id as uuid)")
			.param("id", soon).update();
		jdbc.sql("update incident set analysis_due_at = now() - interval '1 day' where id = cast(:id as uuid)")
			.param("id", late).update();
		deadlines.remind();
		deadlines.remind(); // once each
		UUID qc = jdbc.sql("select id from app_user where username = 'qc.cardio'").query(UUID.class).single();
		UUID quality = jdbc.sql("select id from app_user where username = 'quality'").query(UUID.class).single();
		assertThat(notifications.inbox(qc, 500)).filteredOn(n -> n.link().equals("/incidents/" + soon)
				&& n.messageKey().equals("incidents.notification.due-soon")).hasSize(1);
		assertThat(notifications.inbox(quality, 500)).filteredOn(n -> n.link().equals("/incidents/" + late)
				&& n.messageKey().equals("incidents.notification.overdue")).hasSize(1);
	}

	@Test
	void aRootCauseAnalysisIsRecordedAndDrawnAsAFishbone() throws Exception {
		String id = api.post("/api/v1/incidents", fall(false), Api.demo("nurse.cardio")).json().get("id").asString();
		UUID cardiology = jdbc.sql("select id from department where code = '0301'").query(UUID.class).single();
		mvc.perform(post("/incidents/" + id + "/rca").param("rootCauses", "太早")
			.with(user(users.loadUserByUsername("quality"))).with(csrf()))
			.andExpect(flash().attribute("failure", "error.incident.rca-not-now"));
		mvc.perform(post("/incidents/" + id + "/triage").param("level", "CN-II").param("handlingDepartmentId",
				cardiology.toString()).with(user(users.loadUserByUsername("quality"))).with(csrf()));
		mvc.perform(post("/incidents/" + id + "/rca").param("rootCauses", "夜间照明不足")
			.with(user(users.loadUserByUsername("nurse.cardio"))).with(csrf())).andExpect(status().isForbidden());
		mvc.perform(post("/incidents/" + id + "/rca").param("timeline", "02:10 患者自行下床\n02:12 跌倒")
			.param("factors", "PATIENT", "WORK_ENVIRONMENT").param("whys", "为什么跌倒？地面湿滑", "为什么湿滑？拖地后未放警示牌")
			.param("bone.ENVIRONMENT", "夜间照明不足\n地面湿滑").param("bone.PEOPLE", "未呼叫护士")
			.param("rootCauses", "夜间病区照明不足\n清洁流程无警示要求")
			.with(user(users.loadUserByUsername("head.cardio"))).with(csrf()))
			.andExpect(flash().attribute("success", "incidents.rca.saved"));
		String page = mvc.perform(get("/incidents/" + id + "/rca").param("lang", "zh_CN")
			.with(user(users.loadUserByUsername("quality")))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(page).contains("id=\"fishbone\"", "夜间照明不足", "清洁流程无警示要求", "环境", "患者因素")
			.doesNotContain("??");
		assertThat(jdbc.sql("select count(*) from audit_entry where entity_type = 'IncidentRca' and entity_id = :id")
			.param("id", id).query(Long.class).single()).isEqualTo(1);
		mvc.perform(get("/incidents/" + id + "/rca").with(user(users.loadUserByUsername("qc.ortho"))))
			.andExpect(status().isNotFound());
	}
}
