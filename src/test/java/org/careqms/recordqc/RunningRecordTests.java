package org.careqms.recordqc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

import org.careqms.notification.Notifications;
import org.careqms.support.Api;
import org.careqms.support.Browser;
import org.careqms.support.CareQmsTest;
import org.careqms.support.ClinicalCsv;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Running records (ADR 0015) over real HTTP and PostgreSQL in the demo hospital: the census import
 * (inpatients.csv) and its replacement, discharge ending a running stay, record documents of running stays,
 * the deadline boundaries (written at the deadline is on time, the due-soon window's edge, overdue), FHIR
 * encounters in progress, department scope, prompts once per item, and the page in both languages. Times are
 * relative to now in the hospital's clock; every test's encounters have their own prefix. A census replaces
 * the running set, so each test imports the census it needs in one file.
 */
@CareQmsTest
class RunningRecordTests {

	static final AtomicInteger SEQUENCE = new AtomicInteger();

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	/** Times in the API's answers. */
	static final DateTimeFormatter API_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RunningRecords running;

	@Autowired
	Notifications notifications;

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	@Value("${careqms.clinical-data.time-zone:Asia/Shanghai}")
	ZoneId zone;

	Api api;

	String p;

	@BeforeEach
	void client() {
		api = new Api(port);
		p = "RN" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6) + "-";
	}

	LocalDateTime now() {
		return LocalDateTime.now(zone).truncatedTo(ChronoUnit.MINUTES);
	}

	UUID hospital() {
		return jdbc.sql("select hospital_id from app_user where username = 'quality'").query(UUID.class).single();
	}

	UUID department(String code) {
		return jdbc.sql("select id from department where code = :c and hospital_id = :h")
			.param("c", code)
			.param("h", hospital())
			.query(UUID.class)
			.single();
	}

	/** A census row: a patient of {@code dept} admitted at {@code admit}, attended by {@code doctor}. */
	String inpatient(String id, String dept, LocalDateTime admit, String doctor) {
		return p + id + ",P" + p + id + ",1,1960-05-01," + TIME.format(admit) + "," + dept + ",1,I21.0,," + dept
				+ ",," + doctor + ",STABLE";
	}

	Api.Answer census(String... rows) {
		return api.upload("/api/v1/imports/inpatients", "inpatients.csv", ClinicalCsv.file(ClinicalCsv.INPATIENTS, rows),
				Api.demo("quality"), "en");
	}

	String document(String id, String docId, String type, LocalDateTime event, LocalDateTime written) {
		return p + id + "," + p + docId + "," + type + "," + (event == null ? "" : TIME.format(event)) + ","
				+ TIME.format(written) + ",D0301001,ATTENDING";
	}

	Api.Answer documents(String... rows) {
		return api.upload("/api/v1/imports/record-documents", "record-documents.csv",
				ClinicalCsv.file(ClinicalCsv.DOCUMENTS, rows), Api.demo("quality"), "en");
	}

	static void ok(Api.Answer answer) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.json().get("rejected").asInt()).as(answer.body()).isZero();
	}

	/** The items of the user's running list of this test's encounters, as "encounter rule state". */
	List<String> items(String user) {
		var answer = api.get("/api/v1/record-qc/running", Api.demo(user));
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		List<String> items = new ArrayList<>();
		for (JsonNode item : answer.json().get("items")) {
			String encounter = item.get("encounterId").asString();
			if (encounter.startsWith(p)) {
				items.add(encounter.substring(p.length()) + " " + item.get("ruleId").asString() + " "
						+ item.get("state").asString());
			}
		}
		return items;
	}

	String stay(String id) {
		return jdbc.sql("select coalesce(ended_reason, 'RUNNING') from running_stay where encounter_id = :e")
			.param("e", p + id)
			.query(String.class)
			.optional()
			.orElse("NONE");
	}

	/** Notifications of the user about the rule's item of this test's encounter. */
	long inbox(String username, String messageKey, String encounter, String rule) {
		UUID user = jdbc.sql("select id from app_user where username = :u").param("u", username).query(UUID.class).single();
		return notifications.inbox(user, 1000)
			.stream()
			.filter(n -> n.messageKey().equals(messageKey) && n.arguments().contains(p + encounter)
					&& n.arguments().contains(rule))
			.count();
	}

	@Test
	void deadlinesAreJudgedAtTheirBoundaries() {
		LocalDateTime now = now();
		LocalDateTime a = now.minusHours(30);
		LocalDateTime b = now.minusHours(20); // admission record due in exactly 4 hours: the window's edge
		LocalDateTime c = now.minusHours(20).plusMinutes(2); // due 2 minutes after the window
		LocalDateTime d = now.minusHours(24).minusMinutes(1); // due a minute ago
		ok(census(inpatient("A", "0301", a, "D0301001"), inpatient("B", "0301", b, "D0301001"),
				inpatient("C", "0301", c, "D0301001"), inpatient("D", "0301", d, "D0301001")));
		// documents of patients in hospital are accepted (their encounter is a running stay, not a discharge)
		ok(documents(document("A", "A1", "ADMISSION_RECORD", null, a.plusHours(24)), // exactly at the deadline
				document("A", "A2", "FIRST_PROGRESS_NOTE", null, a.plusHours(8).plusMinutes(1)), // a minute late
				document("B", "B2", "FIRST_PROGRESS_NOTE", null, b.plusHours(2)),
				document("C", "C2", "FIRST_PROGRESS_NOTE", null, c.plusHours(2)),
				document("D", "D2", "FIRST_PROGRESS_NOTE", null, d.plusHours(8))));
		running.judge(hospital());

		assertThat(items("quality")).containsExactlyInAnyOrder("A RR-PRG-01 LATE", "B RR-ADM-01 DUE_SOON",
				"D RR-ADM-01 OVERDUE");
		var answer = api.get("/api/v1/record-qc/running", Api.demo("quality")).json();
		for (JsonNode item : answer.get("items")) {
			String encounter = item.get("encounterId").asString();
			if (encounter.equals(p + "B")) {
				assertThat(item.get("dueTime").asString()).isEqualTo(API_TIME.format(now.plusHours(4)));
				assertThat(item.get("minutesLeft").asLong()).isBetween(236L, 240L);
				assertThat(item.get("departmentCode").asString()).isEqualTo("0301");
				assertThat(item.get("doctorId").asString()).isEqualTo("D0301001");
			}
			if (encounter.equals(p + "D")) {
				assertThat(item.get("minutesLeft").asLong()).isBetween(-4L, -1L);
			}
			if (encounter.equals(p + "A")) {
				assertThat(item.get("writtenTime").asString()).isEqualTo(API_TIME.format(a.plusHours(8).plusMinutes(1)));
			}
		}
		// the admission record written now closes the overdue item; a running result never becomes a grade
		ok(documents(document("D", "D1", "ADMISSION_RECORD", null, now)));
		running.judge(hospital());
		assertThat(items("quality")).contains("D RR-ADM-01 LATE").doesNotContain("D RR-ADM-01 OVERDUE");
		assertThat(jdbc.sql("select count(*) from record_qc_grade where encounter_id like :p")
			.param("p", p + "%")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void eventBoundAndTransferDocumentsAreDueFromTheirEvents() {
		LocalDateTime now = now();
		LocalDateTime admit = now.minusHours(40);
		LocalDateTime operationEnd = now.minusHours(22); // operation record due in 2 hours
		LocalDateTime transfer = now.minusHours(25); // transfer-in note overdue by an hour
		String transferred = p + "T,P" + p + "T,2,1970-01-01," + TIME.format(admit) + ",0301,1,I21.0,,0402,"
				+ TIME.format(transfer) + ",D0402001,SERIOUS";
		ok(census(inpatient("O", "0301", admit, "D0301001"), transferred));
		ok(documents(document("O", "O1", "ADMISSION_RECORD", null, admit.plusHours(2)),
				document("O", "O2", "FIRST_PROGRESS_NOTE", null, admit.plusHours(2)),
				document("O", "O3", "POSTOP_FIRST_NOTE", operationEnd, operationEnd),
				document("T", "T1", "ADMISSION_RECORD", null, admit.plusHours(2)),
				document("T", "T2", "FIRST_PROGRESS_NOTE", null, admit.plusHours(2))));
		running.judge(hospital());
		assertThat(items("quality")).containsExactlyInAnyOrder("O RR-SUR-05 DUE_SOON", "T RR-TRF-02 OVERDUE");
		// the transfer-in note is the new department's: orthopaedics sees it, cardiology does not
		assertThat(items("qc.ortho")).containsExactly("T RR-TRF-02 OVERDUE");
		assertThat(items("qc.cardio")).containsExactly("O RR-SUR-05 DUE_SOON");
	}

	@Test
	void theNextProgressNoteIsDueByTheConditionLevel() {
		LocalDateTime now = now();
		LocalDateTime critical = now.minusHours(30);
		LocalDateTime serious = now.minusHours(50);
		LocalDateTime stable = now.minusHours(50);
		ok(census(inpatient("CR", "0301", critical, "D0301001").replace(",STABLE", ",CRITICAL"),
				inpatient("SE", "0301", serious, "D0301001").replace(",STABLE", ",SERIOUS"),
				inpatient("ST", "0301", stable, "D0301001")));
		ok(documents(document("CR", "C1", "ADMISSION_RECORD", null, critical.plusHours(1)),
				document("CR", "C2", "FIRST_PROGRESS_NOTE", null, critical.plusHours(2)),
				document("CR", "C3", "ATTENDING_FIRST_ROUND", null, critical.plusHours(3)),
				document("CR", "C4", "PROGRESS_NOTE", null, now.minusHours(21)), // critical: daily, due in 3 h
				document("SE", "S1", "ADMISSION_RECORD", null, serious.plusHours(1)),
				document("SE", "S2", "FIRST_PROGRESS_NOTE", null, serious.plusHours(1)), // serious: 2 days, overdue
				document("SE", "S3", "ATTENDING_FIRST_ROUND", null, serious.plusHours(3)),
				document("ST", "T1", "ADMISSION_RECORD", null, stable.plusHours(1)),
				document("ST", "T2", "FIRST_PROGRESS_NOTE", null, stable.plusHours(1)), // stable: 3 days
				document("ST", "T3", "ATTENDING_FIRST_ROUND", null, stable.plusHours(3))));
		running.judge(hospital());
		assertThat(items("quality")).containsExactlyInAnyOrder("CR RR-PRG-02 DUE_SOON", "SE RR-PRG-03 OVERDUE");
		// a progress note written now starts the next interval: nothing is due soon any more
		ok(documents(document("SE", "S4", "PROGRESS_NOTE", null, now)));
		running.judge(hospital());
		assertThat(items("quality")).containsExactly("CR RR-PRG-02 DUE_SOON");
		// rules the quality office tunes: a longer interval for the critically ill takes it off the list
		jdbc.sql("update record_qc_rule set deadline_hours = 48 where hospital_id = :h and rule_id = 'RR-PRG-02'")
			.param("h", hospital())
			.update();
		try {
			running.judge(hospital());
			assertThat(items("quality")).isEmpty();
		}
		finally {
			jdbc.sql("update record_qc_rule set deadline_hours = 24 where hospital_id = :h and rule_id = 'RR-PRG-02'")
				.param("h", hospital())
				.update();
		}
	}

	@Test
	void aCensusReplacesTheRunningStaysAndADischargeEndsOne() {
		LocalDateTime admit = now().minusHours(2);
		ok(census(inpatient("X", "0301", admit, "D0301001"), inpatient("Y", "0301", admit, "D0301001")));
		assertThat(stay("X")).isEqualTo("RUNNING");
		var second = census(inpatient("Y", "0301", admit, "D0301001"), inpatient("Z", "0301", admit, "D0301001"),
				inpatient("W", "0301", admit, "D0301001"));
		ok(second);
		assertThat(second.json().get("kind").asString()).isEqualTo("INPATIENTS");
		assertThat(stay("X")).isEqualTo("CENSUS");
		assertThat(stay("Y")).isEqualTo("RUNNING");
		assertThat(stay("Z")).isEqualTo("RUNNING");

		// Y is discharged: encounters.csv (unchanged contract) ends its running stay
		ok(api.upload("/api/v1/imports/encounters", "encounters.csv", ClinicalCsv.file(ClinicalCsv.ENCOUNTERS,
				p + "Y,P" + p + "Y,1,1960-05-01," + TIME.format(admit) + ",0301," + TIME.format(admit.plusHours(1))
						+ ",0301,1,I21.0,,1,1,"),
				Api.demo("quality"), "en"));
		assertThat(stay("Y")).isEqualTo("DISCHARGED");
		running.judge(hospital());
		assertThat(items("quality")).noneMatch(item -> item.startsWith("Y "));

		// a census that still lists the discharged Y: that row is refused, and a census with refused rows ends
		// nothing (W stays running although it is not listed)
		var third = census(inpatient("Z", "0301", admit, "D0301001"), inpatient("Y", "0301", admit, "D0301001"));
		assertThat(third.status()).isEqualTo(200);
		JsonNode json = third.json();
		assertThat(json.get("accepted").asInt()).isEqualTo(1);
		assertThat(json.get("rejected").asInt()).isEqualTo(1);
		JsonNode error = json.get("errors").get(0);
		assertThat(error.get("line").asInt()).isEqualTo(3);
		assertThat(error.get("column").asString()).isEqualTo("encounter_id");
		assertThat(error.get("message").asString()).contains("already imported as a discharge");
		assertThat(json.get("warnings").get(0).asString()).startsWith("1 rows were rejected");
		assertThat(stay("W")).isEqualTo("RUNNING");
		assertThat(stay("Y")).isEqualTo("DISCHARGED");
		// the discharge is what the indicators count: the running stays are not in clinical_encounter
		assertThat(jdbc.sql("select count(*) from clinical_encounter where encounter_id like :p")
			.param("p", p + "%")
			.query(Long.class)
			.single()).isEqualTo(1);
		// listed again after being left out: running again
		ok(census(inpatient("X", "0301", admit, "D0301001")));
		assertThat(stay("X")).isEqualTo("RUNNING");
		assertThat(stay("W")).isEqualTo("CENSUS");
	}

	@Test
	void badCensusRowsAreRefusedWithLineFieldAndReasonAndWriteNothing() {
		LocalDateTime admit = now().minusHours(3);
		String good = inpatient("G", "0301", admit, "D0301001");
		var answer = census(good,
				p + "S,P1,7,1960-05-01," + TIME.format(admit) + ",0301,1,I21.0,,0301,,,STABLE",
				p + "M,P1,1,1960-05-01,,0301,1,I21.0,,0301,,,STABLE",
				p + "U,P1,1,1960-05-01," + TIME.format(admit) + ",NOPE,1,I21.0,,0301,,,STABLE",
				p + "T,P1,1,1960-05-01," + TIME.format(admit) + ",0301,1,I21.0,,0402," + TIME.format(admit.minusHours(1))
						+ ",,STABLE",
				p + "L,P1,1,1960-05-01," + TIME.format(admit) + ",0301,1,I21.0,,0301,,,DYING", good);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		JsonNode json = answer.json();
		assertThat(json.get("accepted").asInt()).isEqualTo(1);
		assertThat(json.get("rejected").asInt()).isEqualTo(6);
		List<String> errors = new ArrayList<>();
		json.get("errors").forEach(e -> errors.add(e.get("line").asInt() + " " + e.get("column").asString()));
		assertThat(errors).containsExactly("3 sex", "4 admit_time", "5 admit_dept", "6 transfer_time",
				"7 condition_level", "8 encounter_id");
		assertThat(json.get("errors").get(0).get("message").asString()).isNotBlank();
		for (String refused : List.of("S", "M", "U", "T", "L")) {
			assertThat(stay(refused)).isEqualTo("NONE");
		}
		assertThat(stay("G")).isEqualTo("RUNNING");
		// the history knows the run with its errors
		var history = api.get("/api/v1/imports", Api.demo("quality"));
		assertThat(history.body()).contains(json.get("runId").asString()).contains("INPATIENTS");

		// a missing column refuses the whole file; a dry run stores nothing
		var noColumn = api.upload("/api/v1/imports/inpatients", "inpatients.csv",
				ClinicalCsv.file("encounter_id,patient_id", p + "Q,P1"), Api.demo("quality"), "en");
		assertThat(noColumn.status()).isEqualTo(400);
		var dry = api.upload("/api/v1/imports/inpatients?dryRun=true", "inpatients.csv",
				ClinicalCsv.file(ClinicalCsv.INPATIENTS, inpatient("R", "0301", admit, "D0301001")),
				Api.demo("quality"), "en");
		ok(dry);
		assertThat(dry.json().get("accepted").asInt()).isEqualTo(1);
		assertThat(stay("R")).isEqualTo("NONE");
		assertThat(stay("G")).isEqualTo("RUNNING");
		// documents of an encounter that is neither discharged nor in hospital are still refused
		var unknown = documents(document("NOWHERE", "N1", "ADMISSION_RECORD", null, admit));
		assertThat(unknown.json().get("rejected").asInt()).isEqualTo(1);
	}

	@Test
	void aFhirEncounterInProgressIsAPatientInHospital() {
		LocalDateTime now = now();
		String start = now.minusHours(26).atZone(zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
		String bundle = """
				{"resourceType": "Bundle", "type": "collection", "entry": [
				  {"fullUrl": "urn:uuid:%1$spat", "resource": {"resourceType": "Patient", "id": "%1$spat",
				    "gender": "female", "birthDate": "1950-03-04"}},
				  {"fullUrl": "urn:uuid:%1$sdoc", "resource": {"resourceType": "Practitioner", "id": "%1$sdoc",
				    "identifier": [{"system": "urn:careqms:staff", "value": "D0301001"}]}},
				  {"fullUrl": "urn:uuid:%1$senc", "resource": {"resourceType": "Encounter", "id": "%1$sF",
				    "status": "in-progress", "class": {"code": "IMP"},
				    "subject": {"reference": "urn:uuid:%1$spat"},
				    "participant": [{"type": [{"coding": [{"code": "ATND"}]}],
				                     "individual": {"reference": "urn:uuid:%1$sdoc"}}],
				    "period": {"start": "%2$s"}}}]}""".formatted(p, start);
		var answer = api.post("/api/v1/imports/fhir?defaultDepartment=0301",
				bundle.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/fhir+json", Api.demo("quality"),
				"en");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.json().get("accepted").asInt()).as(answer.body()).isEqualTo(1);
		assertThat(answer.json().get("skipped").asInt()).isZero();
		assertThat(jdbc.sql("""
				select w.source || ' ' || w.attending_id || ' ' || w.sex || ' ' || d.code from running_stay w
				join department d on d.id = w.current_dept_id where w.encounter_id = :e""")
			.param("e", p + "F")
			.query(String.class)
			.single()).isEqualTo("FHIR D0301001 2 0301");
		running.judge(hospital());
		assertThat(items("head.cardio")).contains("F RR-ADM-01 OVERDUE", "F RR-PRG-01 OVERDUE");
	}

	@Test
	void anotherDepartmentsRunningStaysAreNotFoundAndNotListed() {
		LocalDateTime admit = now().minusHours(30);
		ok(census(inpatient("C", "0301", admit, "D0301001"), inpatient("O", "0402", admit, "D0402001")));
		running.judge(hospital());
		assertThat(items("qc.cardio")).allMatch(item -> item.startsWith("C ")).isNotEmpty();
		assertThat(items("qc.ortho")).allMatch(item -> item.startsWith("O ")).isNotEmpty();
		assertThat(items("quality")).anyMatch(item -> item.startsWith("C ")).anyMatch(item -> item.startsWith("O "));
		assertThat(api.get("/api/v1/record-qc/running?department=" + department("0301"), Api.demo("qc.ortho")).status())
			.isEqualTo(404);
		assertThat(api.get("/api/v1/record-qc/running?department=" + department("0301"), Api.demo("qc.cardio")).status())
			.isEqualTo(200);
		// the ward nurse is bound to the ward below cardiology, not to cardiology itself
		assertThat(items("nurse.cardio")).isEmpty();
	}

	@Test
	void eachItemIsPromptedOncePerState() {
		LocalDateTime now = now();
		ok(census(inpatient("N", "0301", now.minusHours(25), "D0301001"),
				inpatient("S", "0301", now.minusHours(21), "D0301001")));
		ok(documents(document("N", "N2", "FIRST_PROGRESS_NOTE", null, now.minusHours(24)),
				document("S", "S2", "FIRST_PROGRESS_NOTE", null, now.minusHours(20))));
		// (the judging after the census alone found the progress notes overdue too: prompted then, closed now)
		running.judge(hospital());
		running.judge(hospital());
		running.prompt(hospital());
		// the attending doctor (head.cardio is D0301001) and cardiology's QC officer, once each
		assertThat(inbox("head.cardio", "recordqc.notice.running-overdue", "N", "RR-ADM-01")).isEqualTo(1);
		assertThat(inbox("qc.cardio", "recordqc.notice.running-overdue", "N", "RR-ADM-01")).isEqualTo(1);
		assertThat(inbox("head.cardio", "recordqc.notice.running-due-soon", "S", "RR-ADM-01")).isEqualTo(1);
		assertThat(inbox("qc.cardio", "recordqc.notice.running-due-soon", "S", "RR-ADM-01")).isEqualTo(1);
		assertThat(inbox("head.cardio", "recordqc.notice.running-overdue", "S", "RR-ADM-01")).isZero();
		assertThat(inbox("qc.ortho", "recordqc.notice.running-overdue", "N", "RR-ADM-01")).isZero();
		UUID user = jdbc.sql("select id from app_user where username = 'head.cardio'").query(UUID.class).single();
		assertThat(notifications.inbox(user, 1000)
			.stream()
			.filter(n -> n.arguments().contains(p + "N") && n.arguments().contains("RR-ADM-01"))
			.findFirst()
			.orElseThrow()
			.link()).startsWith("/record-qc/running?department=");
	}

	@Test
	void theQualityOfficeChecksOnDemandAndAnotherDepartmentsPageIsNotFound() throws Exception {
		ok(census(inpatient("K", "0301", now().minusHours(30), "D0301001")));
		// whatever the judging after the import found, the button judges again now
		jdbc.sql("delete from record_qc_running_item where encounter_id = :e").param("e", p + "K").update();
		mvc.perform(post("/record-qc/running/check").with(user(users.loadUserByUsername("quality"))).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attributeExists("checked"));
		assertThat(items("quality")).contains("K RR-ADM-01 OVERDUE");
		mvc.perform(post("/record-qc/running/check").with(user(users.loadUserByUsername("qc.cardio"))).with(csrf()))
			.andExpect(status().isForbidden());
		mvc.perform(get("/record-qc/running").param("department", department("0301").toString())
			.with(user(users.loadUserByUsername("qc.ortho"))))
			.andExpect(status().isNotFound());
		mvc.perform(get("/record-qc/running").param("department", department("0301").toString())
			.with(user(users.loadUserByUsername("qc.cardio"))))
			.andExpect(status().isOk());
	}

	@Test
	void thePageListsThePatientsInChineseAndInEnglish() {
		LocalDateTime now = now();
		ok(census(inpatient("B", "0301", now.minusHours(30), "D0301001")));
		running.judge(hospital());
		WebDriver browser = Browser.start(1280, 900);
		try {
			browser.get("http://localhost:" + port + "/login");
			browser.findElement(By.id("username")).sendKeys("head.cardio");
			browser.findElement(By.id("password")).sendKeys(Api.DEMO_PASSWORD);
			browser.findElement(By.id("login-submit")).click();
			new WebDriverWait(browser, Duration.ofSeconds(10))
				.until(d -> !d.findElements(By.cssSelector("#logout, #login-error")).isEmpty());
			browser.get("http://localhost:" + port + "/record-qc?lang=zh_CN");
			Browser.clickToNavigate(browser, By.id("running-link"));
			assertThat(browser.getCurrentUrl()).contains("/record-qc/running");
			assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
			assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("运行病历");
			String stay = browser.findElement(By.id("stay-" + p + "B")).getText();
			assertThat(stay).contains("入院记录").contains("已超时").contains(p + "B");
			assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("??");

			browser.get("http://localhost:" + port + "/record-qc/running?lang=en");
			assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
			assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Running records");
			String english = browser.findElement(By.id("stay-" + p + "B")).getText();
			assertThat(english).contains("Overdue by").contains("Attending doctor D0301001");
			assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("??");
		}
		finally {
			browser.quit();
		}
	}
}
