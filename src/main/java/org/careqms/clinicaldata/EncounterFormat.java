package org.careqms.clinicaldata;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/** encounters.csv: one row per inpatient discharge, the summary of the national front page (病案首页). */
final class EncounterFormat implements ImportFormat {

	@Override
	public ImportKind kind() {
		return ImportKind.ENCOUNTERS;
	}

	@Override
	public List<String> requiredColumns() {
		return List.of("encounter_id", "patient_id", "sex", "birth_date", "admit_time", "admit_dept",
				"discharge_time", "discharge_dept", "admission_route", "principal_dx", "discharge_disposition",
				"readmission_plan_31d");
	}

	@Override
	public List<String> optionalColumns() {
		return List.of("other_dx", "total_cost");
	}

	@Override
	public String stagingColumns() {
		return """
				encounter_id varchar(64), patient_id varchar(64), sex smallint, birth_date date, admit_time timestamp,
				admit_dept_id uuid, discharge_time timestamp, discharge_dept_id uuid, admission_route smallint,
				principal_dx varchar(32), other_dx varchar(32)[], discharge_disposition smallint,
				readmission_plan_31d smallint, total_cost numeric(14, 2)""";
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
		LocalDateTime discharge = row.time("discharge_time", true);
		UUID dischargeDepartment = row.department("discharge_dept");
		Integer route = row.code("admission_route", 1, 2, 3, 9);
		String principal = row.code("principal_dx", true, ClinicalValues::isIcd10, "clinicaldata.error.icd10");
		String others = otherDiagnoses(row);
		Integer disposition = row.code("discharge_disposition", 1, 2, 3, 4, 5, 9);
		Integer plan = row.code("readmission_plan_31d", 1, 2);
		BigDecimal cost = row.amount("total_cost");
		if (admit != null && discharge != null && discharge.isBefore(admit)) {
			row.refuse("discharge_time", "clinicaldata.error.discharge-before-admission", row.value("discharge_time"),
					row.value("admit_time"));
		}
		if (birth != null && admit != null && birth.isAfter(admit.toLocalDate())) {
			row.refuse("birth_date", "clinicaldata.error.birth-after-admission", row.value("birth_date"),
					row.value("admit_time"));
		}
		if (row.accepted()) {
			row.put(encounter).put(patient).put(sex).put(birth).put(admit).put(admitDepartment).put(discharge)
				.put(dischargeDepartment).put(route).put(principal).put(others).put(disposition).put(plan).put(cost);
		}
	}

	/** The other diagnoses as a PostgreSQL array literal ({@code {I10.x00,E11.900}}). */
	static String otherDiagnoses(RowCheck row) {
		String text = row.value("other_dx");
		StringBuilder array = new StringBuilder("{");
		if (text != null) {
			for (int start = 0, end; start <= text.length(); start = end + 1) {
				end = text.indexOf(';', start);
				if (end < 0) {
					end = text.length();
				}
				String code = text.substring(start, end).strip();
				if (code.isEmpty()) {
					continue;
				}
				if (!ClinicalValues.isIcd10(code)) {
					row.refuse("other_dx", "clinicaldata.error.icd10", code);
					continue;
				}
				if (array.length() > 1) {
					array.append(',');
				}
				array.append(code);
			}
		}
		return array.append('}').toString();
	}

	/** A discharge imported ends the stay's running record (running_stay, ADR 0015). */
	@Override
	public List<String> afterStore(boolean complete) {
		return List.of("""
				update running_stay r set ended_at = now(), ended_reason = 'DISCHARGED', seen_run_id = :run
				from import_stage s
				where r.hospital_id = :hospital and r.encounter_id = s.encounter_id and r.ended_at is null
				  and not exists (select 1 from import_reject j where j.line = s.line)""");
	}

	@Override
	public String table() {
		return "clinical_encounter";
	}

	@Override
	public List<String> columns() {
		return COLUMNS;
	}

	private static final List<String> COLUMNS = List.of("patient_id", "sex", "birth_date", "admit_time",
			"admit_dept_id", "discharge_time", "discharge_dept_id", "admission_route", "principal_dx", "other_dx",
			"discharge_disposition", "readmission_plan_31d", "total_cost");

	/**
	 * What V20's trigger marks for the changed encounters, from the staging table: the new and the old
	 * discharge department-month of every new or changed row, and the department-months of the same
	 * patient's stored discharges in the 0–31 days before the new or the old admission (the readmission's
	 * index discharges). Index discharges that are themselves in the file are new or changed rows, or
	 * unchanged ones that are stored already, so the stored rows before the change find them all.
	 */
	@Override
	public String marks(String newOrChanged, boolean everyRowNew) {
		if (everyRowNew) {
			// no stored row changes, so no old values to add: the staged rows are read as they are, twice,
			// instead of being materialised first (every column of 10M rows written to a temporary store took
			// most of the 14 s this statement took at a first import of 10M discharges, docs/benchmarks.md)
			return """
					insert into indicator_month_dirty (hospital_id, department_id, period, encounters)
					select distinct :hospital, department_id, period, true from (
					    select c.discharge_dept_id as department_id, date_trunc('month', c.discharge_time)::date as period
					    from (%1$s) c
					    union all
					    select i.discharge_dept_id, date_trunc('month', i.discharge_time)::date
					    from (%1$s) c
					    join clinical_encounter i on i.hospital_id = :hospital and i.patient_id = c.patient_id
					     and i.discharge_time < c.admit_time and i.discharge_time >= c.admit_time::date - 31
					) m
					on conflict (hospital_id, department_id, period) do update set encounters = true
					where not indicator_month_dirty.encounters""".formatted(newOrChanged);
		}
		return """
				with changed as materialized (%s), stays as (
				    select patient_id, admit_time, discharge_time, discharge_dept_id from changed
				    union all
				    select e.patient_id, e.admit_time, e.discharge_time, e.discharge_dept_id
				    from changed c
				    join clinical_encounter e on e.hospital_id = :hospital and e.encounter_id = c.encounter_id
				    where c.known
				)
				insert into indicator_month_dirty (hospital_id, department_id, period, encounters)
				select distinct :hospital, department_id, period, true from (
				    select c.discharge_dept_id as department_id, date_trunc('month', c.discharge_time)::date as period
				    from stays c
				    union all
				    select i.discharge_dept_id, date_trunc('month', i.discharge_time)::date
				    from stays c
				    join clinical_encounter i on i.hospital_id = :hospital and i.patient_id = c.patient_id
				     and i.discharge_time < c.admit_time and i.discharge_time >= c.admit_time::date - 31
				) m
				on conflict (hospital_id, department_id, period) do update set encounters = true
				where not indicator_month_dirty.encounters""".formatted(newOrChanged);
	}
}
