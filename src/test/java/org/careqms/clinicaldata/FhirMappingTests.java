package org.careqms.clinicaldata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * The rules of docs/fhir-mapping.md that the Synthea sample does not exercise: ICD-10 and
 * ICD-9-CM-3 codings, diagnosis ranks, admission sources, discharge dispositions, departments from
 * locations and HIS codes, the surgery-level extension, identifiers instead of ids.
 */
class FhirMappingTests {

	static final UUID CARDIOLOGY = UUID.randomUUID();
	static final UUID WARD = UUID.randomUUID();
	static final Map<String, UUID> DEPARTMENTS = Map.of("0301", CARDIOLOGY, "FHIR:ward-7", WARD);

	static final String PATIENT = """
			{"fullUrl": "urn:uuid:p1", "resource": {"resourceType": "Patient", "id": "p1",
			  "identifier": [{"type": {"coding": [{"code": "MR"}]}, "value": "MR-0042"}],
			  "gender": "female", "birthDate": "1950-03-04", "deceasedDateTime": "2024-01-05T10:00:00+08:00"}}""";

	static FhirMapping map(String... entries) throws IOException {
		String bundle = "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": ["
				+ String.join(",", entries) + "]}";
		var mapping = new FhirMapping(DEPARTMENTS, null);
		mapping.read(FhirBundles.read(new ByteArrayInputStream(bundle.getBytes(StandardCharsets.UTF_8))));
		mapping.finish();
		return mapping;
	}

	static String value(FhirMapping.MappedRow row, String column) {
		Map<String, Integer> columns = row.values().size() == FhirMapping.ENCOUNTER_COLUMNS.size()
				? FhirMapping.ENCOUNTER_COLUMNS : FhirMapping.PROCEDURE_COLUMNS;
		return row.values().get(columns.get(column));
	}

	static String encounter(String extra) {
		return """
				{"fullUrl": "urn:uuid:e1", "resource": {"resourceType": "Encounter", "id": "E-1", "status": "finished",
				  "class": {"code": "IMP"}, "subject": {"reference": "urn:uuid:p1"},
				  "period": {"start": "2024-01-02T08:00:00+08:00", "end": "2024-01-05T10:00:00+08:00"},
				  "serviceProvider": {"identifier": {"value": "0301"}}%s}}""".formatted(extra);
	}

	static String condition(String id, String system, String code) {
		return """
				{"fullUrl": "urn:uuid:%s", "resource": {"resourceType": "Condition", "id": "%s",
				  "code": {"coding": [{"system": "http://snomed.info/sct", "code": "22298006"},
				                      {"system": "%s", "code": "%s"}]},
				  "encounter": {"reference": "urn:uuid:e1"}}}""".formatted(id, id, system, code);
	}

	@Test
	void takesTheRankOneDiagnosisAndOtherIcd10Codes() throws IOException {
		var mapping = map(PATIENT,
				encounter("""
						, "diagnosis": [{"condition": {"reference": "urn:uuid:c1"}, "rank": 2},
						  {"condition": {"reference": "urn:uuid:c2"}, "rank": 1}],
						"hospitalization": {"admitSource": {"coding": [{"code": "emd"}]}}"""),
				condition("c1", FhirMapping.ICD10, "I10.x00"), condition("c2", FhirMapping.ICD10_CN, "I21.0"),
				condition("c3", "http://snomed.info/sct", "44054006"));
		var row = mapping.encounters().get(0);
		assertThat(row.refusals()).isEmpty();
		assertThat(value(row, "encounter_id")).isEqualTo("E-1");
		assertThat(value(row, "patient_id")).isEqualTo("MR-0042");
		assertThat(value(row, "sex")).isEqualTo("2");
		assertThat(value(row, "birth_date")).isEqualTo("1950-03-04");
		assertThat(value(row, "admit_time")).isEqualTo("2024-01-02T08:00:00+08:00");
		assertThat(value(row, "admit_dept")).isEqualTo("0301");
		assertThat(value(row, "admission_route")).isEqualTo("1");
		assertThat(value(row, "principal_dx")).isEqualTo("I21.0");
		assertThat(value(row, "other_dx")).isEqualTo("I10.x00");
		// no discharge disposition, and the patient died at the end of the stay
		assertThat(value(row, "discharge_disposition")).isEqualTo("5");
		assertThat(mapping.warnings()).extracting(Text::key)
			.containsExactly("clinicaldata.warning.fhir-uncoded-other-diagnosis");
	}

	@Test
	void mapsDischargeDispositionsOfHl7AndNubc() throws IOException {
		for (var expected : Map.of("home", "1", "other-hcf", "2", "snf", "3", "aadvice", "4", "exp", "5", "oth", "9")
			.entrySet()) {
			var row = map(PATIENT, encounter("""
					, "hospitalization": {"dischargeDisposition": {"coding": [{"system":
					  "http://terminology.hl7.org/CodeSystem/discharge-disposition", "code": "%s"}]}}"""
				.formatted(expected.getKey()))).encounters().get(0);
			assertThat(value(row, "discharge_disposition")).as(expected.getKey()).isEqualTo(expected.getValue());
		}
		var nubc = map(PATIENT, encounter("""
				, "hospitalization": {"dischargeDisposition": {"coding": [{"system":
				  "http://www.nubc.org/patient-discharge", "code": "02"}]}}""")).encounters().get(0);
		assertThat(value(nubc, "discharge_disposition")).isEqualTo("2");
	}

	@Test
	void findsTheDepartmentsOfAdmissionAndDischargeAmongTheLocations() throws IOException {
		String transferred = encounter("").replace("\"serviceProvider\": {\"identifier\": {\"value\": \"0301\"}}", """
				"location": [{"location": {"reference": "Location/0301"}},
				             {"location": {"reference": "Location?identifier=urn:his|ward-7"}}]""");
		var row = map(PATIENT, transferred).encounters().get(0);
		assertThat(value(row, "admit_dept")).isEqualTo("0301");
		assertThat(value(row, "discharge_dept")).isEqualTo("FHIR:ward-7");
	}

	@Test
	void refusesAnEncounterWhoseDepartmentIsUnknownWithoutADefault() throws IOException {
		var row = map(PATIENT, encounter("").replace("\"0301\"", "\"9999\"")).encounters().get(0);
		assertThat(row.refusals()).extracting(FhirMapping.Refusal::column).containsExactly("admit_dept");
		assertThat(row.refusals().get(0).reason()).isEqualTo(Text.of("clinicaldata.error.fhir-department", "9999"));
	}

	@Test
	void refusesAPatientWithoutBirthDate() throws IOException {
		var row = map(PATIENT.replace("\"birthDate\": \"1950-03-04\",", ""), encounter("")).encounters().get(0);
		assertThat(row.refusals()).extracting(FhirMapping.Refusal::column).containsExactly("birth_date");
	}

	@Test
	void numbersProceduresPerEncounterAndReadsCodesAndTheSurgeryLevel() throws IOException {
		String procedure = """
				{"fullUrl": "urn:uuid:%s", "resource": {"resourceType": "Procedure", "status": "%s",
				  "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-9-cm", "code": "36.0601"}]},
				  "encounter": {"reference": "Encounter/E-1"}, "performedDateTime": "2024-01-03T09:00:00+08:00"%s}}""";
		var mapping = map(PATIENT, encounter(""), procedure.formatted("x1", "completed", ""),
				procedure.formatted("x2", "not-done", ""),
				procedure.formatted("x3", "completed",
						", \"extension\": [{\"url\": \"" + FhirMapping.SURGERY_LEVEL + "\", \"valueInteger\": 3}]"));
		List<FhirMapping.MappedRow> rows = mapping.procedures();
		assertThat(rows).hasSize(2);
		assertThat(rows).extracting(r -> value(r, "seq")).containsExactly("1", "2");
		assertThat(rows).extracting(r -> value(r, "code")).containsExactly("36.0601", "36.0601");
		assertThat(rows).extracting(r -> value(r, "surgery_level")).containsExactly("0", "3");
		assertThat(rows).extracting(FhirMapping.MappedRow::line).containsExactly(3L, 5L);
	}

	@Test
	void takesAnIdentifierWhenTheEncounterHasNoId() throws IOException {
		String withoutId = encounter("").replace("\"id\": \"E-1\",",
				"\"identifier\": [{\"use\": \"usual\", \"value\": \"V-1\"},"
						+ " {\"use\": \"official\", \"value\": \"ZY-7\"}],");
		assertThat(value(map(PATIENT, withoutId).encounters().get(0), "encounter_id")).isEqualTo("ZY-7");
	}

	@Test
	void skipsEncountersThatAreNotInpatientNotEndedOrNeverHappenedOrHaveNoClass() throws IOException {
		var mapping = map(PATIENT, encounter("").replace("\"IMP\"", "\"AMB\""),
				encounter("").replace(", \"end\": \"2024-01-05T10:00:00+08:00\"", ""),
				encounter("").replace("\"finished\"", "\"cancelled\""),
				encounter("").replace("\"class\": {\"code\": \"IMP\"}, ", ""));
		assertThat(mapping.encounters()).isEmpty();
		assertThat(mapping.skipped()).isEqualTo(4);
		assertThat(mapping.warnings().get(0))
			.isEqualTo(Text.of("clinicaldata.warning.fhir-skipped", "4", "2", "1", "1"));
	}
}
