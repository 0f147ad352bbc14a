package org.careqms.improvement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.careqms.indicators.IndicatorSignalDetected;
import org.careqms.notification.Notifications;
import org.careqms.support.Api;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/** The action register: findings become actions once, work is tracked, closing needs a verification. */
@CareQmsTest
class ActionRegisterTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	ActionManagement management;

	@Autowired
	Notifications notifications;

	@LocalServerPort
	int port;

	UserDetails as(String username) {
		return users.loadUserByUsername(username);
	}

	UUID id(String sql) {
		return jdbc.sql(sql).query(UUID.class).single();
	}

	UUID department(String code) {
		return id("select id from department where code = '" + code + "'");
	}

	UUID createAction(String username, String department, String title, String indicator) throws Exception {
		var result = mvc.perform(post("/actions").param("title", title).param("responsibleDepartmentId",
				department(department).toString()).param("dueDate", LocalDate.now().plusDays(20).toString())
			.param("indicatorCode", indicator == null ? "" : indicator).param("expectedResult", "降到 5% 以下")
			.with(user(as(username)))
			.with(csrf())).andExpect(status().is3xxRedirection()).andReturn();
		String location = result.getResponse().getRedirectedUrl();
		return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
	}

	@Test
	void anIndicatorSignalBecomesExactlyOneAction() {
		UUID hospital = id("select id from hospital where code = 'H0001'");
		UUID alert = UUID.randomUUID();
		var signal = new IndicatorSignalDetected(alert, hospital, "MORT-INPT", department("0402"),
				YearMonth.now().minusMonths(1), "TARGET_BREACH", 4.2);
		transactions.executeWithoutResult(status -> events.publishEvent(signal));
		transactions.executeWithoutResult(status -> events.publishEvent(signal)); // delivered twice
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.sql(
				"select count(*) from improvement_action where source_type = 'INDICATOR_SIGNAL' and source_id = :alert")
			.param("alert", alert.toString()).query(Long.class).single()).isEqualTo(1));
		var action = jdbc.sql("select reference, indicator_code, status, responsible_department_id from improvement_action where source_id = :alert")
			.param("alert", alert.toString()).query().singleRow();
		assertThat(action.get("reference").toString()).matches("ACT-\\d{4}-\\d{4}");
		assertThat(action.get("indicator_code")).isEqualTo("MORT-INPT");
		assertThat(action.get("status")).isEqualTo("OPEN");
		UUID qcOrtho = id("select id from app_user where username = 'qc.ortho'");
		assertThat(notifications.inbox(qcOrtho, 100)).anySatisfy(
				n -> assertThat(n.messageKey()).isEqualTo("improvement.notification.assigned"));
	}

	@Test
	void anActionIsClosedOnlyByAVerificationThatFindsItEffective() throws Exception {
		UUID action = createAction("qc.cardio", "0301", "手卫生依从率提升", "QI-055");
		mvc.perform(post("/actions/" + action + "/start").with(user(as("qc.cardio"))).with(csrf()))
			.andExpect(flash().attribute("success", "improvement.started"));
		mvc.perform(post("/actions/" + action + "/complete").param("note", "增加速干手消毒剂").with(user(as("qc.cardio")))
			.with(csrf())).andExpect(flash().attribute("failure", "error.action.effective-month-required"));
		mvc.perform(post("/actions/" + action + "/complete").param("note", "增加速干手消毒剂")
			.param("effectiveMonth", YearMonth.now().minusMonths(3).toString())
			.with(user(as("qc.cardio")))
			.with(csrf())).andExpect(flash().attribute("success", "improvement.completed"));
		// the doer does not close their own loop
		mvc.perform(post("/actions/" + action + "/verify").param("effective", "true").param("note", "自评有效")
			.with(user(as("qc.cardio"))).with(csrf())).andExpect(status().isForbidden());
		mvc.perform(post("/actions/" + action + "/verify").param("effective", "true").param("note", "")
			.with(user(as("quality"))).with(csrf()))
			.andExpect(flash().attribute("failure", "error.action.verification-note-required"));
		mvc.perform(post("/actions/" + action + "/verify").param("effective", "false").param("note", "尚未改善")
			.with(user(as("quality"))).with(csrf())).andExpect(flash().attribute("success", "improvement.reopened"));
		assertThat(statusOf(action)).isEqualTo("IN_PROGRESS");
		mvc.perform(post("/actions/" + action + "/complete").param("note", "加强督查")
			.param("effectiveMonth", YearMonth.now().minusMonths(2).toString())
			.with(user(as("head.cardio")))
			.with(csrf())).andExpect(flash().attribute("success", "improvement.completed"));
		mvc.perform(post("/actions/" + action + "/verify").param("effective", "true").param("note", "连续三个月达标")
			.with(user(as("quality"))).with(csrf())).andExpect(flash().attribute("success", "improvement.closed"));
		assertThat(statusOf(action)).isEqualTo("CLOSED");

		String page = mvc.perform(get("/actions/" + action).param("lang", "en").with(user(as("quality"))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("Verification", "连续三个月达标", "Awaiting verification", "Not effective", "verification-slot");
		assertThat(jdbc.sql("select count(*) from audit_entry where entity_type = 'ImprovementAction' and entity_id = :id")
			.param("id", action.toString()).query(Long.class).single()).isGreaterThanOrEqualTo(6);
		String fragment = mvc.perform(get("/indicators/QI-055/verification").param("department", department("0301").toString())
			.param("phase", YearMonth.now().minusMonths(2).toString()).with(user(as("quality"))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(fragment).contains("verification-panel", "data-chart");
	}

	private String statusOf(UUID action) {
		return jdbc.sql("select status from improvement_action where id = :id").param("id", action).query(String.class)
			.single();
	}

	@Test
	void anotherDepartmentsActionDoesNotExistForTheReader() throws Exception {
		UUID action = createAction("quality", "0301", "心内科跌倒预防", null);
		mvc.perform(get("/actions/" + action).with(user(as("qc.ortho")))).andExpect(status().isNotFound());
		var api = new Api(port);
		assertThat(api.get("/api/v1/actions/" + action, Api.demo("qc.ortho")).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/actions/" + action, Api.demo("head.cardio")).status()).isEqualTo(200);
		// the nurse's scope is the ward below cardiology, not cardiology itself
		assertThat(api.get("/api/v1/actions/" + action, Api.demo("nurse.cardio")).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/actions", Api.demo("qc.ortho")).json().valueStream()
			.map(a -> a.get("id").asString())).doesNotContain(action.toString());
		mvc.perform(post("/actions/" + action + "/notes").param("note", "越权").with(user(as("qc.ortho"))).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/actions/" + action + "/notes").param("note", "评审只能看").with(user(as("auditor")))
			.with(csrf())).andExpect(status().isForbidden());
	}

	@Test
	void overdueActionsAreEscalatedOnceALevelWithATrail() throws Exception {
		UUID action = createAction("qc.cardio", "0301", "病历书写及时率整改", null);
		jdbc.sql("update improvement_action set due_date = current_date - 9 where id = :id").param("id", action).update();
		management.escalateOverdue();
		var row = jdbc.sql("select escalation_level from improvement_action where id = :id").param("id", action)
			.query(Integer.class).single();
		assertThat(row).isEqualTo(2); // 9 days overdue: level 1 + 9/7
		UUID head = id("select id from app_user where username = 'head.cardio'");
		assertThat(notifications.inbox(head, 100)).anySatisfy(n -> {
			assertThat(n.messageKey()).isEqualTo("improvement.notification.overdue");
			assertThat(n.arguments()).contains("9", "2");
		});
		management.escalateOverdue();
		assertThat(jdbc.sql("select count(*) from improvement_action_event where action_id = :id and kind = 'ESCALATION'")
			.param("id", action).query(Long.class).single()).isEqualTo(1);
		String page = mvc.perform(get("/actions/" + action).param("lang", "zh_CN").with(user(as("head.cardio"))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("督办", "已逾期 9 天");
	}

	@Test
	void pagesRenderInBothLanguagesForEveryRole() throws Exception {
		createAction("quality", "0402", "骨科非计划再手术分析", "UNPLANNED-REOP");
		for (String username : List.of("admin", "quality", "head.cardio", "nurse.cardio", "auditor", "qc.ortho")) {
			for (String lang : List.of("zh_CN", "en")) {
				String html = mvc.perform(get("/actions").param("state", "all").param("lang", lang).with(user(as(username))))
					.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
				assertThat(html).contains("</html>").doesNotContain("??");
			}
		}
		String form = mvc.perform(get("/actions/new").param("lang", "en").with(user(as("qc.cardio"))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(form).contains("</html>").doesNotContain("??");
		mvc.perform(get("/actions/new").with(user(as("nurse.cardio")))).andExpect(status().isForbidden());
		mvc.perform(post("/actions").param("title", "").param("dueDate", "2000-01-01").with(user(as("quality"))).with(csrf()))
			.andExpect(status().isOk());
	}
}
