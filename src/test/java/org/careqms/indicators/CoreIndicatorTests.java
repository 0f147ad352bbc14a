package org.careqms.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every boundary of the core indicator definitions (data-formats.md), computed by PostgreSQL on rows
 * written straight into a hospital of the test's own.
 */
@CareQmsTest
class CoreIndicatorTests {

	@Autowired
	IndicatorResults results;

	@Autowired
	IndicatorCatalog catalog;

	@Autowired
	JdbcClient jdbc;

	UUID hospital;
	UUID cardiology;
	UUID surgery;
	int sequence;

	@BeforeEach
	void hospitalOfItsOwn() {
		hospital = UUID.randomUUID();
		jdbc.sql("""
				insert into hospital (id, code, name, version, created_by, created_at, changed_by, changed_at)
				values (:id, :code, '指标测试医院', 0, 'test', now(), 'test', now())""")
			.param("id", hospital).param("code", "T" + hospital.toString().substring(0, 8)).update();
		// codes of their own: other tests look departments up by the demo hospital's codes
		cardiology = department("CI-CARD-" + hospital.toString().substring(0, 8));
		surgery = department("CI-SURG-" + hospital.toString().substring(0, 8));
	}

	private UUID department(String code) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into department (id, hospital_id, code, name, type, version, created_by, created_at, changed_by, changed_at)
				values (:id, :hospital, :code, :code, 'CLINICAL', 0, 'test', now(), 'test', now())""")
			.param("id", id).param("hospital", hospital).param("code", code).update();
		return id;
	}

	/** An encounter; returns its id. Disposition 1 = routine, 5 = death; plan 1 = none, 2 = planned. */
	private String encounter(String patient, String admit, String discharge, UUID admitDept, UUID dischargeDept,
			int disposition, int plan) {
		String id = "E" + (++sequence);
		jdbc.sql("""
				insert into clinical_encounter (hospital_id, encounter_id, patient_id, sex, birth_date, admit_time,
				    admit_dept_id, discharge_time, discharge_dept_id, admission_route, principal_dx, discharge_disposition,
				    readmission_plan_31d, import_run_id)
				values (:hospital, :id, :patient, 1, date '1960-05-01', :admit, :admitDept, :discharge, :dischargeDept, 2,
				    'I21.0', :disposition, :plan, :run)""")
			.param("hospital", hospital).param("id", id).param("patient", patient)
			.param("admit", LocalDateTime.parse(admit)).param("discharge", LocalDateTime.parse(discharge))
			.param("admitDept", admitDept).param("dischargeDept", dischargeDept)
			.param("disposition", disposition).param("plan", plan).param("run", UUID.randomUUID())
			.update();
		return id;
	}

	private String discharge(String admit, String discharge, UUID dept) {
		return encounter("P" + (sequence + 1000), admit, discharge, dept, dept, 1, 1);
	}

	private void procedure(String encounter, int seq, int level, String incision, String healing, boolean unplanned) {
		jdbc.sql("""
				insert into clinical_procedure (hospital_id, encounter_id, seq, code, op_time, surgery_level, incision_class,
				    healing_grade, unplanned_return, import_run_id)
				values (:hospital, :encounter, :seq, '47.01', timestamp '2025-01-10 09:00', :level, :incision, :healing,
				    :unplanned, :run)""")
			.param("hospital", hospital).param("encounter", encounter).param("seq", seq).param("level", level)
			.param("incision", incision).param("healing", healing).param("unplanned", unplanned)
			.param("run", UUID.randomUUID())
			.update();
	}

	private void document(String encounter, String type, String written) {
		jdbc.sql("""
				insert into record_document (hospital_id, encounter_id, doc_id, doc_type, written_time, import_run_id)
				values (:hospital, :encounter, :doc, :type, :written, :run)""")
			.param("hospital", hospital).param("encounter", encounter).param("doc", "D" + (++sequence))
			.param("type", type).param("written", LocalDateTime.parse(written)).param("run", UUID.randomUUID())
			.update();
	}

	private List<IndicatorResult> compute(String code, String from, String to, boolean hospitalWide) {
		return results.results(catalog.find(code).orElseThrow(), hospital, YearMonth.parse(from), YearMonth.parse(to),
				null, hospitalWide);
	}

	private IndicatorResult only(String code, String month, UUID department) {
		return compute(code, month, month, false).stream()
			.filter(r -> r.departmentId().equals(department))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + code + " row for " + month));
	}

	private static void assertFraction(IndicatorResult result, int numerator, int denominator) {
		assertThat(result.numerator()).isEqualByComparingTo(BigDecimal.valueOf(numerator));
		assertThat(result.denominator()).isEqualByComparingTo(BigDecimal.valueOf(denominator));
	}

	@Test
	void mortalityCountsDeathsAmongAllDischargesAsAPercentage() {
		discharge("2025-01-02T08:00", "2025-01-05T10:00", cardiology);
		discharge("2025-01-03T08:00", "2025-01-06T10:00", cardiology);
		encounter("P-dead", "2025-01-04T08:00", "2025-01-07T03:00", cardiology, cardiology, 5, 1);
		IndicatorResult result = only("MORT-INPT", "2025-01", cardiology);
		assertFraction(result, 1, 3);
		assertThat(result.value()).isEqualTo(33.3333);
	}

	@Test
	void dischargesBelongToTheMonthAndYearOfTheirDischargeTime() {
		discharge("2024-12-20T08:00", "2024-12-31T23:59:59", cardiology);
		discharge("2024-12-28T08:00", "2025-01-01T00:00", cardiology);
		discharge("2025-01-20T08:00", "2025-01-31T23:59", cardiology);
		discharge("2025-01-25T08:00", "2025-02-01T00:00", cardiology);
		var rows = compute("MORT-INPT", "2024-12", "2025-02", false);
		assertThat(rows).extracting(r -> r.period().toString() + ":" + r.denominator())
			.containsExactly("2024-12:1", "2025-01:2", "2025-02:1");
	}

	@Test
	void aTransferredPatientCountsForTheDischargingDepartment() {
		encounter("P-transfer", "2025-03-01T08:00", "2025-03-09T10:00", cardiology, surgery, 5, 1);
		var rows = compute("MORT-INPT", "2025-03", "2025-03", false);
		assertThat(rows).singleElement().satisfies(r -> {
			assertThat(r.departmentId()).isEqualTo(surgery);
			assertFraction(r, 1, 1);
		});
	}

	@Test
	void lengthOfStayCountsCalendarDaysAndAtLeastOne() {
		discharge("2025-04-01T08:00", "2025-04-01T18:00", cardiology); // same day: 0 → 1
		discharge("2025-04-01T23:30", "2025-04-02T00:30", cardiology); // one hour across midnight: 1
		discharge("2025-04-01T08:00", "2025-04-04T08:00", cardiology); // 3
		IndicatorResult result = only("ALOS", "2025-04", cardiology);
		assertFraction(result, 5, 3);
		assertThat(result.value()).isEqualTo(1.6667);
	}

	@Test
	void readmissionWindowIsZeroToThirtyOneCalendarDaysInclusive() {
		encounter("A", "2025-03-01T08:00", "2025-03-10T10:00", cardiology, cardiology, 1, 1);
		encounter("A", "2025-04-10T09:00", "2025-04-12T10:00", cardiology, cardiology, 1, 1); // day 31: counts
		encounter("B", "2025-03-01T08:00", "2025-03-10T10:00", cardiology, cardiology, 1, 1);
		encounter("B", "2025-04-11T09:00", "2025-04-12T10:00", cardiology, cardiology, 1, 1); // day 32: does not
		var march = only("READM-31-UNPLANNED", "2025-03", cardiology);
		assertFraction(march, 1, 2);
		assertThat(march.value()).isEqualTo(50.0);
	}

	@Test
	void aSameDayReadmissionCountsButOnlyStrictlyAfterTheDischarge() {
		encounter("C", "2025-05-01T08:00", "2025-05-03T10:00", cardiology, cardiology, 1, 1);
		encounter("C", "2025-05-03T15:00", "2025-05-06T10:00", cardiology, cardiology, 1, 1); // same day, later
		encounter("D", "2025-05-01T08:00", "2025-05-03T10:00", cardiology, cardiology, 1, 1);
		encounter("D", "2025-05-03T10:00", "2025-05-04T10:00", surgery, surgery, 1, 1); // same minute: not after
		var may = only("READM-31-UNPLANNED", "2025-05", cardiology);
		assertFraction(may, 1, 3);
	}

	@Test
	void plannedReadmissionsAreNotCountedAndDeathsAreNotIndexDischarges() {
		encounter("E", "2025-06-01T08:00", "2025-06-05T10:00", cardiology, cardiology, 1, 2); // planned
		encounter("E", "2025-06-10T08:00", "2025-06-12T10:00", cardiology, cardiology, 5, 1); // died: no index
		var june = only("READM-31-UNPLANNED", "2025-06", cardiology);
		assertFraction(june, 0, 1);
	}

	@Test
	void aReadmissionInALaterMonthCountsForTheIndexMonth() {
		encounter("F", "2025-07-20T08:00", "2025-07-30T10:00", cardiology, cardiology, 1, 1);
		encounter("F", "2025-08-15T08:00", "2025-08-20T10:00", surgery, surgery, 1, 1);
		assertFraction(only("READM-31-UNPLANNED", "2025-07", cardiology), 1, 1);
	}

	@Test
	void surgicalSiteInfectionCountsOnlyClassOneIncisions() {
		String a = discharge("2025-01-05T08:00", "2025-01-15T10:00", surgery);
		procedure(a, 1, 3, "I", "A", false);
		procedure(a, 2, 2, "I", "C", false);
		String b = discharge("2025-01-06T08:00", "2025-01-16T10:00", surgery);
		procedure(b, 1, 2, "II", "C", false);
		procedure(b, 2, 0, null, null, false);
		IndicatorResult result = only("SSI-I", "2025-01", surgery);
		assertFraction(result, 1, 2);
		assertThat(result.value()).isEqualTo(50.0);
		assertThat(compute("SSI-I", "2025-01", "2025-01", false)).extracting(IndicatorResult::departmentId)
			.containsOnly(surgery); // no class I incision in cardiology: its group has no row at all
	}

	@Test
	void unplannedReturnToTheatreIsCountedPerSurgicalDischarge() {
		String reoperated = discharge("2025-02-01T08:00", "2025-02-20T10:00", surgery);
		procedure(reoperated, 1, 3, "I", "A", false);
		procedure(reoperated, 2, 3, "I", "A", true);
		procedure(reoperated, 3, 2, "I", "A", true); // two returns, one discharge
		String operated = discharge("2025-02-02T08:00", "2025-02-10T10:00", surgery);
		procedure(operated, 1, 1, null, null, false);
		String procedureOnly = discharge("2025-02-03T08:00", "2025-02-05T10:00", surgery);
		procedure(procedureOnly, 1, 0, null, null, true); // not an operation: not a surgical discharge
		assertFraction(only("UNPLANNED-REOP", "2025-02", surgery), 1, 2);
	}

	@Test
	void hospitalWideFiguresSumEveryDepartment() {
		discharge("2025-03-01T08:00", "2025-03-03T10:00", cardiology);
		encounter("G", "2025-03-01T08:00", "2025-03-04T10:00", surgery, surgery, 5, 1);
		discharge("2025-03-01T08:00", "2025-03-05T10:00", surgery);
		var rows = compute("MORT-INPT", "2025-03", "2025-03", true);
		assertThat(rows).singleElement().satisfies(r -> {
			assertThat(r.departmentId()).isNull();
			assertFraction(r, 1, 3);
		});
	}

	@Test
	void monthsWithoutAnyDischargeAreOmitted() {
		discharge("2025-01-01T08:00", "2025-01-03T10:00", cardiology);
		discharge("2025-03-01T08:00", "2025-03-03T10:00", cardiology);
		assertThat(compute("ALOS", "2025-01", "2025-03", true)).extracting(r -> r.period().toString())
			.containsExactly("2025-01", "2025-03");
	}

	@Test
	void admissionRecordWrittenExactlyAtTheDeadlineIsOnTimeAndTheEarliestIsJudged() {
		String onTime = discharge("2025-01-01T08:00", "2025-01-05T10:00", cardiology);
		document(onTime, "ADMISSION_RECORD", "2025-01-02T08:00"); // exactly 24 h
		String late = discharge("2025-01-01T08:00", "2025-01-05T10:00", cardiology);
		document(late, "ADMISSION_RECORD", "2025-01-02T08:01");
		String earliestOnTime = discharge("2025-01-01T08:00", "2025-01-05T10:00", cardiology);
		document(earliestOnTime, "ADMISSION_RECORD", "2025-01-03T08:00");
		document(earliestOnTime, "ADMISSION_RECORD", "2025-01-01T20:00");
		discharge("2025-01-01T08:00", "2025-01-05T10:00", cardiology); // missing
		discharge("2025-01-01T08:00", "2025-01-01T20:00", cardiology); // stay under 24 h: not counted
		assertFraction(only("QI-080", "2025-01", cardiology), 2, 4);
	}

	@Test
	void departmentScopeRestrictsTheRows() {
		discharge("2025-01-01T08:00", "2025-01-03T10:00", cardiology);
		discharge("2025-01-01T08:00", "2025-01-03T10:00", surgery);
		var rows = results.results(catalog.find("ALOS").orElseThrow(), hospital, YearMonth.parse("2025-01"),
				YearMonth.parse("2025-01"), List.of(cardiology), false);
		assertThat(rows).extracting(IndicatorResult::departmentId).containsExactly(cardiology);
	}

	@Test
	void gradeARecordRateComesFromRecordQualityControl() {
		UUID run = UUID.randomUUID();
		jdbc.sql("""
				insert into record_qc_run (id, hospital_id, from_date, to_date, trigger, started_by, started_at, encounters, defects)
				values (:id, :hospital, date '2025-01-01', date '2025-01-31', 'MANUAL', 'test', now(), 3, 2)""")
			.param("id", run).param("hospital", hospital).update();
		String[] grades = { "A", "A", "B" };
		for (int i = 0; i < grades.length; i++) {
			jdbc.sql("""
					insert into record_qc_grade (hospital_id, encounter_id, run_id, discharge_time, department_id, score, grade)
					values (:hospital, :encounter, :run, timestamp '2025-01-15 10:00', :department, 95, :grade)""")
				.param("hospital", hospital).param("encounter", "G" + i).param("run", run).param("department", cardiology)
				.param("grade", grades[i]).update();
		}
		IndicatorResult result = only("QI-089", "2025-01", cardiology);
		assertFraction(result, 2, 3);
		assertThat(result.value()).isEqualTo(66.6667);
	}
}
