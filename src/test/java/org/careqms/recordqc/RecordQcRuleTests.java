package org.careqms.recordqc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every boundary of the time-limit rules (data-formats.md, "How a time-limit rule is judged") and of
 * the grades, judged by PostgreSQL on rows written straight into a hospital of the test's own.
 */
@CareQmsTest
class RecordQcRuleTests {

	static final LocalDate DAY = LocalDate.of(2020, 6, 10);

	@Autowired
	JudgeRecords judge;

	@Autowired
	RuleSettings settings;

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
				values (:id, :code, '病历质控测试医院', 0, 'test', now(), 'test', now())""")
			.param("id", hospital).param("code", "R" + hospital.toString().substring(0, 8)).update();
		// codes of their own: other tests look departments up by the demo hospital's codes
		cardiology = department("RQ-CARD-" + hospital.toString().substring(0, 8));
		surgery = department("RQ-SURG-" + hospital.toString().substring(0, 8));
	}

	private UUID department(String code) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into department (id, hospital_id, code, name, type, version, created_by, created_at, changed_by, changed_at)
				values (:id, :hospital, :code, :code, 'CLINICAL', 0, 'test', now(), 'test', now())""")
			.param("id", id).param("hospital", hospital).param("code", code).update();
		return id;
	}

	/** An encounter discharged on {@link #DAY}; disposition 1 = routine, 5 = death. */
	private String encounter(String admit, String discharge, int disposition) {
		return encounter(admit, discharge, disposition, cardiology, cardiology);
	}

	private String encounter(String admit, String discharge, int disposition, UUID admitDept, UUID dischargeDept) {
		String id = "RQ" + (++sequence);
		jdbc.sql("""
				insert into clinical_encounter (hospital_id, encounter_id, patient_id, sex, birth_date, admit_time,
				    admit_dept_id, discharge_time, discharge_dept_id, admission_route, principal_dx, discharge_disposition,
				    readmission_plan_31d, import_run_id)
				values (:hospital, :id, :id, 1, date '1960-05-01', :admit, :admitDept, :discharge, :dischargeDept, 2,
				    'I21.0', :disposition, 1, :run)""")
			.param("hospital", hospital).param("id", id)
			.param("admit", time(admit)).param("discharge", time(discharge))
			.param("admitDept", admitDept).param("dischargeDept", dischargeDept)
			.param("disposition", disposition).param("run", UUID.randomUUID())
			.update();
		return id;
	}

	private void document(String encounter, String type, String written) {
		document(encounter, type, null, written, null);
	}

	private void document(String encounter, String type, String event, String written, String author) {
		jdbc.sql("""
				insert into record_document (hospital_id, encounter_id, doc_id, doc_type, event_time, written_time,
				    author_id, import_run_id)
				values (:hospital, :encounter, :doc, :type, :event, :written, :author, :run)""")
			.param("hospital", hospital).param("encounter", encounter).param("doc", "D" + (++sequence))
			.param("type", type).param("event", event == null ? null : time(event)).param("written", time(written))
			.param("author", author).param("run", UUID.randomUUID())
			.update();
	}

	private void operation(String encounter, String opTime, int level) {
		jdbc.sql("""
				insert into clinical_procedure (hospital_id, encounter_id, seq, code, op_time, surgery_level, import_run_id)
				values (:hospital, :encounter, (select count(*) + 1 from clinical_procedure
				    where hospital_id = :hospital and encounter_id = :encounter), '36.0601', :op, :level, :run)""")
			.param("hospital", hospital).param("encounter", encounter).param("op", time(opTime))
			.param("level", level).param("run", UUID.randomUUID())
			.update();
	}

	/** Every document a routine stay of a week needs, on time. */
	private String completeStay() {
		String id = encounter("2020-06-03 08:00", "2020-06-10 10:00", 1);
		document(id, "ADMISSION_RECORD", "2020-06-03 20:00");
		document(id, "FIRST_PROGRESS_NOTE", "2020-06-03 12:00");
		document(id, "ATTENDING_FIRST_ROUND", "2020-06-04 09:00");
		document(id, "DISCHARGE_RECORD", "2020-06-10 16:00");
		return id;
	}

	private static LocalDateTime time(String text) {
		return LocalDateTime.parse(text.replace(' ', 'T'));
	}

	private JudgeRecords.Run run() {
		return judge.run(hospital, DAY.minusDays(1), DAY.plusDays(1), JudgeRecords.Trigger.MANUAL, "test");
	}

	record Found(String encounter, String rule, String kind, LocalDateTime due, LocalDateTime written) {
	}

	private List<Found> defects() {
		return jdbc.sql("""
				select encounter_id, rule_id, kind, due_time, written_time from record_qc_defect
				where hospital_id = :hospital order by encounter_id, rule_id, due_time""")
			.param("hospital", hospital)
			.query((rs, n) -> new Found(rs.getString(1), rs.getString(2), rs.getString(3),
					rs.getObject(4, LocalDateTime.class), rs.getObject(5, LocalDateTime.class)))
			.list();
	}

	private List<Found> defects(String encounter) {
		return defects().stream().filter(d -> d.encounter().equals(encounter)).toList();
	}

	private String grade(String encounter) {
		return jdbc.sql("select grade || ' ' || score from record_qc_grade where hospital_id = :hospital and encounter_id = :e")
			.param("hospital", hospital).param("e", encounter).query(String.class).single();
	}

	@Test
	void aCompleteStayHasNoDefects() {
		String id = completeStay();
		var run = run();
		assertThat(defects()).isEmpty();
		assertThat(run.encounters()).isEqualTo(1);
		assertThat(run.defects()).isZero();
		assertThat(grade(id)).isEqualTo("A 100.0");
	}

	@Test
	void writtenExactlyAtTheDeadlineIsOnTimeAndOneMinuteLaterIsLate() {
		String onTime = completeStay();
		jdbc.sql("update record_document set written_time = '2020-06-04 08:00' where hospital_id = :h and encounter_id = :e and doc_type = 'ADMISSION_RECORD'")
			.param("h", hospital).param("e", onTime).update();
		String late = completeStay();
		jdbc.sql("update record_document set written_time = '2020-06-04 08:01' where hospital_id = :h and encounter_id = :e and doc_type = 'ADMISSION_RECORD'")
			.param("h", hospital).param("e", late).update();
		String dischargeOnTime = completeStay();
		jdbc.sql("update record_document set written_time = '2020-06-11 10:00' where hospital_id = :h and encounter_id = :e and doc_type = 'DISCHARGE_RECORD'")
			.param("h", hospital).param("e", dischargeOnTime).update();
		String firstNoteLate = completeStay();
		jdbc.sql("update record_document set written_time = '2020-06-03 16:01' where hospital_id = :h and encounter_id = :e and doc_type = 'FIRST_PROGRESS_NOTE'")
			.param("h", hospital).param("e", firstNoteLate).update();
		String roundOnTime = completeStay();
		jdbc.sql("update record_document set written_time = '2020-06-05 08:00' where hospital_id = :h and encounter_id = :e and doc_type = 'ATTENDING_FIRST_ROUND'")
			.param("h", hospital).param("e", roundOnTime).update();
		run();
		assertThat(defects(onTime)).isEmpty();
		assertThat(defects(dischargeOnTime)).isEmpty();
		assertThat(defects(roundOnTime)).isEmpty();
		assertThat(defects(late)).extracting(Found::rule, Found::kind, Found::due, Found::written)
			.containsExactly(tuple("RR-ADM-01", "LATE", time("2020-06-04 08:00"), time("2020-06-04 08:01")));
		assertThat(defects(firstNoteLate)).extracting(Found::rule, Found::kind, Found::due)
			.containsExactly(tuple("RR-PRG-01", "LATE", time("2020-06-03 16:00")));
	}

	@Test
	void theEarliestDocumentOfTheTypeIsJudged() {
		String earlyThenLate = completeStay();
		document(earlyThenLate, "ADMISSION_RECORD", "2020-06-06 08:00");
		String lateTwice = encounter("2020-06-03 08:00", "2020-06-10 10:00", 1);
		document(lateTwice, "ADMISSION_RECORD", "2020-06-05 09:00");
		document(lateTwice, "ADMISSION_RECORD", "2020-06-04 09:00");
		document(lateTwice, "FIRST_PROGRESS_NOTE", "2020-06-03 12:00");
		document(lateTwice, "ATTENDING_FIRST_ROUND", "2020-06-04 09:00");
		document(lateTwice, "DISCHARGE_RECORD", "2020-06-10 16:00");
		run();
		assertThat(defects(earlyThenLate)).isEmpty();
		assertThat(defects(lateTwice)).extracting(Found::rule, Found::kind, Found::written)
			.containsExactly(tuple("RR-ADM-01", "LATE", time("2020-06-04 09:00")));
	}

	@Test
	void noDocumentIsMissingWithItsDeadline() {
		String id = encounter("2020-06-03 08:00", "2020-06-10 10:00", 1);
		run();
		assertThat(defects(id)).extracting(Found::rule, Found::kind, Found::due, Found::written)
			.containsExactly(tuple("RR-ADM-01", "MISSING", time("2020-06-04 08:00"), null),
					tuple("RR-DSC-01", "MISSING", time("2020-06-11 10:00"), null),
					tuple("RR-PRG-01", "MISSING", time("2020-06-03 16:00"), null),
					tuple("RR-RND-01", "MISSING", time("2020-06-05 08:00"), null));
	}

	@Test
	void staysShorterThanARulesWindowAreNotJudgedByIt() {
		String sevenHours = encounter("2020-06-10 01:00", "2020-06-10 07:59", 1);
		String eightHours = encounter("2020-06-10 01:00", "2020-06-10 09:00", 1);
		String dayLess = encounter("2020-06-09 10:01", "2020-06-10 10:00", 1);
		String day = encounter("2020-06-09 10:00", "2020-06-10 10:00", 1);
		String twoDays = encounter("2020-06-08 10:00", "2020-06-10 10:00", 1);
		run();
		assertThat(defects(sevenHours)).extracting(Found::rule).containsExactly("RR-ADM-03");
		assertThat(defects(eightHours)).extracting(Found::rule).containsExactly("RR-ADM-03", "RR-PRG-01");
		assertThat(defects(dayLess)).extracting(Found::rule).containsExactly("RR-ADM-03", "RR-PRG-01");
		assertThat(defects(day)).extracting(Found::rule).containsExactly("RR-ADM-01", "RR-DSC-01", "RR-PRG-01");
		assertThat(defects(twoDays)).extracting(Found::rule)
			.containsExactly("RR-ADM-01", "RR-DSC-01", "RR-PRG-01", "RR-RND-01");
	}

	@Test
	void deathsAreJudgedByTheDeathRulesNotTheDischargeRecord() {
		String died = encounter("2020-06-03 08:00", "2020-06-10 10:00", 5);
		document(died, "ADMISSION_RECORD", "2020-06-03 20:00");
		document(died, "FIRST_PROGRESS_NOTE", "2020-06-03 12:00");
		document(died, "ATTENDING_FIRST_ROUND", "2020-06-04 09:00");
		String diedWithin24Hours = encounter("2020-06-09 12:00", "2020-06-10 10:00", 5);
		document(diedWithin24Hours, "FIRST_PROGRESS_NOTE", "2020-06-09 13:00");
		run();
		assertThat(defects(died)).extracting(Found::rule, Found::kind, Found::due)
			.containsExactly(tuple("RR-DTH-01", "MISSING", time("2020-06-11 10:00")),
					tuple("RR-DTH-02", "MISSING", time("2020-06-17 10:00")));
		// a death within 24 h: no death record (RR-ADM-04's own record is not in the data), no
		// admission-discharge record, but the death discussion all the same
		assertThat(defects(diedWithin24Hours)).extracting(Found::rule).containsExactly("RR-DTH-02");
	}

	@Test
	void theDeathDiscussionIsDueSevenDaysAfterTheDeath() {
		String onTime = encounter("2020-06-03 08:00", "2020-06-10 10:00", 5);
		document(onTime, "DEATH_RECORD", "2020-06-10 18:00");
		document(onTime, "DEATH_DISCUSSION", "2020-06-17 10:00");
		String late = encounter("2020-06-03 08:00", "2020-06-10 10:00", 5);
		document(late, "DEATH_RECORD", "2020-06-11 10:01");
		document(late, "DEATH_DISCUSSION", "2020-06-17 10:01");
		run();
		assertThat(defects(onTime)).extracting(Found::rule).doesNotContain("RR-DTH-01", "RR-DTH-02");
		assertThat(defects(late)).extracting(Found::rule, Found::kind)
			.contains(tuple("RR-DTH-01", "LATE"), tuple("RR-DTH-02", "LATE"));
	}

	@Test
	void surgicalRecordsAreJudgedFromTheOperation() {
		String operated = completeStay();
		operation(operated, "2020-06-05 09:00", 3);
		document(operated, "SURGICAL_CONSENT", null, "2020-06-05 09:30", "D1");
		document(operated, "OPERATION_RECORD", "2020-06-05 11:00", "2020-06-06 11:01", "D2");
		document(operated, "POSTOP_FIRST_NOTE", "2020-06-05 11:00", "2020-06-05 11:00", "D2");
		String noRecords = completeStay();
		operation(noRecords, "2020-06-05 09:00", 2);
		String procedureOnly = completeStay();
		operation(procedureOnly, "2020-06-05 09:00", 0);
		String rescued = completeStay();
		document(rescued, "RESCUE_RECORD", "2020-06-06 02:00", "2020-06-06 08:00", "D3");
		document(rescued, "RESCUE_RECORD", "2020-06-07 02:00", "2020-06-07 08:01", "D3");
		run();
		assertThat(defects(operated)).extracting(Found::rule, Found::kind, Found::due, Found::written)
			.containsExactly(tuple("RR-CNS-01", "LATE", time("2020-06-05 09:00"), time("2020-06-05 09:30")),
					tuple("RR-SUR-05", "LATE", time("2020-06-06 11:00"), time("2020-06-06 11:01")));
		assertThat(defects(noRecords)).extracting(Found::rule, Found::kind)
			.containsExactly(tuple("RR-CNS-01", "MISSING"), tuple("RR-SUR-05", "MISSING"),
					tuple("RR-SUR-08", "MISSING"));
		assertThat(defects(procedureOnly)).isEmpty();
		assertThat(defects(rescued)).extracting(Found::rule, Found::kind, Found::due)
			.containsExactly(tuple("RR-RES-01", "LATE", time("2020-06-07 08:00")));
		assertThat(jdbc.sql("select author_id from record_qc_defect where hospital_id = :h and rule_id = 'RR-SUR-05' and kind = 'LATE'")
			.param("h", hospital).query(String.class).list()).containsExactly("D2");
	}

	@Test
	void aTransferNeedsATransferInNote() {
		String transferred = encounter("2020-06-03 08:00", "2020-06-10 10:00", 1, cardiology, surgery);
		document(transferred, "ADMISSION_RECORD", "2020-06-03 20:00");
		document(transferred, "FIRST_PROGRESS_NOTE", "2020-06-03 12:00");
		document(transferred, "ATTENDING_FIRST_ROUND", "2020-06-04 09:00");
		document(transferred, "DISCHARGE_RECORD", "2020-06-10 16:00");
		String noted = encounter("2020-06-03 08:00", "2020-06-10 10:00", 1, cardiology, surgery);
		document(noted, "ADMISSION_RECORD", "2020-06-03 20:00");
		document(noted, "FIRST_PROGRESS_NOTE", "2020-06-03 12:00");
		document(noted, "ATTENDING_FIRST_ROUND", "2020-06-04 09:00");
		document(noted, "DISCHARGE_RECORD", "2020-06-10 16:00");
		document(noted, "TRANSFER_IN_NOTE", "2020-06-06 10:00", "2020-06-07 10:00", null);
		run();
		assertThat(defects(transferred)).extracting(Found::rule, Found::kind)
			.containsExactly(tuple("RR-TRF-02", "MISSING"));
		assertThat(defects(noted)).isEmpty();
		assertThat(jdbc.sql("select department_id from record_qc_defect where hospital_id = :h").param("h", hospital)
			.query(UUID.class).list()).containsExactly(surgery);
	}

	@Test
	void gradesFollowTheDeductionsAndTheVetoes() {
		String complete = completeStay();
		String lateRound = completeStay();
		jdbc.sql("update record_document set written_time = '2020-06-06 09:00' where hospital_id = :h and encounter_id = :e and doc_type = 'ATTENDING_FIRST_ROUND'")
			.param("h", hospital).param("e", lateRound).update();
		String lateAdmission = completeStay();
		jdbc.sql("update record_document set written_time = '2020-06-05 09:00' where hospital_id = :h and encounter_id = :e and doc_type = 'ADMISSION_RECORD'")
			.param("h", hospital).param("e", lateAdmission).update();
		// three points-only defects: 100 − 3 × 5 = 85
		String transferredLate = encounter("2020-06-03 08:00", "2020-06-10 10:00", 1, cardiology, surgery);
		document(transferredLate, "ADMISSION_RECORD", "2020-06-03 20:00");
		document(transferredLate, "FIRST_PROGRESS_NOTE", "2020-06-03 12:00");
		document(transferredLate, "DISCHARGE_RECORD", "2020-06-10 16:00");
		document(transferredLate, "RESCUE_RECORD", "2020-06-06 02:00", "2020-06-06 09:00", null);
		run();
		assertThat(grade(complete)).isEqualTo("A 100.0");
		assertThat(grade(lateRound)).isEqualTo("A 95.0");
		assertThat(grade(lateAdmission)).isEqualTo("C 75.0");
		assertThat(grade(transferredLate)).isEqualTo("B 85.0");
	}

	@Test
	void tuningARuleChangesTheResultWithoutARelease() {
		String id = encounter("2020-06-03 08:00", "2020-06-10 10:00", 1);
		document(id, "ADMISSION_RECORD", "2020-06-04 20:00");
		document(id, "FIRST_PROGRESS_NOTE", "2020-06-03 12:00");
		document(id, "ATTENDING_FIRST_ROUND", "2020-06-04 09:00");
		run();
		assertThat(defects(id)).extracting(Found::rule, Found::kind)
			.containsExactly(tuple("RR-ADM-01", "LATE"), tuple("RR-DSC-01", "MISSING"));

		var discharge = setting("RR-DSC-01");
		settings.change(hospital, "RR-DSC-01", false, discharge.deadlineHours(), discharge.deduction(),
				discharge.severity(), discharge.version());
		var admission = setting("RR-ADM-01");
		settings.change(hospital, "RR-ADM-01", true, 48, new BigDecimal("2.5"), Severity.DEDUCT, admission.version());
		run();
		assertThat(defects(id)).isEmpty();

		admission = setting("RR-ADM-01");
		settings.change(hospital, "RR-ADM-01", true, 35, new BigDecimal("2.5"), Severity.DEDUCT, admission.version());
		run();
		assertThat(defects(id)).extracting(Found::rule, Found::kind, Found::due)
			.containsExactly(tuple("RR-ADM-01", "LATE", time("2020-06-04 19:00")));
		assertThat(grade(id)).isEqualTo("A 97.5");
		assertThat(jdbc.sql("select count(*) from audit_entry where hospital_id = :h and entity_type = 'RecordQcRule'")
			.param("h", hospital).query(Long.class).single()).isEqualTo(3);
	}

	@Test
	void aLaterRunReplacesTheJudgementOfItsEncounters() {
		String id = encounter("2020-06-03 08:00", "2020-06-10 10:00", 1);
		var first = run();
		assertThat(first.defects()).isEqualTo(4);
		document(id, "ADMISSION_RECORD", "2020-06-03 20:00");
		document(id, "FIRST_PROGRESS_NOTE", "2020-06-03 12:00");
		var second = judge.run(hospital, DAY, DAY, JudgeRecords.Trigger.MANUAL, "test");
		assertThat(second.defects()).isEqualTo(2);
		assertThat(jdbc.sql("select distinct run_id from record_qc_defect where hospital_id = :h").param("h", hospital)
			.query(UUID.class).list()).containsExactly(second.id());
	}

	private RuleSettings.Setting setting(String rule) {
		return settings.all(hospital).stream().filter(s -> s.ruleId().equals(rule)).findFirst().orElseThrow();
	}
}
