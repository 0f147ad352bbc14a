package org.careqms.clinicaldata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.careqms.support.Api;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The FHIR import of api-contract.md on real data: Synthea bundles (shared synthea-ca-59) and the
 * HL7 R4 examples, over real HTTP and PostgreSQL. The expected counts were read from the files with
 * a script before the import was written. Each test gives the inpatient encounters of its copy of a
 * bundle a prefix, so that tests sharing the database do not see each other's discharges.
 */
@CareQmsTest
class FhirImportApiTests {

	/** Copies of the team's external data, in the repository so a clean clone has them. */
	static final Path SYNTHEA = Path.of("src/test/resources/external/synthea-fhir");
	static final Path HL7 = Path.of("src/test/resources/external/fhir-r4-examples");

	/** 7 inpatient stays (3 procedures, 2 conditions, all SNOMED CT), 89 other encounters (82 AMB, 6 EMER, 1 HH). */
	static final String SEVEN_STAYS = "576d74f5-c671-7305-4963-420e21ce92b4";
	/** 2 inpatient stays with 66 procedures, 62 other encounters. */
	static final String TWO_STAYS = "186aba1d-da24-7c1f-0761-3d5bcbc0c852";
	/** 1 inpatient stay with 124 procedures, 94 other encounters. */
	static final String ONE_STAY = "4f1a1eee-31c0-887b-e1ea-df6a5c502538";

	static final JsonMapper JSON = JsonMapper.builder().build();
	static final AtomicInteger SEQUENCE = new AtomicInteger();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Api api;

	String p;

	@BeforeEach
	void setUp() {
		api = new Api(port);
		p = "FH" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6) + "-";
	}

	/** A Synthea bundle whose inpatient encounters carry this test's prefix. */
	byte[] synthea(String patient) {
		try (InputStream in = new GZIPInputStream(Files.newInputStream(SYNTHEA.resolve(patient + ".json.gz")))) {
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			JsonNode bundle = JSON.readTree(text);
			for (JsonNode entry : bundle.get("entry")) {
				JsonNode resource = entry.get("resource");
				if (resource.get("resourceType").asString().equals("Encounter")
						&& resource.get("class").get("code").asString().equals("IMP")) {
					text = text.replace(resource.get("id").asString(), p + resource.get("id").asString());
				}
			}
			return text.getBytes(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Api.Answer post(byte[] bundle, String query) {
		return api.post("/api/v1/imports/fhir" + query, bundle, "application/fhir+json", Api.demo("quality"), "en");
	}

	long stored(String table) {
		return jdbc.sql("select count(*) from " + table + " where encounter_id like :p")
			.param("p", p + "%")
			.query(Long.class)
			.single();
	}

	static List<String> warnings(JsonNode answer) {
		return answer.get("warnings").valueStream().map(JsonNode::asString).toList();
	}

	@Test
	void importsTheInpatientStaysOfASyntheaBundleAndSkipsTheOtherEncounters() {
		var answer = post(synthea(SEVEN_STAYS), "?defaultDepartment=0301");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		JsonNode json = answer.json();
		assertThat(json.get("kind").asString()).isEqualTo("FHIR");
		assertThat(json.get("accepted").asInt()).isEqualTo(7 + 3);
		assertThat(json.get("rejected").asInt()).isZero();
		assertThat(json.get("skipped").asInt()).isEqualTo(89);
		assertThat(warnings(json)).containsExactly(
				"89 encounters skipped: 89 not inpatient (ambulatory, emergency, home health...), 0 not discharged yet "
						+ "(no period.end), 0 planned, cancelled or entered in error.",
				"7 discharges have no ICD-10 code for the principal diagnosis (SNOMED CT only, for example): "
						+ "recorded as R69 (illness, unspecified); code them in the front page.",
				"3 procedures have no ICD-9-CM-3 code (SNOMED CT only, for example): recorded as 99.99 (other "
						+ "miscellaneous procedures).");
		assertThat(stored("clinical_encounter")).isEqualTo(7);
		assertThat(stored("clinical_procedure")).isEqualTo(3);

		// 1990-05-06T02:41:04-07:00 is 18:41:04 in Shanghai, which kept summer time in 1990
		var stay = jdbc.sql("""
				select e.patient_id, e.sex, e.birth_date::text, e.admit_time::text, e.discharge_time::text, a.code,
				       d.code, e.admission_route, e.principal_dx, e.other_dx::text, e.discharge_disposition,
				       e.readmission_plan_31d
				from clinical_encounter e join department a on a.id = e.admit_dept_id
				join department d on d.id = e.discharge_dept_id where e.encounter_id = :id""")
			.param("id", p + "8f56eab8-157d-3727-33ca-ef0e27796687")
			.query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
					rs.getString(10), rs.getString(11), rs.getString(12)))
			.single();
		assertThat(stay).containsExactly(SEVEN_STAYS, "2", "1949-06-11", "1990-05-06 18:41:04", "1990-05-07 18:41:04",
				"0301", "0301", "9", "R69", "{}", "9", "1");
		var procedure = jdbc.sql("""
				select seq, code, surgery_level, incision_class, unplanned_return from clinical_procedure
				where encounter_id = :id""")
			.param("id", p + "8f56eab8-157d-3727-33ca-ef0e27796687")
			.query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3),
					String.valueOf(rs.getString(4)), rs.getString(5)))
			.single();
		assertThat(procedure).containsExactly("1", "99.99", "0", "null", "f");

		var run = jdbc.sql("select kind, accepted, rejected, skipped, dry_run from import_run where id = :id")
			.param("id", UUID.fromString(json.get("runId").asString()))
			.query((rs, n) -> List.of(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getBoolean(5)))
			.single();
		assertThat(run).containsExactly("FHIR", 10, 0, 89, false);
		assertThat(jdbc.sql("select count(*) from audit_entry where entity_type = 'ImportRun' and entity_id = :id")
			.param("id", json.get("runId").asString())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void reimportingTheSameBundleChangesNothing() {
		byte[] bundle = synthea(SEVEN_STAYS);
		String firstRun = post(bundle, "?defaultDepartment=0301").json().get("runId").asString();
		var again = post(bundle, "?defaultDepartment=0301").json();
		assertThat(again.get("accepted").asInt()).isEqualTo(10);
		assertThat(again.get("skipped").asInt()).isEqualTo(89);
		assertThat(stored("clinical_encounter")).isEqualTo(7);
		assertThat(stored("clinical_procedure")).isEqualTo(3);
		for (String table : List.of("clinical_encounter", "clinical_procedure")) {
			assertThat(jdbc.sql("select distinct import_run_id::text from " + table + " where encounter_id like :p")
				.param("p", p + "%")
				.query(String.class)
				.list()).containsExactly(firstRun);
		}
	}

	@Test
	void aDryRunChecksEverythingAndStoresNothing() {
		var answer = post(synthea(SEVEN_STAYS), "?dryRun=true&defaultDepartment=0301").json();
		assertThat(answer.get("dryRun").asBoolean()).isTrue();
		// the procedures are checked against the discharges of the same request, which are not kept
		assertThat(answer.get("accepted").asInt()).isEqualTo(10);
		assertThat(answer.get("rejected").asInt()).isZero();
		assertThat(stored("clinical_encounter")).isZero();
		assertThat(stored("clinical_procedure")).isZero();
		assertThat(jdbc.sql("select dry_run from import_run where id = :id")
			.param("id", UUID.fromString(answer.get("runId").asString()))
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void rejectsEncountersWithoutAMappableDepartmentUnlessADefaultIsGiven() {
		byte[] bundle = synthea(SEVEN_STAYS);
		var rejected = post(bundle, "").json();
		assertThat(rejected.get("accepted").asInt()).isZero();
		assertThat(rejected.get("rejected").asInt()).isEqualTo(7);
		assertThat(rejected.get("skipped").asInt()).isEqualTo(89);
		JsonNode first = rejected.get("errors").get(0);
		assertThat(first.get("column").asString()).isEqualTo("admit_dept");
		assertThat(first.get("message").asString()).startsWith("The department cannot be determined (codes tried: "
				+ "83997944-73a8-36bc-8f53-811a03e7674e, ").contains("give defaultDepartment");
		assertThat(warnings(rejected)).contains("3 procedures belong to rejected encounters and were not imported.");
		assertThat(stored("clinical_encounter")).isZero();

		var routed = post(bundle, "?defaultDepartment=0301").json();
		assertThat(routed.get("accepted").asInt()).isEqualTo(10);
		assertThat(stored("clinical_encounter")).isEqualTo(7);
	}

	@Test
	void mapsTheServiceProviderThroughAHisCodeOfTheDepartment() {
		String organization = p + "org";
		String department = "FD" + SEQUENCE.incrementAndGet();
		var created = api.post("/api/v1/departments", """
				{"code": "%s", "name": "FHIR 病区", "hisCodes": ["FHIR:%s"]}""".formatted(department, organization),
				Api.demo("admin"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String text = new String(synthea(SEVEN_STAYS), StandardCharsets.UTF_8)
			// the hospital of the seven stays, named by an identifier of Synthea's own system
			.replace("synthea|83997944-73a8-36bc-8f53-811a03e7674e", "synthea|" + organization);
		var answer = post(text.getBytes(StandardCharsets.UTF_8), "").json();
		assertThat(answer.get("rejected").asInt()).as(answer.toString()).isZero();
		assertThat(answer.get("accepted").asInt()).isEqualTo(10);
		assertThat(jdbc.sql("""
				select distinct d.code from clinical_encounter e join department d on d.id = e.discharge_dept_id
				where e.encounter_id like :p""").param("p", p + "%").query(String.class).list())
			.containsExactly(department);
	}

	@Test
	void importsSeveralBundlesOfAMultipartRequestInOneRun() {
		Map<String, byte[]> files = new LinkedHashMap<>();
		files.put(TWO_STAYS + ".json", synthea(TWO_STAYS));
		files.put(ONE_STAY + ".json", synthea(ONE_STAY));
		files.put(SEVEN_STAYS + ".json", synthea(SEVEN_STAYS));
		var answer = api.uploadAll("/api/v1/imports/fhir?defaultDepartment=0301", files, Api.demo("quality"), "en");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		JsonNode json = answer.json();
		assertThat(json.get("accepted").asInt()).isEqualTo((2 + 66) + (1 + 124) + (7 + 3));
		assertThat(json.get("rejected").asInt()).isZero();
		assertThat(json.get("skipped").asInt()).isEqualTo(62 + 94 + 89);
		assertThat(stored("clinical_encounter")).isEqualTo(10);
		assertThat(stored("clinical_procedure")).isEqualTo(193);
		assertThat(jdbc.sql("select max(seq) from clinical_procedure where encounter_id = :id")
			.param("id", p + "3c7b201d-0515-3ca3-dc65-691fa923a43a")
			.query(Integer.class)
			.single()).isEqualTo(124);
		assertThat(jdbc.sql("select count(*) from import_run where id = :id and file_name like :names")
			.param("id", UUID.fromString(json.get("runId").asString()))
			.param("names", TWO_STAYS + ".json, " + ONE_STAY + ".json, %")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void hl7ExamplesAreSkippedRunningOrRejectedWithTheirReasons() throws IOException {
		// emerg and example: inpatient and still in progress, so patients in hospital (running stays, ADR 0015):
		// emerg is taken, example has no period at all (no admission time); home: home health; f001: ambulatory;
		// f203: an inpatient stay that ended, but its patient f201 is not in the bundle
		ObjectNode bundle = JSON.createObjectNode().put("resourceType", "Bundle").put("type", "collection");
		ArrayNode entries = bundle.putArray("entry");
		for (String name : List.of("Patient-example", "Encounter-emerg", "Encounter-example", "Encounter-home",
				"Encounter-f001", "Encounter-f203", "Condition-stroke", "Procedure-example")) {
			JsonNode resource = JSON.readTree(Files.readString(HL7.resolve(name + ".json")));
			entries.addObject()
				.put("fullUrl", "http://hl7.org/fhir/" + name.replace('-', '/'))
				.set("resource", resource);
		}
		var answer = post(JSON.writeValueAsBytes(bundle), "?defaultDepartment=0301");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		JsonNode json = answer.json();
		assertThat(json.get("accepted").asInt()).isEqualTo(1);
		assertThat(json.get("rejected").asInt()).isEqualTo(2);
		assertThat(json.get("skipped").asInt()).isEqualTo(2);
		assertThat(warnings(json)).first().isEqualTo("2 encounters skipped: 2 not inpatient (ambulatory, emergency, "
				+ "home health...), 0 not discharged yet (no period.end), 0 planned, cancelled or entered in error.");
		assertThat(warnings(json).get(1)).startsWith("2 inpatient encounters are still in progress");
		JsonNode missingStart = json.get("errors").get(0);
		assertThat(missingStart.get("line").asInt()).isEqualTo(3);
		assertThat(missingStart.get("column").asString()).isEqualTo("admit_time");
		JsonNode error = json.get("errors").get(1);
		assertThat(error.get("line").asInt()).isEqualTo(6);
		assertThat(error.get("column").asString()).isEqualTo("patient_id");
		assertThat(error.get("message").asString())
			.startsWith("The patient \"Patient/f201\" of the encounter is not in the Bundle");
		// in hospital, not discharged: the indicators never see it
		assertThat(jdbc.sql("""
				select w.source || ' ' || w.admit_time || ' ' || d.code || ' ' || (w.ended_at is null)
				from running_stay w join department d on d.id = w.current_dept_id where w.encounter_id = 'emerg'""")
			.query(String.class)
			.single()).isEqualTo("FHIR 2017-02-01 05:15:00 0301 true");
		assertThat(jdbc.sql("select count(*) from clinical_encounter where encounter_id in ('emerg', 'example')")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aResourceThatIsNotABundleIsRefused() throws IOException {
		byte[] encounter = Files.readAllBytes(HL7.resolve("Encounter-example.json"));
		var answer = post(encounter, "");
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.json().get("code").asString()).isEqualTo("import.fhir-not-bundle");
		assertThat(answer.json().get("detail").asString()).startsWith("The file is a Encounter resource, not a Bundle");
	}

	@Test
	void malformedJsonIsA400AndImportsNothing() {
		byte[] whole = synthea(SEVEN_STAYS);
		byte[] cut = Arrays.copyOf(whole, whole.length / 2);
		var answer = post(cut, "?defaultDepartment=0301");
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("code").asString()).isEqualTo("import.fhir-malformed");
		assertThat(answer.json().get("detail").asString()).startsWith("The file is not valid FHIR R4 JSON (");
		assertThat(stored("clinical_encounter")).isZero();
		assertThat(jdbc.sql("select count(*) from import_run where kind = 'FHIR' and status = 'FAILED'")
			.query(Long.class)
			.single()).isPositive();
	}

	@Test
	void anUnknownDefaultDepartmentIsA400() {
		var answer = post(synthea(SEVEN_STAYS), "?defaultDepartment=NOPE-" + p);
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("code").asString()).isEqualTo("import.unknown-default-department");
		assertThat(stored("clinical_encounter")).isZero();
	}

	@Test
	void aDepartmentQcOfficerMayNotImport() {
		var answer = api.post("/api/v1/imports/fhir?defaultDepartment=0301", synthea(SEVEN_STAYS),
				"application/fhir+json", Api.demo("qc.cardio"), "en");
		assertThat(answer.status()).isEqualTo(403);
		assertThat(stored("clinical_encounter")).isZero();
	}
}
