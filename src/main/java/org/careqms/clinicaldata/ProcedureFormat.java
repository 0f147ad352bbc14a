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
	public String upsert() {
		return """
				insert into clinical_procedure (hospital_id, encounter_id, seq, code, op_time, surgery_level,
				    incision_class, healing_grade, unplanned_return, import_run_id)
				select :hospital, s.encounter_id, s.seq, s.code, s.op_time, s.surgery_level, s.incision_class,
				    s.healing_grade, s.unplanned_return, :run
				from import_stage s
				where not exists (select 1 from import_reject r where r.line = s.line)
				on conflict (hospital_id, encounter_id, seq) do update set
				    code = excluded.code, op_time = excluded.op_time, surgery_level = excluded.surgery_level,
				    incision_class = excluded.incision_class, healing_grade = excluded.healing_grade,
				    unplanned_return = excluded.unplanned_return, import_run_id = excluded.import_run_id
				where (clinical_procedure.code, clinical_procedure.op_time, clinical_procedure.surgery_level,
				    clinical_procedure.incision_class, clinical_procedure.healing_grade,
				    clinical_procedure.unplanned_return)
				  is distinct from (excluded.code, excluded.op_time, excluded.surgery_level, excluded.incision_class,
				    excluded.healing_grade, excluded.unplanned_return)""";
	}
}
