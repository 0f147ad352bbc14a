package org.careqms.clinicaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careqms.support.ClinicalCsv.DOCUMENTS;
import static org.careqms.support.ClinicalCsv.ENCOUNTERS;
import static org.careqms.support.ClinicalCsv.PROCEDURES;
import static org.careqms.support.ClinicalCsv.document;
import static org.careqms.support.ClinicalCsv.encounter;
import static org.careqms.support.ClinicalCsv.file;
import static org.careqms.support.ClinicalCsv.procedure;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

import org.careqms.support.Api;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The clinical data imports of api-contract.md and data-formats.md, over real HTTP and PostgreSQL. */
@CareQmsTest
class ImportApiTests {

	static final AtomicInteger SEQUENCE = new AtomicInteger();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Api api;

	/** A prefix that keeps this test's encounters apart from every other test's. */
	String p;

	@BeforeEach
	void setUp() {
		api = new Api(port);
		p = "IT" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
	}

	Api.Answer upload(String kind, byte[] content) {
		return api.upload("/api/v1/imports/" + kind, kind + ".csv", content, Api.demo("quality"), "en");
	}

	long encounters() {
		return jdbc.sql("select count(*) from clinical_encounter where encounter_id like :p")
			.param("p", p + "%")
			.query(Long.class)
			.single();
	}

	static List<String> messages(JsonNode answer) {
		return answer.get("errors").valueStream().map(e -> e.get("message").asString()).toList();
	}

	@Test
	void importsValidRowsAndCountsThem() {
		var answer = upload("encounters", file(ENCOUNTERS, encounter(p + "1"), encounter(p + "2"), encounter(p + "3")));
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		JsonNode json = answer.json();
		assertThat(json.get("accepted").asInt()).isEqualTo(3);
		assertThat(json.get("rejected").asInt()).isZero();
		assertThat(json.get("errors").isEmpty()).isTrue();
		assertThat(json.get("warnings").isEmpty()).isTrue();
		assertThat(json.get("runId").asString()).isNotBlank();
		assertThat(encounters()).isEqualTo(3);

		var stored = jdbc.sql("""
				select e.patient_id, e.sex, e.birth_date::text, e.admit_time::text, d.code, e.other_dx::text,
				       e.total_cost::text, e.readmission_plan_31d
				from clinical_encounter e join department d on d.id = e.admit_dept_id where encounter_id = :id""")
			.param("id", p + "1")
			.query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
			.single();
		assertThat(stored).containsExactly("P" + p + "1", "1", "1960-05-01", "2019-01-03 08:30:00", "0301",
				"{I10.x00,E11.900}", "12345.60", "1");

		var run = jdbc.sql("select status, accepted, rejected, started_by, dry_run from import_run where id = :id")
			.param("id", UUID.fromString(json.get("runId").asString()))
			.query((rs, n) -> List.of(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getBoolean(5)))
			.single();
		assertThat(run).containsExactly("SUCCEEDED", 3, 0, "quality", false);
		assertThat(jdbc.sql("select count(*) from audit_entry where entity_type = 'ImportRun' and entity_id = :id")
			.param("id", json.get("runId").asString())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void reimportingTheSameFileChangesNothing() {
		byte[] content = file(ENCOUNTERS, encounter(p + "1"), encounter(p + "2"));
		var first = upload("encounters", content).json();
		String firstRun = first.get("runId").asString();
		var again = upload("encounters", content);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get("accepted").asInt()).isEqualTo(2);
		assertThat(encounters()).isEqualTo(2);
		// unchanged rows are not rewritten: they still name the run that brought them in
		assertThat(jdbc.sql("select distinct import_run_id::text from clinical_encounter where encounter_id like :p")
			.param("p", p + "%")
			.query(String.class)
			.list()).containsExactly(firstRun);
	}

	@Test
	void aCorrectedFileFixesEarlierData() {
		upload("encounters", file(ENCOUNTERS, encounter(p + "1"), encounter(p + "2")));
		String corrected = encounter(p + "2").replace(",1,1,12345.60", ",5,1,");
		var answer = upload("encounters", file(ENCOUNTERS, encounter(p + "1"), corrected));
		assertThat(answer.json().get("accepted").asInt()).isEqualTo(2);
		assertThat(encounters()).isEqualTo(2);
		var fixed = jdbc.sql("select discharge_disposition, total_cost from clinical_encounter where encounter_id = :id")
			.param("id", p + "2")
			.query((rs, n) -> new Object[] { rs.getInt(1), rs.getBigDecimal(2) })
			.single();
		assertThat(fixed[0]).isEqualTo(5);
		assertThat(fixed[1]).isNull();
	}

	@Test
	void acceptsTheThreeTimeFormatsAndRejectsBadDatesWithLineAndColumn() {
		var answer = upload("encounters", file(ENCOUNTERS,
				encounter(p + "1"),
				encounter(p + "2").replace("2019-01-03 08:30", "2019-01-03T08:30:15"),
				encounter(p + "3").replace("2019-01-10 10:00", "2019-01-10 10:00:59"),
				encounter(p + "4").replace("1960-05-01", "1960-02-30"),
				encounter(p + "5").replace("2019-01-03 08:30", "03/01/2025 08:30"),
				encounter(p + "6").replace("2019-01-10 10:00", "2019-01-10")));
		JsonNode json = answer.json();
		assertThat(json.get("accepted").asInt()).isEqualTo(3);
		assertThat(json.get("rejected").asInt()).isEqualTo(3);
		JsonNode errors = json.get("errors");
		assertThat(errors.get(0).get("line").asInt()).isEqualTo(5);
		assertThat(errors.get(0).get("column").asString()).isEqualTo("birth_date");
		assertThat(errors.get(0).get("message").asString()).isEqualTo(
				"Date \"1960-02-30\" is not valid: expected YYYY-MM-DD.");
		assertThat(errors.get(1).get("line").asInt()).isEqualTo(6);
		assertThat(errors.get(1).get("column").asString()).isEqualTo("admit_time");
		assertThat(errors.get(2).get("line").asInt()).isEqualTo(7);
		assertThat(errors.get(2).get("column").asString()).isEqualTo("discharge_time");
		assertThat(jdbc.sql("select admit_time::text from clinical_encounter where encounter_id = :id")
			.param("id", p + "2")
			.query(String.class)
			.single()).isEqualTo("2019-01-03 08:30:15");
	}

	@Test
	void rejectsDischargeBeforeAdmission() {
		var answer = upload("encounters", file(ENCOUNTERS,
				encounter(p + "1").replace("2019-01-10 10:00", "2019-01-02 10:00")));
		JsonNode error = answer.json().get("errors").get(0);
		assertThat(answer.json().get("rejected").asInt()).isEqualTo(1);
		assertThat(error.get("line").asInt()).isEqualTo(2);
		assertThat(error.get("column").asString()).isEqualTo("discharge_time");
		assertThat(error.get("message").asString())
			.isEqualTo("Discharge time 2019-01-02 10:00 is before admission time 2019-01-03 08:30.");
		assertThat(encounters()).isZero();
	}

	@Test
	void rejectsUnknownDepartmentCodesAndAcceptsHisCodes() {
		var answer = upload("encounters", file(ENCOUNTERS,
				encounter(p + "1").replace(",0301,2019-01-10 10:00,0301,", ",1031,2019-01-10 10:00,HIS:1031,"),
				encounter(p + "2").replace(",0301,2019-01-10 10:00,", ",9999,2019-01-10 10:00,")));
		JsonNode json = answer.json();
		assertThat(json.get("accepted").asInt()).isEqualTo(1);
		assertThat(json.get("errors").get(0).get("column").asString()).isEqualTo("admit_dept");
		assertThat(json.get("errors").get(0).get("message").asString()).contains("\"9999\"");
		assertThat(jdbc.sql("""
				select d.code from clinical_encounter e join department d on d.id = e.discharge_dept_id
				where e.encounter_id = :id""").param("id", p + "1").query(String.class).single()).isEqualTo("0301");
	}

	@Test
	void rejectsCodesAndValuesOfTheWrongShape() {
		var answer = upload("encounters", file(ENCOUNTERS,
				encounter(p + "1").replace(",I21.0,", ",J18.900x002,"),
				encounter(p + "2").replace(",I21.0,", ",I21,").replace("I10.x00;E11.900", "I10.x00; 401.9"),
				encounter(p + "3").replace(",I21.0,", ",i21.0,"),
				encounter(p + "4").replace(p + "4,P" + p + "4,1,", p + "4,P" + p + "4,3,"),
				encounter(p + "5").replace("12345.60", "-1")));
		JsonNode json = answer.json();
		assertThat(json.get("accepted").asInt()).isEqualTo(1);
		assertThat(json.get("rejected").asInt()).isEqualTo(4);
		assertThat(json.get("errors").valueStream().map(e -> e.get("line").asInt() + ":" + e.get("column").asString()))
			.containsExactly("3:other_dx", "4:principal_dx", "5:sex", "6:total_cost");
	}

	@Test
	void rejectsTheSecondOccurrenceOfAKeyWithinOneFile() {
		var answer = upload("encounters", file(ENCOUNTERS, encounter(p + "1"), encounter(p + "2"),
				encounter(p + "1").replace(",1,1,12345.60", ",5,1,")));
		JsonNode json = answer.json();
		assertThat(json.get("accepted").asInt()).isEqualTo(2);
		assertThat(json.get("rejected").asInt()).isEqualTo(1);
		JsonNode error = json.get("errors").get(0);
		assertThat(error.get("line").asInt()).isEqualTo(4);
		assertThat(error.get("column").asString()).isEqualTo("encounter_id");
		assertThat(error.get("message").asString()).contains(p + "1").contains("line 2");
		assertThat(jdbc.sql("select discharge_disposition from clinical_encounter where encounter_id = :id")
			.param("id", p + "1")
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void columnsInAnyOrderUnknownColumnsWarnedAndHospitalCodeChecked() {
		String header = "hospital_code,ward_bed," + ENCOUNTERS;
		var answer = upload("encounters", file(header.replace("sex,birth_date", "birth_date,sex"),
				("H0001,12," + encounter(p + "1")).replace(",1,1960-05-01,", ",1960-05-01,1,"),
				("NOPE,12," + encounter(p + "2")).replace(",1,1960-05-01,", ",1960-05-01,1,"),
				(",12," + encounter(p + "3")).replace(",1,1960-05-01,", ",1960-05-01,1,")));
		JsonNode json = answer.json();
		assertThat(json.get("accepted").asInt()).as(answer.body()).isEqualTo(2);
		assertThat(json.get("warnings").get(0).asString()).isEqualTo("Unknown column \"ward_bed\" was ignored.");
		assertThat(json.get("errors").get(0).get("column").asString()).isEqualTo("hospital_code");
		assertThat(json.get("errors").get(0).get("message").asString()).isEqualTo("Unknown hospital code \"NOPE\".");
	}

	@Test
	void missingRequiredColumnIs400AndImportsNothing() {
		var answer = upload("encounters", file(ENCOUNTERS.replace(",principal_dx", ""),
				encounter(p + "1").replace(",I21.0,", ",")));
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.json().get("code").asString()).isEqualTo("import.missing-columns");
		assertThat(answer.json().get("detail").asString()).contains("principal_dx");
		assertThat(encounters()).isZero();
		assertThat(jdbc.sql("select count(*) from import_run where status = 'FAILED' and kind = 'ENCOUNTERS'")
			.query(Long.class)
			.single()).isPositive();
	}

	@Test
	void gbkEncodedFileIs400AndImportsNothing() {
		String text = ENCOUNTERS + "\r\n" + encounter(p + "1") + "\r\n"
				+ encounter(p + "2").replace("P" + p + "2", "张三") + "\r\n";
		var answer = upload("encounters", text.getBytes(Charset.forName("GBK")));
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("code").asString()).isEqualTo("import.encoding");
		assertThat(encounters()).isZero();

		var chinese = api.upload("/api/v1/imports/encounters", "e.csv", text.getBytes(Charset.forName("GBK")),
				Api.demo("quality"), "zh-CN");
		assertThat(chinese.json().get("detail").asString()).contains("UTF-8");
	}

	@Test
	void utf8WithBomAndChineseValuesIsAccepted() {
		byte[] body = file(ENCOUNTERS, encounter(p + "1").replace("P" + p + "1", "病案" + p));
		byte[] withBom = new byte[body.length + 3];
		withBom[0] = (byte) 0xEF;
		withBom[1] = (byte) 0xBB;
		withBom[2] = (byte) 0xBF;
		System.arraycopy(body, 0, withBom, 3, body.length);
		var answer = upload("encounters", withBom);
		assertThat(answer.json().get("accepted").asInt()).as(answer.body()).isEqualTo(1);
		assertThat(jdbc.sql("select patient_id from clinical_encounter where encounter_id = :id")
			.param("id", p + "1")
			.query(String.class)
			.single()).isEqualTo("病案" + p);
	}

	@Test
	void emptyFileIs400() {
		var answer = upload("encounters", new byte[0]);
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("code").asString()).isEqualTo("import.empty");
	}

	@Test
	void requestWithoutTheFilePartIs400() {
		var answer = api.send("POST", "/api/v1/imports/encounters", null, Api.demo("quality"), "en");
		assertThat(answer.status()).isIn(400, 415);
		assertThat(answer.contentType()).startsWith("application/problem+json");
	}

	@Test
	void dryRunValidatesButSavesNothing() {
		var answer = api.upload("/api/v1/imports/encounters?dryRun=true", "e.csv",
				file(ENCOUNTERS, encounter(p + "1"), encounter(p + "2").replace(",I21.0,", ",XX,")),
				Api.demo("admin"), "en");
		assertThat(answer.json().get("accepted").asInt()).isEqualTo(1);
		assertThat(answer.json().get("rejected").asInt()).isEqualTo(1);
		assertThat(answer.json().get("dryRun").asBoolean()).isTrue();
		assertThat(encounters()).isZero();
		assertThat(jdbc.sql("select dry_run from import_run where id = :id")
			.param("id", UUID.fromString(answer.json().get("runId").asString()))
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void proceduresAndDocumentsOfUnknownEncountersAreRejected() {
		upload("encounters", file(ENCOUNTERS, encounter(p + "1")));
		var procedures = upload("procedures", file(PROCEDURES, procedure(p + "1", 1), procedure(p + "1", 2),
				procedure(p + "NOPE", 1), procedure(p + "1", 1), procedure(p + "1", 0).replace("36.0601", "99999"),
				procedure(p + "1", 1)));
		JsonNode json = procedures.json();
		assertThat(json.get("accepted").asInt()).as(procedures.body()).isEqualTo(2);
		assertThat(json.get("rejected").asInt()).isEqualTo(4);
		assertThat(json.get("errors").valueStream().map(e -> e.get("line").asInt() + ":" + e.get("column").asString()))
			.containsExactly("4:encounter_id", "5:seq", "6:seq", "6:code", "7:seq");
		assertThat(messages(json).get(0)).contains(p + "NOPE").contains("does not exist");
		// every later occurrence of a key names the key and the first line that had it
		assertThat(messages(json).get(1)).contains(p + "1 / 1").contains("line 2");
		assertThat(messages(json).get(4)).contains(p + "1 / 1").contains("line 2");

		var documents = upload("record-documents", file(DOCUMENTS, document(p + "1", "D1"),
				document(p + "2", "D1"), document(p + "1", "D2").replace("ADMISSION_RECORD", "NURSING_NOTE")));
		assertThat(documents.json().get("accepted").asInt()).isEqualTo(1);
		assertThat(documents.json().get("rejected").asInt()).isEqualTo(2);
		assertThat(jdbc.sql("select count(*) from clinical_procedure where encounter_id = :id")
			.param("id", p + "1")
			.query(Long.class)
			.single()).isEqualTo(2);
		assertThat(jdbc.sql("select doc_type || ' ' || author_title from record_document where encounter_id = :id")
			.param("id", p + "1")
			.query(String.class)
			.single()).isEqualTo("ADMISSION_RECORD ATTENDING");
	}

	@Test
	void historyAndRejectedRowsDownload() {
		var answer = upload("encounters", file(ENCOUNTERS, encounter(p + "1"),
				encounter(p + "2").replace("1960-05-01", "1960-13-01")));
		String runId = answer.json().get("runId").asString();
		var history = api.get("/api/v1/imports?limit=10", Api.demo("admin"));
		assertThat(history.status()).isEqualTo(200);
		assertThat(history.json().valueStream().map(r -> r.get("runId").asString())).contains(runId);

		var csv = api.send("GET", "/api/v1/imports/" + runId + "/errors.csv", null, Api.demo("quality"), "en");
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.contentType()).startsWith("text/csv");
		assertThat(csv.body()).startsWith("\uFEFFline,column,message\r\n3,birth_date,");
		assertThat(csv.body()).contains("1960-13-01");

		assertThat(api.get("/api/v1/imports/" + UUID.randomUUID() + "/errors.csv", Api.demo("admin")).status())
			.isEqualTo(404);
	}

	@Test
	void onlyAdministratorsAndQualityManagersImport() {
		var answer = api.upload("/api/v1/imports/encounters", "e.csv", file(ENCOUNTERS, encounter(p + "1")),
				Api.demo("qc.cardio"), "en");
		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(encounters()).isZero();
		assertThat(api.upload("/api/v1/imports/encounters", "e.csv", file(ENCOUNTERS, encounter(p + "1")), null, "en")
			.status()).isEqualTo(401);
	}

	@Test
	void errorMessagesFollowAcceptLanguage() {
		var answer = api.upload("/api/v1/imports/encounters", "e.csv",
				file(ENCOUNTERS, encounter(p + "1").replace(",0301,2019-01-10", ",9999,2019-01-10")),
				Api.demo("quality"), "zh-CN");
		assertThat(messages(answer.json()).get(0)).startsWith("未知的科室编码“9999”");
		assertThat(StandardCharsets.UTF_8.name()).isEqualTo("UTF-8");
	}
}
