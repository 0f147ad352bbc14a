package org.careqms.improvement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.careqms.notification.Notifications;
import org.careqms.support.Api;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import tools.jackson.databind.JsonNode;

/** PDCA cycles and QCC projects end to end: pages, API, stage rules, next round, escalation, scoping. */
@CareQmsTest
class PdcaCycleTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CycleManagement management;

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

	UUID createPdca(String username, String departmentCode, String title) throws Exception {
		LocalDate today = LocalDate.now();
		var result = mvc.perform(post("/pdca").param("title", title).param("problemStatement", "跌倒发生率连续三个月高于目标")
			.param("departmentId", department(departmentCode).toString())
			.param("indicatorCode", "QI-055")
			.param("goalDirection", "DECREASE").param("baselineValue", "1.2").param("targetValue", "0.5")
			.param("planDue", today.plusDays(10).toString()).param("doDue", today.plusDays(40).toString())
			.param("checkDue", today.plusDays(60).toString()).param("actDue", today.plusDays(70).toString())
			.with(user(as(username))).with(csrf()))
			.andExpect(status().is3xxRedirection()).andReturn();
		String location = result.getResponse().getRedirectedUrl();
		assertThat(location).startsWith("/pdca/");
		return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
	}

	MockHttpServletRequestBuilder step(UUID cycle, String what, String username) {
		return post("/pdca/" + cycle + "/" + what).with(user(as(username))).with(csrf());
	}

	@Test
	void aPdcaCycleRunsThroughItsStagesAndStartsTheNextRoundWithTheOpenActions() throws Exception {
		UUID cycle = createPdca("qc.cardio", "0301", "心内科住院患者跌倒 PDCA");
		mvc.perform(step(cycle, "advance", "qc.cardio"))
			.andExpect(flash().attribute("failure", "error.cycle.root-causes-required"));
		mvc.perform(step(cycle, "plan", "qc.cardio").param("problemAnalysis", "夜间如厕跌倒占 70%")
			.param("rootCauses", "夜班人手不足\n床栏使用不规范").param("goal", "跌倒率降至 0.5‰")
			.param("plan", "夜间每小时巡视").param("goalDirection", "DECREASE").param("baselineValue", "1.2")
			.param("targetValue", "0.5")).andExpect(flash().attribute("success", "pdca.saved"));
		mvc.perform(step(cycle, "advance", "qc.cardio").param("note", "计划经科务会讨论"))
			.andExpect(flash().attribute("success", "pdca.advanced"));
		mvc.perform(step(cycle, "advance", "qc.cardio"))
			.andExpect(flash().attribute("failure", "error.cycle.do-needs-action"));
		mvc.perform(step(cycle, "actions", "qc.cardio").param("title", "夜间巡视制度落实")
			.param("dueDate", LocalDate.now().plusDays(20).toString()))
			.andExpect(flash().attribute("success", "pdca.action-created"));
		mvc.perform(step(cycle, "actions", "qc.cardio").param("title", "床栏使用培训")
			.param("dueDate", LocalDate.now().plusDays(20).toString()))
			.andExpect(flash().attribute("success", "pdca.action-created"));
		List<UUID> actions = jdbc.sql("select action_id from improvement_cycle_action where cycle_id = :c order by linked_at")
			.param("c", cycle).query(UUID.class).list();
		assertThat(actions).hasSize(2);
		assertThat(jdbc.sql("select responsible_department_id from improvement_action where id = :a")
			.param("a", actions.get(0)).query(UUID.class).single()).isEqualTo(department("0301"));
		mvc.perform(step(cycle, "advance", "qc.cardio")).andExpect(flash().attribute("success", "pdca.advanced"));
		mvc.perform(step(cycle, "advance", "qc.cardio"))
			.andExpect(flash().attribute("failure", "error.cycle.check-conclusion-required"));
		mvc.perform(step(cycle, "check", "qc.cardio").param("afterValue", "0.6").param("checkConclusion", "下降但未达标"))
			.andExpect(flash().attribute("success", "pdca.saved"));
		mvc.perform(step(cycle, "advance", "qc.cardio")).andExpect(flash().attribute("success", "pdca.advanced"));
		// the first action is verified and closed; the second is still open
		jdbc.sql("update improvement_action set status = 'CLOSED' where id = :a").param("a", actions.get(0)).update();
		mvc.perform(step(cycle, "act", "qc.cardio").param("outcome", "NEXT_ROUND"))
			.andExpect(flash().attribute("failure", "error.cycle.actions-still-open"));
		mvc.perform(step(cycle, "act", "qc.cardio").param("outcome", "NEXT_ROUND")
			.param("carryOver", actions.get(1).toString()))
			.andExpect(flash().attribute("failure", "error.cycle.carry-note-required"));
		var done = mvc.perform(step(cycle, "act", "qc.cardio").param("outcome", "NEXT_ROUND")
			.param("carryOver", actions.get(1).toString()).param("carryNote", "培训未覆盖全部夜班护士"))
			.andExpect(flash().attribute("success", "pdca.next-round-started")).andReturn();
		String next = done.getResponse().getRedirectedUrl();
		UUID nextId = UUID.fromString(next.substring(next.lastIndexOf('/') + 1));

		var first = jdbc.sql("select stage, act_outcome, next_cycle_id, project_id from improvement_cycle where id = :c")
			.param("c", cycle).query().singleRow();
		assertThat(first.get("stage")).isEqualTo("COMPLETED");
		assertThat(first.get("act_outcome")).isEqualTo("NEXT_ROUND");
		assertThat(first.get("next_cycle_id")).isEqualTo(nextId);
		var second = jdbc.sql("""
				select round, stage, previous_cycle_id, project_id, baseline_value, title from improvement_cycle where id = :c""")
			.param("c", nextId).query().singleRow();
		assertThat(second.get("round")).isEqualTo(2);
		assertThat(second.get("stage")).isEqualTo("PLAN");
		assertThat(second.get("previous_cycle_id")).isEqualTo(cycle);
		assertThat(second.get("project_id")).isEqualTo(first.get("project_id"));
		assertThat(((java.math.BigDecimal) second.get("baseline_value"))).isEqualByComparingTo("0.6");
		assertThat(jdbc.sql("select action_id from improvement_cycle_action where cycle_id = :c").param("c", nextId)
			.query(UUID.class).list()).containsExactly(actions.get(1));
		assertThat(jdbc.sql("select carried_over from improvement_cycle_action where cycle_id = :c and action_id = :a")
			.param("c", cycle).param("a", actions.get(1)).query(Boolean.class).single()).isTrue();
		assertThat(jdbc.sql("select count(*) from audit_entry where entity_type = 'PdcaCycle' and entity_id = :id")
			.param("id", cycle.toString()).query(Long.class).single()).isEqualTo(9); // one entry per accepted change, none for the refused ones

		String actionPage = mvc.perform(get("/actions/" + actions.get(1)).param("lang", "zh_CN").with(user(as("qc.cardio"))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(actionPage).contains("action-cycles", "/pdca/" + cycle, "/pdca/" + nextId, "已结转");
		String page = mvc.perform(get("/pdca/" + nextId).param("lang", "zh_CN").with(user(as("head.cardio"))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("第 2 轮", "stage-strip", "床栏使用培训").doesNotContain("??");
		String old = mvc.perform(get("/pdca/" + cycle).param("lang", "en").with(user(as("quality"))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(old).contains("Start the next round", "Carried over", "verification-slot", "phase=")
			.doesNotContain("??");
	}

	static final String QCC_PROJECT = """
			{"title": "待定主题", "problemStatement": "骨科术后患者疼痛评估不及时", "department": "0402",
			 "owner": "qc.ortho", "members": ["D0301003"], "indicator": null, "goalDirection": "DECREASE",
			 "baseline": 12.5, "improvementFocus": 80, "circleCapability": 75,
			 "planDue": "%1$s", "doDue": "%2$s", "checkDue": "%2$s", "actDue": "%3$s",
			 "circleName": "护航圈", "slogan": "无痛病房", "leader": "D0301004", "facilitator": "D0301003",
			 "weights": {"policy": 2, "importance": 1, "urgency": 1, "capability": 0.5},
			 "themes": [{"theme": "降低术后疼痛评估延迟率", "policy": 30, "importance": 40, "urgency": 35, "capability": 25},
			            {"theme": "提高交接班规范率", "policy": 20, "importance": 45, "urgency": 40, "capability": 40}]}""";

	String qccBody() {
		LocalDate today = LocalDate.now();
		return QCC_PROJECT.formatted(today.plusDays(10), today.plusDays(40), today.plusDays(60));
	}

	static String steps(PdcaStage stage) {
		StringBuilder json = new StringBuilder("[");
		for (QccStep step : QccStep.of(stage)) {
			json.append(json.length() > 1 ? "," : "").append("{\"step\": \"").append(step).append("\", \"content\": \"第")
				.append(step.number()).append("步\", \"completedOn\": \"").append(LocalDate.now()).append("\"}");
		}
		return json.append("]").toString();
	}

	@Test
	void aQccProjectChoosesItsThemeSetsItsTargetAndConfirmsItsEffectThroughTheApi() throws Exception {
		var api = new Api(port);
		String qc = Api.demo("qc.ortho");
		var created = api.send("POST", "/api/v1/qcc-projects", qccBody(), qc, null, "qcc-" + UUID.randomUUID());
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonNode project = created.json();
		String id = project.get("id").asString();
		assertThat(project.get("reference").asString()).matches("QCC-\\d{4}-\\d{4}");
		// 目标值 = 12.5 − 12.5 × 80% × 75% = 5.0
		assertThat(project.get("target").decimalValue()).isEqualByComparingTo("5.0");
		assertThat(project.get("themes").get(0).get("score").decimalValue()).isEqualByComparingTo("147.5");
		assertThat(project.get("themes").get(1).get("score").decimalValue()).isEqualByComparingTo("145");
		assertThat(project.get("steps")).hasSize(10);

		String base = "/api/v1/qcc-projects/" + id;
		var refused = api.post(base + "/advance", "{\"rootCauses\": \"评估工具不统一\", \"goal\": \"降到 5%\", \"plan\": \"统一 NRS\"}", qc);
		assertThat(refused.status()).as(refused.body()).isEqualTo(409);
		assertThat(refused.json().get("code").asString()).isEqualTo("qcc.theme-not-chosen");
		// refused as a whole: the plan content was not saved either
		assertThat(api.get(base, qc).json().get("rootCauses").isNull()).isTrue();
		var plan = api.post(base + "/advance", "{\"expectedStage\": \"PLAN\", \"rootCauses\": \"评估工具不统一\", "
				+ "\"goal\": \"降到 5%\", \"plan\": \"统一 NRS\", \"chooseTheme\": true, \"steps\": " + steps(PdcaStage.PLAN)
				+ "}", qc);
		assertThat(plan.status()).as(plan.body()).isEqualTo(200);
		assertThat(plan.json().get("stage").asString()).isEqualTo("DO");
		assertThat(plan.json().get("title").asString()).isEqualTo("降低术后疼痛评估延迟率");
		var stale = api.post(base + "/advance", "{\"expectedStage\": \"PLAN\"}", qc);
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.json().get("code").asString()).isEqualTo("cycle.stage-moved");

		var noAction = api.post(base + "/advance", "{\"steps\": " + steps(PdcaStage.DO) + "}", qc);
		assertThat(noAction.json().get("code").asString()).isEqualTo("cycle.do-needs-action");
		var withAction = api.post(base + "/actions",
				"{\"title\": \"统一使用 NRS 评分尺\", \"dueDate\": \"" + LocalDate.now().plusDays(10) + "\"}", qc);
		assertThat(withAction.status()).as(withAction.body()).isEqualTo(200);
		String action = withAction.json().get("actions").get(0).get("id").asString();
		assertThat(api.post(base + "/advance", "{\"steps\": " + steps(PdcaStage.DO) + "}", qc).json().get("stage")
			.asString()).isEqualTo("CHECK");
		var check = api.post(base + "/advance", "{\"after\": 6.0, \"checkConclusion\": \"延迟率明显下降\", \"steps\": "
				+ steps(PdcaStage.CHECK) + "}", qc);
		assertThat(check.status()).as(check.body()).isEqualTo(200);
		// (6 − 12.5)/(5 − 12.5) = 86.67%; (12.5 − 6)/12.5 = 52%
		assertThat(check.json().get("achievementRate").decimalValue()).isEqualByComparingTo("86.67");
		assertThat(check.json().get("progressRate").decimalValue()).isEqualByComparingTo("52.00");
		var open = api.post(base + "/advance", "{\"outcome\": \"STANDARDIZED\", \"standardization\": \"NRS 纳入护理常规\", "
				+ "\"steps\": " + steps(PdcaStage.ACT) + "}", qc);
		assertThat(open.json().get("code").asString()).isEqualTo("cycle.actions-still-open");
		var act = api.post(base + "/advance", "{\"outcome\": \"STANDARDIZED\", \"standardization\": \"NRS 纳入护理常规\", "
				+ "\"carryOver\": [\"" + action + "\"], \"carryNote\": \"评分尺采购中\", \"steps\": " + steps(PdcaStage.ACT)
				+ "}", qc);
		assertThat(act.status()).as(act.body()).isEqualTo(200);
		assertThat(act.json().get("stage").asString()).isEqualTo("COMPLETED");
		assertThat(act.json().get("actions").get(0).get("carriedOver").asBoolean()).isTrue();

		// the pages show the matrix, the steps and the rates in both languages
		for (String lang : List.of("zh_CN", "en")) {
			String html = mvc.perform(get("/qcc/" + id).param("lang", lang).with(user(as("qc.ortho"))))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			assertThat(html).contains("theme-matrix", "147.50", "86.67%", "52.00%").doesNotContain("??");
		}
		assertThat(mvc.perform(get("/qcc/" + id).param("lang", "zh_CN").with(user(as("head.cardio")))).andReturn()
			.getResponse().getStatus()).isEqualTo(404); // orthopaedics' project
		assertThat(mvc.perform(get("/qcc/" + id).param("lang", "zh_CN").with(user(as("quality")))).andReturn().getResponse()
			.getContentAsString()).contains("护航圈", "效果确认", "对策实施与检讨", "目标达成率", "吴晓婷");
		// a QCC project is not a PDCA cycle's URL
		assertThat(api.get("/api/v1/pdca-cycles/" + id, qc).status()).isEqualTo(404);
	}

	@Test
	void aRetriedCreationMakesOneProjectAndBadInputIsA400() {
		var api = new Api(port);
		String qc = Api.demo("qc.ortho");
		String key = "retry-" + UUID.randomUUID();
		var first = api.send("POST", "/api/v1/qcc-projects", qccBody(), qc, null, key);
		var second = api.send("POST", "/api/v1/qcc-projects", qccBody(), qc, null, key);
		assertThat(first.status()).isEqualTo(201);
		assertThat(second.status()).isEqualTo(200);
		assertThat(second.json().get("id").asString()).isEqualTo(first.json().get("id").asString());

		var wrongOrder = api.post("/api/v1/pdca-cycles", """
				{"title": "t", "problemStatement": "p", "department": "0402", "planDue": "2099-03-01",
				 "doDue": "2099-02-01", "checkDue": "2099-04-01", "actDue": "2099-05-01"}""", qc);
		assertThat(wrongOrder.status()).as(wrongOrder.body()).isEqualTo(400);
		assertThat(wrongOrder.body()).contains("doDue");
		var unknownDepartment = api.post("/api/v1/pdca-cycles", """
				{"title": "t", "problemStatement": "p", "department": "NOPE", "planDue": "2099-01-01",
				 "doDue": "2099-02-01", "checkDue": "2099-04-01", "actDue": "2099-05-01"}""", qc);
		assertThat(unknownDepartment.status()).isEqualTo(400);
		var badDirection = api.post("/api/v1/pdca-cycles", """
				{"title": "t", "problemStatement": "p", "department": "0402", "goalDirection": "SIDEWAYS",
				 "planDue": "2099-01-01", "doDue": "2099-02-01", "checkDue": "2099-04-01", "actDue": "2099-05-01"}""", qc);
		assertThat(badDirection.status()).isEqualTo(400);
		var missing = api.post("/api/v1/qcc-projects", """
				{"title": "t", "problemStatement": "p", "department": "0402", "planDue": "2099-01-01",
				 "doDue": "2099-02-01", "checkDue": "2099-04-01", "actDue": "2099-05-01"}""", qc);
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.body()).contains("circleName");
	}

	@Test
	void anotherDepartmentsCycleDoesNotExistForTheReader() throws Exception {
		UUID cycle = createPdca("quality", "0301", "心内科交接班 PDCA");
		mvc.perform(get("/pdca/" + cycle).with(user(as("qc.ortho")))).andExpect(status().isNotFound());
		mvc.perform(get("/pdca/" + cycle).with(user(as("nurse.cardio")))).andExpect(status().isNotFound());
		mvc.perform(get("/pdca/" + cycle).with(user(as("head.cardio")))).andExpect(status().isOk());
		mvc.perform(get("/qcc/" + cycle).with(user(as("quality")))).andExpect(status().isNotFound());
		mvc.perform(step(cycle, "notes", "qc.ortho").param("note", "越权")).andExpect(status().isNotFound());
		mvc.perform(step(cycle, "notes", "auditor").param("note", "只读")).andExpect(status().isForbidden());
		var api = new Api(port);
		assertThat(api.get("/api/v1/pdca-cycles/" + cycle, Api.demo("qc.ortho")).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/pdca-cycles/" + cycle, Api.demo("qc.cardio")).status()).isEqualTo(200);
		assertThat(api.get("/api/v1/pdca-cycles", Api.demo("qc.ortho")).json().valueStream()
			.map(c -> c.get("id").asString())).doesNotContain(cycle.toString());
		assertThat(api.get("/api/v1/pdca-cycles", Api.demo("quality")).json().valueStream()
			.map(c -> c.get("id").asString())).contains(cycle.toString());
		String list = mvc.perform(get("/pdca").with(user(as("qc.ortho")))).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString();
		assertThat(list).doesNotContain(cycle.toString());
		// a cardiology user cannot link orthopaedics' action into a cardiology cycle: it is not there for them
		String ortho = api.post("/api/v1/actions", "{\"title\": \"骨科措施\", \"responsibleDepartment\": \"0402\", "
				+ "\"dueDate\": \"2099-01-01\"}", Api.demo("qc.ortho")).json().get("id").asString();
		assertThat(api.post("/api/v1/pdca-cycles/" + cycle + "/actions", "{\"actionId\": \"" + ortho + "\"}",
				Api.demo("qc.cardio")).status()).isEqualTo(404);

		// voiding is the quality office's, needs a reason, and takes the cycle off the lists
		mvc.perform(step(cycle, "void", "qc.cardio").param("reason", "重复立项")).andExpect(status().isForbidden());
		mvc.perform(step(cycle, "void", "quality").param("reason", " "))
			.andExpect(flash().attribute("failure", "error.cycle.void-reason-required"));
		mvc.perform(step(cycle, "void", "quality").param("reason", "重复立项"))
			.andExpect(flash().attribute("success", "pdca.voided"));
		assertThat(api.get("/api/v1/pdca-cycles?state=all", Api.demo("quality")).json().valueStream()
			.map(c -> c.get("id").asString())).doesNotContain(cycle.toString());
		assertThat(mvc.perform(get("/pdca/" + cycle).param("lang", "zh_CN").with(user(as("quality")))).andReturn()
			.getResponse().getContentAsString()).contains("已作废：重复立项").doesNotContain("advance-form");
		mvc.perform(step(cycle, "notes", "quality").param("note", "作废后"))
			.andExpect(flash().attribute("failure", "error.cycle.voided"));
		assertThat(jdbc.sql("select count(*) from audit_entry where entity_type = 'PdcaCycle' and entity_id = :id and action = 'VOID'")
			.param("id", cycle.toString()).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void aLateStageIsEscalatedOnceWithATrailAndNotifications() throws Exception {
		UUID cycle = createPdca("qc.cardio", "0301", "心内科用药差错 PDCA");
		jdbc.sql("update improvement_cycle_stage set due_date = current_date - 3 where cycle_id = :c and stage = 'PLAN'")
			.param("c", cycle).update();
		management.escalateOverdue();
		management.escalateOverdue();
		assertThat(jdbc.sql("select count(*) from improvement_cycle_event where cycle_id = :c and kind = 'ESCALATION'")
			.param("c", cycle).query(Long.class).single()).isEqualTo(1);
		UUID head = id("select id from app_user where username = 'head.cardio'");
		UUID quality = id("select id from app_user where username = 'quality'");
		String reference = jdbc.sql("select reference from improvement_cycle where id = :c").param("c", cycle)
			.query(String.class).single();
		for (UUID recipient : List.of(head, quality)) {
			assertThat(notifications.inbox(recipient, 500)).filteredOn(n -> n.messageKey().equals("pdca.notification.overdue")
					&& n.arguments().get(0).equals(reference))
				.singleElement()
				.satisfies(n -> assertThat(n.arguments()).containsExactly(reference, "心内科用药差错 PDCA", "PLAN", "3"));
		}
		String page = mvc.perform(get("/pdca/" + cycle).param("lang", "zh_CN").with(user(as("head.cardio"))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("stage-overdue", "督办", "本阶段已逾期 3 天");
		String list = mvc.perform(get("/pdca").param("overdue", "true").with(user(as("head.cardio"))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(list).contains(reference, "已督办");
	}

	@Test
	void pagesRenderInBothLanguagesForEveryRole() throws Exception {
		createPdca("quality", "0402", "骨科非计划再手术 PDCA");
		for (String username : List.of("admin", "quality", "head.cardio", "nurse.cardio", "auditor", "qc.ortho")) {
			for (String lang : List.of("zh_CN", "en")) {
				for (String path : List.of("/pdca", "/qcc", "/actions")) {
					String html = mvc.perform(get(path).param("state", "all").param("lang", lang).with(user(as(username))))
						.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
					assertThat(html).contains("</html>", "improvement-tabs").doesNotContain("??");
				}
			}
		}
		for (String path : List.of("/pdca/new", "/qcc/new")) {
			for (String lang : List.of("zh_CN", "en")) {
				String form = mvc.perform(get(path).param("lang", lang).with(user(as("qc.cardio"))))
					.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
				assertThat(form).contains("</html>", "cycle-form").doesNotContain("??");
			}
		}
		String qccForm = mvc.perform(get("/qcc/new").param("lang", "zh_CN").with(user(as("qc.cardio")))).andReturn()
			.getResponse().getContentAsString();
		assertThat(qccForm).contains("圈长", "辅导员", "改善重点");
		mvc.perform(get("/pdca/new").with(user(as("nurse.cardio")))).andExpect(status().isForbidden());
		mvc.perform(get("/pdca").param("stage", "DO").with(user(as("quality")))).andExpect(status().isOk());
		mvc.perform(get("/pdca").param("stage", "SIDEWAYS").with(user(as("quality")))).andExpect(status().isBadRequest());
		mvc.perform(post("/pdca/" + UUID.randomUUID() + "/plan").param("baselineValue", "abc").with(user(as("quality")))
			.with(csrf())).andExpect(status().isBadRequest());
		// a QCC form without circle name comes back with the error, not a 500
		String refused = mvc.perform(post("/qcc").param("title", "x").param("problemStatement", "y")
			.param("departmentId", department("0301").toString()).param("planDue", "2099-01-01")
			.param("doDue", "2099-02-01").param("checkDue", "2099-03-01").param("actDue", "2099-04-01")
			.with(user(as("qc.cardio"))).with(csrf())).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(refused).contains("is-invalid");
	}
}
