package org.careqms.recordqc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

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

/**
 * The record-QC API as api-contract.md promises it, over real HTTP: data imported through the CSV
 * import API into the demo hospital (discharges of March 2004, which no other test uses), a run, the
 * defect list in full and in pages, refusals, department scope, and the run that follows a recent
 * import.
 */
@CareQmsTest
class RecordQcApiTests {

	static final String RANGE = "from=2004-03-01&to=2004-03-31";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Notifications notifications;

	Api api;

	@BeforeEach
	void importMarch2004() {
		api = new Api(port);
		// E1 complete but for an admission record one minute late; E2 without any document
		var encounters = api.upload("/api/v1/imports/encounters", "encounters.csv", ClinicalCsv.file(
				ClinicalCsv.ENCOUNTERS,
				"RQAPI-1,PRQAPI1,1,1960-05-01,2004-03-03 08:00,0301,2004-03-10 10:00,0301,1,I21.0,,1,1,",
				"RQAPI-2,PRQAPI2,2,1950-05-01,2004-03-03 08:00,0301,2004-03-10 10:00,0301,1,I21.0,,1,1,"),
				Api.demo("quality"), null);
		assertThat(encounters.status()).as(encounters.body()).isEqualTo(200);
		var documents = api.upload("/api/v1/imports/record-documents", "record-documents.csv", ClinicalCsv.file(
				ClinicalCsv.DOCUMENTS, "RQAPI-1,A1,ADMISSION_RECORD,,2004-03-04 08:01,D0301001,ATTENDING",
				"RQAPI-1,A2,FIRST_PROGRESS_NOTE,,2004-03-03 12:00,D0301001,ATTENDING",
				"RQAPI-1,A3,ATTENDING_FIRST_ROUND,,2004-03-04 09:00,D0301001,ATTENDING",
				"RQAPI-1,A4,DISCHARGE_RECORD,,2004-03-11 10:00,D0301001,ATTENDING"), Api.demo("quality"), null);
		assertThat(documents.status()).as(documents.body()).isEqualTo(200);
	}

	private Api.Answer run(String user) {
		return api.post("/api/v1/record-qc/runs", "{\"from\": \"2004-03-01\", \"to\": \"2004-03-31\"}", Api.demo(user));
	}

	@Test
	void aRunAnswersItsCountsAndTheDefectListFollowsTheContract() {
		var run = run("quality");
		assertThat(run.status()).as(run.body()).isEqualTo(200);
		assertThat(run.json().get("runId").asString()).isNotBlank();
		assertThat(run.json().get("encounters").asInt()).isEqualTo(2);
		assertThat(run.json().get("defects").asInt()).isEqualTo(5);

		var defects = api.get("/api/v1/record-qc/defects?" + RANGE, Api.demo("quality"));
		assertThat(defects.status()).isEqualTo(200);
		assertThat(defects.contentType()).startsWith("application/json");
		List<String> lines = new ArrayList<>();
		for (JsonNode d : defects.json()) {
			Set<String> names = new TreeSet<>(d.propertyNames());
			assertThat(names).containsExactly("documentType", "dueTime", "encounterId", "kind", "ruleId", "writtenTime");
			lines.add(d.get("encounterId").asString() + " " + d.get("ruleId").asString() + " "
					+ d.get("documentType").asString() + " " + d.get("kind").asString() + " "
					+ d.get("dueTime").asString() + " "
					+ (d.get("writtenTime").isNull() ? "null" : d.get("writtenTime").asString()));
		}
		assertThat(lines).containsExactlyInAnyOrder(
				"RQAPI-1 RR-ADM-01 ADMISSION_RECORD LATE 2004-03-04T08:00:00 2004-03-04T08:01:00",
				"RQAPI-2 RR-ADM-01 ADMISSION_RECORD MISSING 2004-03-04T08:00:00 null",
				"RQAPI-2 RR-PRG-01 FIRST_PROGRESS_NOTE MISSING 2004-03-03T16:00:00 null",
				"RQAPI-2 RR-RND-01 ATTENDING_FIRST_ROUND MISSING 2004-03-05T08:00:00 null",
				"RQAPI-2 RR-DSC-01 DISCHARGE_RECORD MISSING 2004-03-11T10:00:00 null");
	}

	@Test
	void pagesOfTheListAreSlicesOfTheWhole() {
		assertThat(run("admin").status()).isEqualTo(200);
		var whole = api.get("/api/v1/record-qc/defects?" + RANGE, Api.demo("admin")).json();
		var first = api.get("/api/v1/record-qc/defects?" + RANGE + "&page=0&size=2", Api.demo("admin"));
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.json().size()).isEqualTo(2);
		var last = api.get("/api/v1/record-qc/defects?" + RANGE + "&page=2&size=2", Api.demo("admin")).json();
		assertThat(last.size()).isEqualTo(1);
		assertThat(first.json().get(0)).isEqualTo(whole.get(0));
		assertThat(last.get(0)).isEqualTo(whole.get(4));
		assertThat(api.get("/api/v1/record-qc/defects?" + RANGE + "&page=9&size=2", Api.demo("admin")).json().size())
			.isZero();
	}

	@Test
	void departmentUsersSeeOnlyTheirDepartmentsDefects() {
		assertThat(run("quality").status()).isEqualTo(200);
		assertThat(api.get("/api/v1/record-qc/defects?" + RANGE, Api.demo("qc.cardio")).json().size()).isEqualTo(5);
		assertThat(api.get("/api/v1/record-qc/defects?" + RANGE, Api.demo("head.cardio")).json().size()).isEqualTo(5);
		assertThat(api.get("/api/v1/record-qc/defects?" + RANGE, Api.demo("auditor")).json().size()).isEqualTo(5);
		assertThat(api.get("/api/v1/record-qc/defects?" + RANGE, Api.demo("qc.ortho")).json().size()).isZero();
		// the ward nurse is bound to the ward below cardiology, not to cardiology itself
		assertThat(api.get("/api/v1/record-qc/defects?" + RANGE, Api.demo("nurse.cardio")).json().size()).isZero();
		assertThat(api.get("/api/v1/record-qc/defects?" + RANGE + "&page=0&size=10", Api.demo("qc.ortho")).json()
			.size()).isZero();
	}

	@Test
	void badDatesAndRangesAreRefusedWithAProblem() {
		for (String query : List.of("from=2004-13-01&to=2004-03-31", "from=2004-03-01", "to=2004-03-31",
				"from=2004-03-31&to=2004-03-01", "from=1990-01-01&to=2004-03-31", "from=03/01/2004&to=2004-03-31",
				RANGE + "&size=0", RANGE + "&page=-1&size=10", RANGE + "&size=100001", RANGE + "&page=x")) {
			var answer = api.get("/api/v1/record-qc/defects?" + query, Api.demo("quality"));
			assertThat(answer.status()).as(query).isEqualTo(400);
			assertThat(answer.contentType()).as(query).startsWith("application/problem+json");
		}
		for (String body : List.of("{\"from\": \"2004-03-01\"}", "{\"from\": \"2004-03-31\", \"to\": \"2004-03-01\"}",
				"{\"from\": \"yesterday\", \"to\": \"2004-03-01\"}", "{}", "not json", "")) {
			var answer = api.post("/api/v1/record-qc/runs", body, Api.demo("quality"));
			assertThat(answer.status()).as(body).isEqualTo(400);
			assertThat(answer.contentType()).as(body).startsWith("application/problem+json");
		}
	}

	@Test
	void aRecentImportIsJudgedOnItsOwnAndTheDepartmentsQcOfficerIsTold() {
		LocalDate day = LocalDate.now().withDayOfMonth(1).minusMonths(1).plusDays(9);
		String id = "RQIMP-" + UUID.randomUUID().toString().substring(0, 8);
		var answer = api.upload("/api/v1/imports/encounters", "encounters.csv", ClinicalCsv.file(ClinicalCsv.ENCOUNTERS,
				id + ",P" + id + ",1,1960-05-01," + day.minusDays(7) + " 08:00,0301," + day + " 10:00,0301,1,I21.0,,1,1,"),
				Api.demo("quality"), null);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		UUID cardiology = jdbc.sql("select d.id from department d join hospital h on h.id = d.hospital_id"
				+ " where h.code = 'H0001' and d.code = '0301'").query(UUID.class).single();
		UUID officer = jdbc.sql("select id from app_user where username = 'qc.cardio'").query(UUID.class).single();
		UUID orthoOfficer = jdbc.sql("select id from app_user where username = 'qc.ortho'").query(UUID.class).single();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(jdbc.sql("select count(*) from record_qc_defect where encounter_id = :id").param("id", id)
				.query(Long.class).single()).isEqualTo(4);
			assertThat(notifications.inbox(officer, 200)).anySatisfy(n -> assertThat(n.link())
				.isEqualTo("/record-qc/defects?department=" + cardiology + "&from=" + day + "&to=" + day));
		});
		assertThat(notifications.inbox(orthoOfficer, 200))
			.noneSatisfy(n -> assertThat(n.link()).contains("department=" + cardiology));
	}

	@Test
	void anOldImportWaitsForARunOnDemand() {
		// March 2004 was imported before each test: long before the last three months
		assertThat(jdbc.sql("""
				select count(*) from record_qc_run r join hospital h on h.id = r.hospital_id
				where h.code = 'H0001' and r.trigger = 'IMPORT' and r.from_date <= '2004-03-31' and r.to_date >= '2004-03-01'""")
			.query(Long.class).single()).isZero();
		assertThat(run("quality").json().get("defects").asInt()).isEqualTo(5);
	}
}
