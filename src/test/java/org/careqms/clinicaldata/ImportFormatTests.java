package org.careqms.clinicaldata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Row checks of the three formats and the COPY text they stage, without a database. */
class ImportFormatTests {

	static final UUID CARDIOLOGY = UUID.fromString("00000000-0000-0000-0000-000000000301");
	static final Map<String, UUID> DEPARTMENTS = Map.of("0301", CARDIOLOGY, "1031", CARDIOLOGY, "HIS:1031", CARDIOLOGY);

	static RowCheck check(ImportFormat format, String header, String row) {
		Map<String, Integer> columns = new HashMap<>();
		List<String> names = Arrays.asList(header.split(",", -1));
		for (int i = 0; i < names.size(); i++) {
			columns.put(names.get(i), i);
		}
		var check = new RowCheck(columns, ZoneId.of("Asia/Shanghai"), DEPARTMENTS);
		check.reset(Arrays.asList(row.split(",", -1)), 7);
		format.check(check);
		return check;
	}

	static List<String> problems(RowCheck check) {
		return check.problems().stream().map(p -> p.column() + ":" + p.reason().key()).toList();
	}

	static final String ENCOUNTERS = "encounter_id,patient_id,sex,birth_date,admit_time,admit_dept,discharge_time,"
			+ "discharge_dept,admission_route,principal_dx,other_dx,discharge_disposition,readmission_plan_31d,total_cost";

	static final String ENCOUNTER = "E1,P1,2,1980-02-29,2025-03-01 07:00,0301,2025-03-05T11:20:30,1031,2,J18.900x002,"
			+ " I10.x00 ; E11.900 ;,5,2,0.5";

	@Test
	void stagesAValidEncounterAsCopyText() {
		RowCheck check = check(new EncounterFormat(), ENCOUNTERS, ENCOUNTER);
		assertThat(check.problems()).isEmpty();
		assertThat(check.copyLine().toString()).isEqualTo(String.join("\t", "7", "E1", "P1", "2", "1980-02-29",
				"2025-03-01T07:00", CARDIOLOGY.toString(), "2025-03-05T11:20:30", CARDIOLOGY.toString(), "2",
				"J18.900x002", "{I10.x00,E11.900}", "5", "2", "0.5"));
	}

	@Test
	void leavesOptionalValuesEmptyAsNull() {
		RowCheck check = check(new EncounterFormat(), ENCOUNTERS, ENCOUNTER.replace(" I10.x00 ; E11.900 ;", "")
			.replace(",0.5", ","));
		assertThat(check.copyLine().toString()).endsWith("\t{}\t5\t2\t\\N");
	}

	@Test
	void reportsEveryProblemOfARowWithItsColumn() {
		RowCheck check = check(new EncounterFormat(), ENCOUNTERS,
				",P1,7,1980-02-29,2025-03-01 07:00,0999,2025-02-01 07:00,0301,4,J18,I10.x00;BAD,6,0,1.234");
		assertThat(problems(check)).containsExactly("encounter_id:clinicaldata.error.required",
				"sex:clinicaldata.error.enumeration", "admit_dept:clinicaldata.error.department",
				"admission_route:clinicaldata.error.enumeration", "other_dx:clinicaldata.error.icd10",
				"discharge_disposition:clinicaldata.error.enumeration",
				"readmission_plan_31d:clinicaldata.error.enumeration", "total_cost:clinicaldata.error.amount",
				"discharge_time:clinicaldata.error.discharge-before-admission");
		assertThat(check.problems()).allSatisfy(p -> assertThat(p.line()).isEqualTo(7));
	}

	@Test
	void anEncounterMayEndWhenItBegins() {
		RowCheck check = check(new EncounterFormat(), ENCOUNTERS,
				ENCOUNTER.replace("2025-03-05T11:20:30", "2025-03-01 07:00"));
		assertThat(check.problems()).isEmpty();
	}

	@Test
	void rejectsABirthAfterAdmissionAndOverlongIds() {
		RowCheck check = check(new EncounterFormat(), ENCOUNTERS,
				ENCOUNTER.replace("1980-02-29", "2025-03-02").replace("E1,", "E".repeat(65) + ","));
		assertThat(problems(check)).containsExactly("encounter_id:clinicaldata.error.too-long",
				"birth_date:clinicaldata.error.birth-after-admission");
	}

	static final String PROCEDURES = "encounter_id,seq,code,op_time,surgery_level,incision_class,healing_grade,unplanned_return";

	@Test
	void checksProcedures() {
		RowCheck valid = check(new ProcedureFormat(), PROCEDURES, "E1,1,81.5100x003,2025-03-02 10:00,4,I,C,Y");
		assertThat(valid.copyLine().toString())
			.isEqualTo("7\tE1\t1\t81.5100x003\t2025-03-02T10:00\t4\tI\tC\ttrue");
		RowCheck withoutIncision = check(new ProcedureFormat(), PROCEDURES, "E1,2,88.7201,2025-03-02 10:00,0,,,");
		assertThat(withoutIncision.copyLine().toString()).endsWith("\t0\t\\N\t\\N\tfalse");
		RowCheck invalid = check(new ProcedureFormat(), PROCEDURES, "E1,0,I21.0,2025-03-02,5,IV,D,yes");
		assertThat(problems(invalid)).containsExactly("seq:clinicaldata.error.positive-integer",
				"code:clinicaldata.error.icd9", "op_time:clinicaldata.error.time",
				"surgery_level:clinicaldata.error.enumeration", "incision_class:clinicaldata.error.enumeration",
				"healing_grade:clinicaldata.error.enumeration", "unplanned_return:clinicaldata.error.enumeration");
	}

	static final String DOCUMENTS = "encounter_id,doc_id,doc_type,event_time,written_time,author_id,author_title";

	@Test
	void checksRecordDocumentsAndEscapesFreeText() {
		RowCheck valid = check(new RecordDocumentFormat(), DOCUMENTS,
				"E1,DOC\\1\t2,OPERATION_RECORD,2025-03-02 12:00,2025-03-02 18:00,,CHIEF");
		assertThat(valid.copyLine().toString())
			.isEqualTo("7\tE1\tDOC\\\\1\\t2\tOPERATION_RECORD\t2025-03-02T12:00\t2025-03-02T18:00\t\\N\tCHIEF");
		RowCheck invalid = check(new RecordDocumentFormat(), DOCUMENTS, "E1,D1,NURSING_NOTE,,,D1,NURSE");
		assertThat(problems(invalid)).containsExactly("doc_type:clinicaldata.error.enumeration",
				"written_time:clinicaldata.error.required", "author_title:clinicaldata.error.enumeration");
	}

	@Test
	void quotesLongValuesShortenedInMessages() {
		RowCheck check = check(new EncounterFormat(), ENCOUNTERS, ENCOUNTER.replace(",0301,", "," + "X".repeat(500) + ","));
		assertThat(check.problems().get(0).reason().arguments().get(0)).hasSize(81).endsWith("…");
	}
}
