package org.careqms.recordqc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

import org.careqms.notification.Notifications;
import org.careqms.support.Api;
import org.careqms.support.CareQmsTest;
import org.careqms.support.ClinicalCsv;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Defect follow-up over real HTTP in the demo hospital: appeals (upheld lifts the grade, rejected does
 * not, one open appeal per defect, the deadline), rectification confirmed or reopened by the next run,
 * due-soon prompts sent once, department scope, and the pages in both languages. Data: cardiology
 * discharges of 2006, one day per test (no other test uses 2006); the head of cardiology is also the
 * doctor D0301001 who wrote the documents, cardiology's QC officer is qc.cardio.
 */
@CareQmsTest
class DefectFollowUpTests {

	static final AtomicInteger SEQUENCE = new AtomicInteger();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Notifications notifications;

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	Api api;

	@BeforeEach
	void client() {
		api = new Api(port);
	}

	/** A day of 2006 of the test's own. */
	LocalDate day() {
		return LocalDate.of(2006, 1, 1).plusDays(SEQUENCE.incrementAndGet() * 3L);
	}

	/**
	 * A week's routine cardiology stay discharged on {@code day} at 10:00, with every document on time but
	 * those left out: {@code late} names types written late, {@code missing} types not written at all.
	 */
	String stay(LocalDate day, List<String> late, List<String> missing) {
		String id = "FU-" + UUID.randomUUID().toString().substring(0, 8);
		var encounters = api.upload("/api/v1/imports/encounters", "encounters.csv", ClinicalCsv.file(
				ClinicalCsv.ENCOUNTERS, id + ",P" + id + ",1,1960-05-01," + day.minusDays(7) + " 08:00,0301," + day
						+ " 10:00,0301,1,I21.0,,1,1,"),
				Api.demo("quality"), null);
		assertThat(encounters.status()).as(encounters.body()).isEqualTo(200);
		List<String> rows = new java.util.ArrayList<>();
		String[][] documents = { { "ADMISSION_RECORD", day.minusDays(7) + " 20:00", day.minusDays(5) + " 08:00" },
				{ "FIRST_PROGRESS_NOTE", day.minusDays(7) + " 12:00", day.minusDays(6) + " 08:00" },
				{ "ATTENDING_FIRST_ROUND", day.minusDays(6) + " 09:00", day.minusDays(3) + " 09:00" },
				{ "DISCHARGE_RECORD", day + " 16:00", day.plusDays(3) + " 16:00" } };
		for (String[] document : documents) {
			if (missing.contains(document[0])) {
				continue;
			}
			String written = late.contains(document[0]) ? document[2] : document[1];
			rows.add(id + "," + id + "-" + document[0] + "," + document[0] + ",," + written + ",D0301001,CHIEF");
		}
		if (!rows.isEmpty()) {
			var imported = api.upload("/api/v1/imports/record-documents", "record-documents.csv",
					ClinicalCsv.file(ClinicalCsv.DOCUMENTS, rows.toArray(String[]::new)), Api.demo("quality"), null);
			assertThat(imported.status()).as(imported.body()).isEqualTo(200);
		}
		return id;
	}

	void run(LocalDate day) {
		var run = api.post("/api/v1/record-qc/runs", "{\"from\": \"" + day + "\", \"to\": \"" + day + "\"}",
				Api.demo("quality"));
		assertThat(run.status()).as(run.body()).isEqualTo(200);
	}

	String defect(String encounter, String rule) {
		return jdbc.sql("select id from record_qc_defect where encounter_id = :e and rule_id = :r")
			.param("e", encounter)
			.param("r", rule)
			.query(UUID.class)
			.single()
			.toString();
	}

	String grade(String encounter) {
		return jdbc.sql("select grade || ' ' || score from record_qc_grade where encounter_id = :e")
			.param("e", encounter)
			.query(String.class)
			.single();
	}

	UUID userId(String username) {
		return jdbc.sql("select id from app_user where username = :u").param("u", username).query(UUID.class).single();
	}

	long inbox(String username, String messageKey) {
		return notifications.inbox(userId(username), 500).stream().filter(n -> n.messageKey().equals(messageKey)).count();
	}

	long audited(String entity, String id) {
		return jdbc.sql("select count(*) from audit_entry where entity_type = :t and entity_id = :id")
			.param("t", entity)
			.param("id", id)
			.query(Long.class)
			.single();
	}

	Api.Answer appeal(String defect, String user) {
		return api.post("/api/v1/record-qc/defects/" + defect + "/appeals",
				"{\"reason\": \"PAPER_RECORD\", \"explanation\": \"入院记录按时写在纸质病历上，已扫描归档\"}", Api.demo(user));
	}

	@Test
	void anUpheldAppealWaivesTheDefectAndTheRecordBecomesGradeA() {
		LocalDate day = day();
		String stay = stay(day, List.of("ADMISSION_RECORD"), List.of());
		run(day);
		String defect = defect(stay, "RR-ADM-01");
		// a late admission record is a grade-C veto (record-rules.yaml): 100 - 10 capped at 75
		assertThat(grade(stay)).isEqualTo("C 75.0");

		// addressed to its doctor: on the head of cardiology's list (he is D0301001), and told once
		var mine = api.get("/api/v1/record-qc/my-defects", Api.demo("head.cardio"));
		assertThat(mine.status()).isEqualTo(200);
		assertThat(mine.body()).contains(defect);
		assertThat(inbox("head.cardio", "recordqc.notice.my-defects")).isPositive();

		long before = inbox("quality", "recordqc.notice.appeal-filed");
		var filed = appeal(defect, "head.cardio");
		assertThat(filed.status()).as(filed.body()).isEqualTo(201);
		assertThat(filed.json().get("status").asString()).isEqualTo("OPEN");
		String appeal = filed.json().get("id").asString();
		assertThat(inbox("quality", "recordqc.notice.appeal-filed")).isEqualTo(before + 1);

		// one open appeal per defect, whoever files it
		var twice = appeal(defect, "qc.cardio");
		assertThat(twice.status()).as(twice.body()).isEqualTo(409);
		assertThat(twice.json().get("code").asString()).isEqualTo("recordqc.appeal-open");
		// and no rectification while it waits
		var rectify = api.post("/api/v1/record-qc/defects/" + defect + "/rectification", "{\"note\": \"补写\"}",
				Api.demo("qc.cardio"));
		assertThat(rectify.status()).isEqualTo(409);

		var queue = api.get("/api/v1/record-qc/appeals", Api.demo("quality"));
		assertThat(queue.body()).contains(appeal);

		var decided = api.post("/api/v1/record-qc/appeals/" + appeal + "/decision",
				"{\"upheld\": true, \"note\": \"纸质病历已核实\"}", Api.demo("quality"));
		assertThat(decided.status()).as(decided.body()).isEqualTo(200);
		assertThat(decided.json().get("status").asString()).isEqualTo("UPHELD");
		assertThat(grade(stay)).isEqualTo("A 100.0");
		assertThat(inbox("head.cardio", "recordqc.notice.appeal-upheld")).isPositive();
		var detail = api.get("/api/v1/record-qc/defects/" + defect, Api.demo("qc.cardio"));
		assertThat(detail.json().get("defect").get("status").asString()).isEqualTo("WAIVED");
		assertThat(detail.json().get("appeals")).hasSize(1);

		// the waiver outlives the next run; the contract's defect list still shows what the rules found
		run(day);
		assertThat(grade(stay)).isEqualTo("A 100.0");
		var contract = api.get("/api/v1/record-qc/defects?from=" + day + "&to=" + day, Api.demo("quality"));
		assertThat(contract.body()).contains(stay);
		// decided once
		var again = api.post("/api/v1/record-qc/appeals/" + appeal + "/decision", "{\"upheld\": false, \"note\": \"x\"}",
				Api.demo("quality"));
		assertThat(again.status()).isEqualTo(409);
		assertThat(audited(DefectFollowUps.APPEAL_ENTITY, appeal)).isEqualTo(2);
		assertThat(audited(DefectFollowUps.ENTITY, defect)).isEqualTo(2);
	}

	@Test
	void aRejectedAppealKeepsTheGradeAndNeedsANote() {
		LocalDate day = day();
		String stay = stay(day, List.of("ADMISSION_RECORD"), List.of());
		run(day);
		String defect = defect(stay, "RR-ADM-01");
		String appeal = appeal(defect, "qc.cardio").json().get("id").asString();

		var noNote = api.post("/api/v1/record-qc/appeals/" + appeal + "/decision", "{\"upheld\": false}",
				Api.demo("quality"));
		assertThat(noNote.status()).isEqualTo(400);
		assertThat(noNote.body()).contains("note");
		var undecided = api.post("/api/v1/record-qc/appeals/" + appeal + "/decision", "{\"note\": \"?\"}",
				Api.demo("quality"));
		assertThat(undecided.status()).isEqualTo(400);

		var rejected = api.post("/api/v1/record-qc/appeals/" + appeal + "/decision",
				"{\"upheld\": false, \"note\": \"电子病历签名时间为准\"}", Api.demo("quality"));
		assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
		assertThat(rejected.json().get("decisionNote").asString()).isEqualTo("电子病历签名时间为准");
		assertThat(grade(stay)).isEqualTo("C 75.0");
		assertThat(inbox("qc.cardio", "recordqc.notice.appeal-rejected")).isPositive();
		var detail = api.get("/api/v1/record-qc/defects/" + defect, Api.demo("head.cardio"));
		assertThat(detail.json().get("defect").get("status").asString()).isEqualTo("REJECTED");
		// not in the open queue any more, but among the rejected
		assertThat(api.get("/api/v1/record-qc/appeals", Api.demo("quality")).body()).doesNotContain(appeal);
		assertThat(api.get("/api/v1/record-qc/appeals?status=REJECTED", Api.demo("quality")).body()).contains(appeal);
		assertThat(api.get("/api/v1/record-qc/appeals?status=SOON", Api.demo("quality")).status()).isEqualTo(400);
	}

	@Test
	void anAppealAfterTheDeadlineIsRefusedAndBadAppealsAreExplained() {
		LocalDate day = day();
		String stay = stay(day, List.of("ADMISSION_RECORD"), List.of());
		run(day);
		String defect = defect(stay, "RR-ADM-01");

		var empty = api.post("/api/v1/record-qc/defects/" + defect + "/appeals", "{\"reason\": \"SOMETHING\"}",
				Api.demo("head.cardio"));
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.body()).contains("reason").contains("explanation");

		// raised eight days ago: the default deadline is seven days
		jdbc.sql("update record_qc_defect set raised_at = raised_at - interval '8 days' where id = cast(:id as uuid)")
			.param("id", defect)
			.update();
		var late = appeal(defect, "head.cardio");
		assertThat(late.status()).as(late.body()).isEqualTo(409);
		assertThat(late.json().get("code").asString()).isEqualTo("recordqc.appeal-deadline");
		// the raise time survives the next run: still too late
		run(day);
		assertThat(appeal(defect, "head.cardio").status()).isEqualTo(409);
	}

	@Test
	void aRectifiedDefectIsResolvedByTheNextRunOrReopenedIfItStillOccurs() {
		LocalDate day = day();
		String stay = stay(day, List.of("ADMISSION_RECORD"), List.of("DISCHARGE_RECORD"));
		run(day);
		String late = defect(stay, "RR-ADM-01");
		String missing = defect(stay, "RR-DSC-01");

		var blank = api.post("/api/v1/record-qc/defects/" + missing + "/rectification", "{\"note\": \" \"}",
				Api.demo("qc.cardio"));
		assertThat(blank.status()).isEqualTo(400);
		for (String defect : List.of(late, missing)) {
			var done = api.post("/api/v1/record-qc/defects/" + defect + "/rectification",
					"{\"note\": \"已补写并签名\"}", Api.demo("qc.cardio"));
			assertThat(done.status()).as(done.body()).isEqualTo(200);
			assertThat(done.json().get("status").asString()).isEqualTo("RECTIFIED");
		}
		var twice = api.post("/api/v1/record-qc/defects/" + late + "/rectification", "{\"note\": \"再次\"}",
				Api.demo("head.cardio"));
		assertThat(twice.status()).isEqualTo(409);
		assertThat(twice.json().get("code").asString()).isEqualTo("recordqc.already-rectified");

		// the discharge record reaches the EMR export on time; the admission record stays late
		var imported = api.upload("/api/v1/imports/record-documents", "record-documents.csv",
				ClinicalCsv.file(ClinicalCsv.DOCUMENTS,
						stay + "," + stay + "-DSC,DISCHARGE_RECORD,," + day + " 18:00,D0301001,CHIEF"),
				Api.demo("quality"), null);
		assertThat(imported.status()).isEqualTo(200);
		run(day);

		var resolved = jdbc.sql("select status from record_qc_follow_up where id = cast(:id as uuid)")
			.param("id", missing).query(String.class).single();
		assertThat(resolved).isEqualTo("RESOLVED");
		var reopened = jdbc.sql("select status from record_qc_follow_up where id = cast(:id as uuid)")
			.param("id", late).query(String.class).single();
		assertThat(reopened).isEqualTo("REOPENED");
		assertThat(inbox("qc.cardio", "recordqc.notice.resolved")).isPositive();
		var still = notifications.inbox(userId("head.cardio"), 500).stream()
			.filter(n -> n.messageKey().equals("recordqc.notice.still-late") && n.arguments().get(0).equals(stay))
			.toList();
		assertThat(still).hasSize(1);
		assertThat(still.get(0).arguments()).contains(day.minusDays(6) + "T08:00:00", day.minusDays(5) + "T08:00:00");
		// the resolved one is off the list, the reopened one may be rectified again
		String list = api.get("/api/v1/record-qc/my-defects?size=1000", Api.demo("qc.cardio")).body();
		assertThat(list).contains(late).doesNotContain(missing);
		var again = api.post("/api/v1/record-qc/defects/" + late + "/rectification", "{\"note\": \"再次核对\"}",
				Api.demo("head.cardio"));
		assertThat(again.status()).isEqualTo(200);
		assertThat(audited(DefectFollowUps.ENTITY, missing)).isEqualTo(2);
		assertThat(audited(DefectFollowUps.ENTITY, late)).isEqualTo(3);
	}

	@Test
	void anotherDepartmentsDefectIsNotFoundAndOnlyTheResponsibleMayAct() {
		LocalDate day = day();
		String stay = stay(day, List.of("ADMISSION_RECORD"), List.of());
		run(day);
		String defect = defect(stay, "RR-ADM-01");
		assertThat(api.get("/api/v1/record-qc/defects/" + defect, Api.demo("qc.ortho")).status()).isEqualTo(404);
		assertThat(appeal(defect, "qc.ortho").status()).isEqualTo(404);
		assertThat(appeal(defect, "nurse.cardio").status()).isEqualTo(404);
		assertThat(appeal(defect, "quality").status()).isEqualTo(403);
		assertThat(api.get("/api/v1/record-qc/defects/" + UUID.randomUUID(), Api.demo("quality")).status())
			.isEqualTo(404);
		assertThat(api.get("/api/v1/record-qc/my-defects", Api.demo("qc.ortho")).body()).doesNotContain(defect);
		// a doctor of cardiology who did not write the record sees it nowhere on his list and may not act
		var created = api.post("/api/v1/users", "{\"username\": \"docfu" + SEQUENCE.incrementAndGet()
				+ "\", \"password\": \"Doctor#2026pw\", \"displayName\": \"吴晓婷\", \"roles\": [\"STAFF\"], "
				+ "\"departmentCodes\": [\"0301\"]}", Api.demo("admin"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String username = created.json().get("username").asString();
		jdbc.sql("update app_user set staff_id = (select s.id from staff s join hospital h on h.id = s.hospital_id"
				+ " where h.code = 'H0001' and s.employee_no = 'D0301004') where username = :u")
			.param("u", username)
			.update();
		String doctor = Api.basic(username, "Doctor#2026pw");
		assertThat(api.get("/api/v1/record-qc/my-defects", doctor).body()).doesNotContain(defect);
		assertThat(api.get("/api/v1/record-qc/defects/" + defect, doctor).status()).isEqualTo(200);
		var refused = api.post("/api/v1/record-qc/defects/" + defect + "/appeals",
				"{\"reason\": \"OTHER\", \"explanation\": \"不是我写的\"}", doctor);
		assertThat(refused.status()).isEqualTo(403);
	}

	@Test
	void aDocumentDueSoonIsPromptedToItsDoctorOnce() {
		// discharged two hours ago, the discharge record not written yet: due in 22 hours
		LocalDateTime discharged = LocalDateTime.now().minusHours(2).withSecond(0).withNano(0);
		DateTimeFormatter minutes = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
		String id = "FU-DUE-" + UUID.randomUUID().toString().substring(0, 8);
		var encounters = api.upload("/api/v1/imports/encounters", "encounters.csv", ClinicalCsv.file(
				ClinicalCsv.ENCOUNTERS, id + ",P" + id + ",1,1960-05-01," + minutes.format(discharged.minusDays(5))
						+ ",0301," + minutes.format(discharged) + ",0301,1,I21.0,,1,1,"),
				Api.demo("quality"), null);
		assertThat(encounters.status()).as(encounters.body()).isEqualTo(200);
		var documents = api.upload("/api/v1/imports/record-documents", "record-documents.csv", ClinicalCsv.file(
				ClinicalCsv.DOCUMENTS,
				id + ",D1,ADMISSION_RECORD,," + minutes.format(discharged.minusDays(5).plusHours(3)) + ",D0301001,CHIEF",
				id + ",D2,FIRST_PROGRESS_NOTE,," + minutes.format(discharged.minusDays(5).plusHours(2)) + ",D0301001,CHIEF",
				id + ",D3,ATTENDING_FIRST_ROUND,," + minutes.format(discharged.minusDays(4)) + ",D0301001,CHIEF"),
				Api.demo("quality"), null);
		assertThat(documents.status()).as(documents.body()).isEqualTo(200);
		LocalDate today = discharged.toLocalDate();
		run(today);
		run(today);
		String defect = defect(id, "RR-DSC-01");
		// the imports start runs of their own too: however many runs, one prompt
		long prompts = notifications.inbox(userId("head.cardio"), 500).stream()
			.filter(n -> n.messageKey().equals("recordqc.notice.due-soon") && n.arguments().get(0).equals(id))
			.count();
		assertThat(prompts).isEqualTo(1);
		JsonNode due = api.get("/api/v1/record-qc/my-defects?dueSoon=true", Api.demo("head.cardio")).json();
		assertThat(due.toString()).contains(defect);
		assertThat(api.get("/api/v1/record-qc/my-defects", Api.demo("head.cardio")).body()).doesNotContain(defect);
		// not prompted to whoever did not write the record
		assertThat(notifications.inbox(userId("qc.cardio"), 500).stream()
			.filter(n -> n.messageKey().equals("recordqc.notice.due-soon") && n.arguments().get(0).equals(id))).isEmpty();
	}

	String render(String path, String username, String lang) throws Exception {
		String html = mvc.perform(get(path).param("lang", lang).with(user(users.loadUserByUsername(username))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).as(path).contains("</html>").doesNotContain("??");
		return html;
	}

	@Test
	void thePagesRenderInBothLanguagesAndTheirFormsWork() throws Exception {
		LocalDate day = day();
		String stay = stay(day, List.of("ADMISSION_RECORD"), List.of("DISCHARGE_RECORD"));
		run(day);
		String late = defect(stay, "RR-ADM-01");
		String missing = defect(stay, "RR-DSC-01");

		String zh = render("/record-qc/my-defects", "head.cardio", "zh_CN");
		assertThat(zh).contains("我的病历缺陷").contains(stay).contains("标记已整改").contains("纸质病历已按时完成");
		String en = render("/record-qc/my-defects", "qc.cardio", "en");
		assertThat(en).contains("My record defects").contains("Documents due soon").contains(late);

		mvc.perform(post("/record-qc/defects/" + missing + "/rectification").param("note", "已补写")
			.with(user(users.loadUserByUsername("qc.cardio"))).with(csrf()))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/record-qc/defects/" + late + "/appeals").param("reason", "PAPER_RECORD")
			.param("explanation", "纸质入院记录")
			.with(user(users.loadUserByUsername("head.cardio"))).with(csrf()))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/record-qc/defects/" + late + "/appeals").param("reason", "PAPER_RECORD")
			.param("explanation", "again")
			.with(user(users.loadUserByUsername("head.cardio"))).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
				.attribute("failure", "error.recordqc.appeal-open"));
		assertThat(render("/record-qc/my-defects", "head.cardio", "en")).contains("Rectified, awaiting re-check")
			.contains("Under appeal");

		String queue = render("/record-qc/appeals", "quality", "zh_CN");
		assertThat(queue).contains("缺陷申诉审核").contains(stay).contains("申诉成立");
		assertThat(render("/record-qc/appeals", "quality", "en")).contains("Defect appeals").contains("Uphold");
		String appeal = jdbc.sql("select a.id from record_qc_appeal a where a.follow_up_id = cast(:id as uuid)")
			.param("id", late).query(UUID.class).single().toString();
		mvc.perform(post("/record-qc/appeals/" + appeal + "/decision").param("upheld", "true").param("note", "")
			.with(user(users.loadUserByUsername("quality"))).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
				.attribute("success", "recordqc.decision.upheld"));
		assertThat(render("/record-qc/appeals?status=UPHELD", "quality", "en")).contains(stay);
		mvc.perform(get("/record-qc/appeals").with(user(users.loadUserByUsername("qc.cardio"))))
			.andExpect(status().isForbidden());
	}
}
