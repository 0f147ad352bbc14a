package org.careqms.clinicaldata;

import java.time.LocalDateTime;
import java.util.List;

/** procedures.csv: one row per procedure or operation of an imported encounter (手术及操作). */
final class ProcedureFormat implements ImportFormat {

	static final List<String> INCISION_CLASSES = List.of("0", "I", "II", "III");
	static final List<String> HEALING_GRADES = List.of("A", "B", "C", "X");
	static final List<String> YES_NO = List.of("Y", "N");

	@Override
	public ImportKind kind() {
		return ImportKind.PROCEDURES;
	}

	@Override
	public List<String> requiredColumns() {
		return List.of("encounter_id", "seq", "code", "op_time", "surgery_level");
	}

	@Override
	public List<String> optionalColumns() {
		return List.of("incision_class", "healing_grade", "unplanned_return");
	}

	@Override
	public String stagingColumns() {
		return """
				encounter_id varchar(64), seq integer, code varchar(32), op_time timestamp, surgery_level smallint,
				incision_class varchar(3), healing_grade char(1), unplanned_return boolean""";
	}

	@Override
	public List<String> key() {
		return List.of("encounter_id", "seq");
	}

	@Override
	public boolean refersToEncounter() {
		return true;
	}

	@Override
	public void check(RowCheck row) {
		String encounter = row.text("encounter_id", true, 64);
		Integer seq = row.positiveInteger("seq");
		String code = row.code("code", true, ClinicalValues::isIcd9Cm3, "clinicaldata.error.icd9");
		LocalDateTime time = row.time("op_time", true);
		Integer level = row.code("surgery_level", 0, 1, 2, 3, 4);
		String incision = row.choice("incision_class", false, INCISION_CLASSES);
		String healing = row.choice("healing_grade", false, HEALING_GRADES);
		String unplannedReturn = row.choice("unplanned_return", false, YES_NO);
		if (row.accepted()) {
			row.put(encounter).put(seq).put(code).put(time).put(level).put(incision).put(healing)
				.put("Y".equals(unplannedReturn));
		}
	}

	@Override
	public String table() {
		return "clinical_procedure";
	}

	@Override
	public List<String> columns() {
		return COLUMNS;
	}

	private static final List<String> COLUMNS = List.of("code", "op_time", "surgery_level", "incision_class",
			"healing_grade", "unplanned_return");

	@Override
	public boolean marksByEncounter() {
		return true;
	}

	/**
	 * What V20's trigger marks for new or changed procedures: their encounter's department-month, kept per
	 * staged line by the encounter check ({@code import_encounter}), so the encounters are read once per
	 * import instead of twice (at 4.9M procedures of 10M encounters the second semi-join took 22 s,
	 * docs/benchmarks.md). A procedure's key includes its encounter, so a changed row's old and new
	 * department-month are the same.
	 */
	@Override
	public String marks(String newOrChanged, boolean everyRowNew) {
		return """
				insert into indicator_month_dirty (hospital_id, department_id, period, encounters)
				select distinct :hospital, x.department_id, x.period, false
				from import_encounter x
				%s
				on conflict do nothing""".formatted(
				everyRowNew ? "" : "where x.line in (select c.line from (%s) c)".formatted(newOrChanged));
	}
}
