package org.careqms.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The monthly statistics (indicator_month, ADR 0013) against the definitions computed from the rows:
 * every boundary case of {@link CoreIndicatorTests} (inherited: after each, the statistics are
 * refreshed and must give exactly the rows' results), and randomised data changed again and again
 * (department transfers, moved discharges, other patients, deletions), refreshed incrementally after
 * each round.
 */
@CareQmsTest
class IndicatorMonthsTests extends CoreIndicatorTests {

	@Autowired
	IndicatorMonths months;

	@Autowired
	PlatformTransactionManager transactionManager;

	/** After each inherited boundary case: the statistics equal the rows' results. */
	@AfterEach
	void statisticsEqualTheRows() {
		refresh();
		assertSameResults(YearMonth.parse("2020-01"), YearMonth.parse("2030-12"));
	}

	@Test
	void randomRowsChangedAgainAndAgainKeepTheStatisticsEqualToTheRows() {
		var random = new Random(20261126);
		List<UUID> departments = new ArrayList<>(List.of(cardiology, surgery));
		for (int i = 0; i < 3; i++) {
			departments.add(newDepartment("CI-R" + i + "-" + hospital.toString().substring(0, 8)));
		}
		List<String> encounters = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			encounters.add(randomEncounter(random, departments));
		}
		refresh();
		assertThat(IndicatorMonths.outstanding(jdbc, hospital)).isFalse();
		assertThat(jdbc.sql("select count(*) from indicator_month where hospital_id = :h").param("h", hospital)
			.query(Long.class).single()).isPositive();
		assertSameResults(YearMonth.parse("2024-10"), YearMonth.parse("2025-06"));

		for (int round = 0; round < 6; round++) {
			for (int change = 0; change < 12; change++) {
				String id = encounters.get(random.nextInt(encounters.size()));
				switch (random.nextInt(7)) {
					// a transfer: another discharging department
					case 0 -> update(id, "discharge_dept_id = :v", departments.get(random.nextInt(departments.size())));
					// the discharge moves, possibly into another month (the stay keeps at least its admission day)
					case 1 -> update(id, "discharge_time = admit_time + make_interval(hours => :v)", random.nextInt(24 * 40));
					// the admission moves: another readmission window is hit
					case 2 -> update(id, "admit_time = least(discharge_time, admit_time + make_interval(days => :v))",
							random.nextInt(41) - 20);
					// the stay belonged to another patient
					case 3 -> update(id, "patient_id = :v", "RP" + random.nextInt(60));
					case 4 -> update(id, "discharge_disposition = :v, readmission_plan_31d = :w",
							random.nextBoolean() ? 5 : 1);
					// only its procedures change: only the statistics that read procedures are recomputed
					case 5 -> jdbc.sql("""
							update clinical_procedure set surgery_level = :level, healing_grade = :healing,
							    unplanned_return = not unplanned_return
							where hospital_id = :h and encounter_id = :id""")
						.param("level", random.nextInt(5)).param("healing", random.nextBoolean() ? "C" : "A")
						.param("h", hospital).param("id", id).update();
					default -> {
						jdbc.sql("delete from clinical_procedure where hospital_id = :h and encounter_id = :id")
							.param("h", hospital).param("id", id).update();
						if (random.nextBoolean()) {
							jdbc.sql("delete from clinical_encounter where hospital_id = :h and encounter_id = :id")
								.param("h", hospital).param("id", id).update();
							encounters.remove(id);
						}
					}
				}
			}
			for (int i = 0; i < 10; i++) {
				encounters.add(randomEncounter(random, departments));
			}
			assertThat(IndicatorMonths.outstanding(jdbc, hospital)).isTrue();
			refresh();
			assertSameResults(YearMonth.parse("2024-10"), YearMonth.parse("2025-06"));
		}
	}

	@Test
	void aRefreshRecomputesOnlyTheMarkedDepartmentMonthsAndTheReadmissionsIndexMonth() {
		String index = encounterOf("RW1", "2025-01-20T08:00", "2025-01-31T10:00", cardiology, 1, 1);
		refresh();
		assertThat(only("READM-31-UNPLANNED", "2025-01", cardiology).numerator()).isZero();
		// a readmission in March, in another department, 31 calendar days after the January discharge
		encounterOf("RW1", "2025-03-03T09:00", "2025-03-05T09:00", surgery, 1, 1);
		var marked = jdbc.sql("select department_id, period from indicator_month_dirty where hospital_id = :h order by 2")
			.param("h", hospital)
			.query((rs, n) -> rs.getObject(1, UUID.class) + " " + rs.getString(2))
			.list();
		assertThat(marked).containsExactly(cardiology + " 2025-01-01", surgery + " 2025-03-01");
		assertThat(refresh()).isEqualTo(2);
		assertThat(only("READM-31-UNPLANNED", "2025-01", cardiology).numerator()).isOne();
		assertThat(index).isNotNull();
	}

	/**
	 * A hospital the table's statistics have not seen yet (new, or small beside a large one, until the next
	 * ANALYZE) is estimated at one row; the readmission's self-join was then planned as three nested loops
	 * over its discharges, the innermost reading every stay of the hospital for each pair (8–10 s for 400
	 * discharges beside a million others). It is planned with hash joins, and the setting is the
	 * transaction's own again afterwards.
	 */
	@Test
	void theReadmissionOfAHospitalTheStatisticsHaveNotSeenIsPlannedWithoutNestedLoops() {
		jdbc.sql("analyze clinical_encounter").update();
		var random = new Random(7);
		for (int i = 0; i < 200; i++) {
			randomEncounter(random, List.of(cardiology, surgery));
		}
		String sql = "explain with " + IndicatorResults.DISCHARGES + ", rows as ("
				+ IndicatorResults.SQL.get(Computation.UNPLANNED_READMISSION_31) + ") select * from rows";
		new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
			String plan = IndicatorResults.withHashJoins(jdbc, Computation.UNPLANNED_READMISSION_31.selfJoin(),
					() -> String.join("\n", jdbc.sql(sql)
						.param("hospital", hospital)
						.param("from", LocalDateTime.parse("2024-11-01T00:00"))
						.param("to", LocalDateTime.parse("2025-06-01T00:00"))
						.query(String.class)
						.list()));
			assertThat(plan).contains("Hash").doesNotContain("Nested Loop");
			assertThat(jdbc.sql("select current_setting('enable_nestloop')").query(String.class).single()).isEqualTo("on");
		});
		refresh();
		assertSameResults(YearMonth.parse("2024-10"), YearMonth.parse("2025-06"));
	}

	private IndicatorResult only(String code, String month, UUID department) {
		assertThat(IndicatorMonths.outstanding(jdbc, hospital)).isFalse();
		return results.results(catalog.find(code).orElseThrow(), hospital, YearMonth.parse(month), YearMonth.parse(month),
				List.of(department), false, IndicatorResults.Source.MONTHLY_STATISTICS).get(0);
	}

	private int refresh() {
		return new TransactionTemplate(transactionManager).execute(status -> months.refresh(hospital));
	}

	private void assertSameResults(YearMonth from, YearMonth to) {
		List<UUID> departments = jdbc.sql("select id from department where hospital_id = :h order by code")
			.param("h", hospital).query(UUID.class).list();
		for (Indicator indicator : catalog.all()) {
			if (!indicator.computation().aggregated()) {
				continue;
			}
			for (boolean hospitalWide : new boolean[] { false, true }) {
				assertThat(results.results(indicator, hospital, from, to, null, hospitalWide,
						IndicatorResults.Source.MONTHLY_STATISTICS))
					.as("%s %s", indicator.code(), hospitalWide ? "hospital-wide" : "by department")
					.isEqualTo(results.results(indicator, hospital, from, to, null, hospitalWide,
							IndicatorResults.Source.ROWS));
			}
			var scope = departments.subList(0, 1);
			assertThat(results.results(indicator, hospital, from, to, scope, false,
					IndicatorResults.Source.MONTHLY_STATISTICS))
				.as("%s for one department", indicator.code())
				.isEqualTo(results.results(indicator, hospital, from, to, scope, false, IndicatorResults.Source.ROWS));
			// with nothing outstanding, the public results are the statistics
			assertThat(results.results(indicator, hospital, from, to, null, false))
				.isEqualTo(results.results(indicator, hospital, from, to, null, false, IndicatorResults.Source.ROWS));
		}
	}

	private UUID newDepartment(String code) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into department (id, hospital_id, code, name, type, version, created_by, created_at, changed_by, changed_at)
				values (:id, :hospital, :code, :code, 'CLINICAL', 0, 'test', now(), 'test', now())""")
			.param("id", id).param("hospital", hospital).param("code", code).update();
		return id;
	}

	private String encounterOf(String patient, String admit, String discharge, UUID dept, int disposition, int plan) {
		String id = "RE" + UUID.randomUUID().toString().substring(0, 13);
		jdbc.sql("""
				insert into clinical_encounter (hospital_id, encounter_id, patient_id, sex, birth_date, admit_time,
				    admit_dept_id, discharge_time, discharge_dept_id, admission_route, principal_dx, discharge_disposition,
				    readmission_plan_31d, import_run_id)
				values (:hospital, :id, :patient, 1, :birth, :admit, :dept, :discharge, :dept, 2, 'I21.0', :disposition,
				    :plan, :run)""")
			.param("hospital", hospital).param("id", id).param("patient", patient)
			.param("birth", LocalDateTime.parse(admit).toLocalDate().minusDays(admit.hashCode() % 2 == 0 ? 10 : 20_000))
			.param("admit", LocalDateTime.parse(admit)).param("discharge", LocalDateTime.parse(discharge))
			.param("dept", dept).param("disposition", disposition).param("plan", plan).param("run", UUID.randomUUID())
			.update();
		return id;
	}

	/** A stay of 0–12 days, discharged 2024-11..2025-04, of one of 60 patients (readmissions are frequent). */
	private String randomEncounter(Random random, List<UUID> departments) {
		LocalDateTime admit = LocalDateTime.parse("2024-11-01T00:00")
			.plusMinutes(random.nextInt(180 * 24 * 60));
		LocalDateTime discharge = admit.plusMinutes(random.nextInt(12 * 24 * 60));
		String id = encounterOf("RP" + random.nextInt(60), admit.toString(), discharge.toString(),
				departments.get(random.nextInt(departments.size())), random.nextInt(20) == 0 ? 5 : 1,
				random.nextInt(10) == 0 ? 2 : 1);
		int procedures = random.nextInt(3);
		for (int seq = 1; seq <= procedures; seq++) {
			jdbc.sql("""
					insert into clinical_procedure (hospital_id, encounter_id, seq, code, op_time, surgery_level,
					    incision_class, healing_grade, unplanned_return, import_run_id)
					values (:h, :e, :seq, '47.01', :time, :level, :incision, :healing, :unplanned, :run)""")
				.param("h", hospital).param("e", id).param("seq", seq).param("time", admit)
				.param("level", random.nextInt(5))
				.param("incision", List.of("0", "I", "II", "III").get(random.nextInt(4)))
				.param("healing", List.of("A", "B", "C", "X").get(random.nextInt(4)))
				.param("unplanned", random.nextInt(4) == 0)
				.param("run", UUID.randomUUID())
				.update();
		}
		return id;
	}

	private void update(String id, String set, Object value) {
		var sql = jdbc.sql("update clinical_encounter set " + set + " where hospital_id = :h and encounter_id = :id")
			.param("h", hospital).param("id", id).param("v", value);
		if (set.contains(":w")) {
			sql = sql.param("w", value.equals(5) ? 1 : 2);
		}
		sql.update();
	}
}
