package org.careqms.clinicaldata;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * inpatients.csv, a CareQMS extension (not part of the shared import contract, ADR 0015): the census of
 * patients in hospital — the columns of encounters.csv without the discharge fields, plus the current
 * department, when the patient came to it, the attending doctor and the condition level. A census replaces
 * the hospital's running stays: a stay it does not list is no longer running. Stays in progress from FHIR
 * use the same rows without replacing the others ({@code census} false).
 */
final class InpatientFormat implements ImportFormat {

	/** Condition levels (病危, 病重, 一般). */
	static final List<String> CONDITION_LEVELS = List.of("CRITICAL", "SERIOUS", "STABLE");

	private final boolean census;

	InpatientFormat(boolean census) {
		this.census = census;
	}

	@Override
	public ImportKind kind() {
		return ImportKind.INPATIENTS;
	}

	@Override
	public List<String> requiredColumns() {
		return List.of("encounter_id", "patient_id", "sex", "birth_date", "admit_time", "admit_dept",
				"admission_route", "principal_dx");
	}

	@Override
	public List<String> optionalColumns() {
		return List.of("other_dx", "current_dept", "transfer_time", "attending_id", "condition_level");
	}

	@Override
	public String stagingColumns() {
		return """
				encounter_id varchar(64), patient_id varchar(64), sex smallint, birth_date date, admit_time timestamp,
				admit_dept_id uuid, current_dept_id uuid, transferred_at timestamp, attending_id varchar(32),
				condition_level varchar(16), admission_route smallint, principal_dx varchar(32), other_dx varchar(32)[]""";
	}

	@Override
	public List<String> key() {
		return List.of("encounter_id");
	}

	@Override
	public boolean refersToEncounter() {
		return false;
	}

	@Override
	public void check(RowCheck row) {
		String encounter = row.text("encounter_id", true, 64);
		String patient = row.text("patient_id", true, 64);
		Integer sex = row.code("sex", 1, 2, 0, 9);
		LocalDate birth = row.date("birth_date");
		LocalDateTime admit = row.time("admit_time", true);
		UUID admitDepartment = row.department("admit_dept");
		UUID currentDepartment = row.value("current_dept") == null ? admitDepartment : row.department("current_dept");
		LocalDateTime transfer = row.time("transfer_time", false);
		String attending = row.text("attending_id", false, 32);
		String condition = row.choice("condition_level", false, CONDITION_LEVELS);
		Integer route = row.code("admission_route", 1, 2, 3, 9);
		String principal = row.code("principal_dx", true, ClinicalValues::isIcd10, "clinicaldata.error.icd10");
		String others = EncounterFormat.otherDiagnoses(row);
		if (admit != null && transfer != null && transfer.isBefore(admit)) {
			row.refuse("transfer_time", "clinicaldata.error.transfer-before-admission", row.value("transfer_time"),
					row.value("admit_time"));
		}
		if (birth != null && admit != null && birth.isAfter(admit.toLocalDate())) {
			row.refuse("birth_date", "clinicaldata.error.birth-after-admission", row.value("birth_date"),
					row.value("admit_time"));
		}
		if (row.accepted()) {
			row.put(encounter).put(patient).put(sex).put(birth).put(admit).put(admitDepartment).put(currentDepartment)
				.put(transfer).put(attending).put(condition).put(route).put(principal).put(others);
		}
	}

	/** A stay whose discharge is already imported is not in hospital. */
	@Override
	public String rejectInSql() {
		return """
				insert into import_reject (line, column_name, message_key, message_args)
				select s.line, 'encounter_id', 'clinicaldata.error.already-discharged', array[s.encounter_id::text]
				from import_stage s
				where exists (select 1 from clinical_encounter e
				              where e.hospital_id = :hospital and e.encounter_id = s.encounter_id)
				  and not exists (select 1 from import_reject r where r.line = s.line)""";
	}

	@Override
	public String table() {
		return "running_stay";
	}

	@Override
	public List<String> columns() {
		return List.of("patient_id", "sex", "birth_date", "admit_time", "admit_dept_id", "current_dept_id",
				"transferred_at", "attending_id", "condition_level", "admission_route", "principal_dx", "other_dx");
	}

	/** Every listed stay is seen by this census, changed or not: stored by its own statement. */
	@Override
	public String upsert() {
		return """
				insert into running_stay (hospital_id, encounter_id, patient_id, sex, birth_date, admit_time, admit_dept_id,
				    current_dept_id, transferred_at, attending_id, condition_level, admission_route, principal_dx, other_dx,
				    source, import_run_id, seen_run_id)
				select :hospital, s.encounter_id, s.patient_id, s.sex, s.birth_date, s.admit_time, s.admit_dept_id,
				    s.current_dept_id, s.transferred_at, s.attending_id, s.condition_level, s.admission_route,
				    s.principal_dx, s.other_dx, '%s', :run, :run
				from import_stage s
				where not exists (select 1 from import_reject r where r.line = s.line)
				on conflict (hospital_id, encounter_id) do update set
				    import_run_id = case when (running_stay.patient_id, running_stay.sex, running_stay.birth_date,
				        running_stay.admit_time, running_stay.admit_dept_id, running_stay.current_dept_id,
				        running_stay.transferred_at, running_stay.attending_id, running_stay.condition_level,
				        running_stay.admission_route, running_stay.principal_dx, running_stay.other_dx,
				        running_stay.ended_at)
				      is not distinct from (excluded.patient_id, excluded.sex, excluded.birth_date, excluded.admit_time,
				        excluded.admit_dept_id, excluded.current_dept_id, excluded.transferred_at, excluded.attending_id,
				        excluded.condition_level, excluded.admission_route, excluded.principal_dx, excluded.other_dx,
				        null::timestamptz)
				      then running_stay.import_run_id else excluded.import_run_id end,
				    patient_id = excluded.patient_id, sex = excluded.sex, birth_date = excluded.birth_date,
				    admit_time = excluded.admit_time, admit_dept_id = excluded.admit_dept_id,
				    current_dept_id = excluded.current_dept_id, transferred_at = excluded.transferred_at,
				    attending_id = excluded.attending_id, condition_level = excluded.condition_level,
				    admission_route = excluded.admission_route, principal_dx = excluded.principal_dx,
				    other_dx = excluded.other_dx, source = excluded.source, seen_run_id = excluded.seen_run_id,
				    ended_at = null, ended_reason = null"""
			.formatted(census ? "CENSUS" : "FHIR");
	}

	/**
	 * A complete census (every row accepted, at least one) ends the running stays it does not list; a census
	 * with rejected rows ends none (a stay whose row was refused is still in hospital, most likely).
	 */
	@Override
	public List<String> afterStore(boolean complete) {
		if (!census || !complete) {
			return List.of();
		}
		return List.of("""
				update running_stay set ended_at = now(), ended_reason = 'CENSUS'
				where hospital_id = :hospital and ended_at is null and seen_run_id <> :run""");
	}
}
