package org.careqms.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.careqms.support.Api;
import org.careqms.support.CareQmsTest;
import org.careqms.support.ClinicalCsv;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The import marks the department-months it changes itself, from its staging table, with the marking
 * triggers switched off for its own writes (V26, ADR 0013): after every import through the API the
 * monthly statistics must equal the definitions computed from the rows — for moved stays (old and new
 * department-month), readmissions arriving in a later file (the earlier index month), changed procedures
 * and random files changed round after round. Each test uses a year of its own in the demo hospital.
 */
@CareQmsTest
class ImportMarksTests {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	IndicatorResults results;

	@Autowired
	IndicatorCatalog catalog;

	@Autowired
	PlatformTransactionManager transactionManager;

	UUID hospital;

	@BeforeEach
	void demoHospital() {
		hospital = jdbc.sql("select id from hospital where code = 'H0001'").query(UUID.class).single();
	}

	@Test
	void anImportThatMovesAStayRecomputesBothTheOldAndTheNewDepartmentMonth() {
		String id = "IMV-" + UUID.randomUUID().toString().substring(0, 8);
		String other = id + "-B";
		// a death in cardiology in January 2011, and a survivor beside it
		importEncounters(row(id, "PM" + id, "2011-01-03 08:00", "0301", "2011-01-10 10:00", "0301", 5, 1),
				row(other, "PM" + other, "2011-01-04 08:00", "0301", "2011-01-09 10:00", "0301", 1, 1));
		assertThat(mortality("2011-01", "0301")).isEqualTo("1/2");
		assertThat(mortality("2011-02", "0403")).isNull();

		// the corrected file: the death was discharged from neurosurgery in February
		importEncounters(row(id, "PM" + id, "2011-01-03 08:00", "0301", "2011-02-02 10:00", "0403", 5, 1),
				row(other, "PM" + other, "2011-01-04 08:00", "0301", "2011-01-09 10:00", "0301", 1, 1));
		assertThat(mortality("2011-01", "0301")).isEqualTo("0/1");
		assertThat(mortality("2011-02", "0403")).isEqualTo("1/1");
		assertSameResults(YearMonth.parse("2011-01"), YearMonth.parse("2011-03"));
	}

	@Test
	void aReadmissionArrivingInALaterImportUpdatesTheEarlierIndexMonth() {
		String patient = "PR-" + UUID.randomUUID().toString().substring(0, 8);
		importEncounters(row(patient + "-1", patient, "2012-03-20 08:00", "0301", "2012-03-30 10:00", "0301", 1, 1));
		assertThat(readmissions("2012-03", "0301")).isEqualTo("0/1");

		// next month's file: the same patient admitted again to another department 21 days later
		importEncounters(row(patient + "-2", patient, "2012-04-20 09:00", "0403", "2012-04-25 09:00", "0403", 1, 1));
		assertThat(readmissions("2012-03", "0301")).isEqualTo("1/1");
		assertThat(readmissions("2012-04", "0403")).isEqualTo("0/1");

		// the readmission's admission corrected to 33 days after: no longer within the window
		importEncounters(row(patient + "-2", patient, "2012-05-02 09:00", "0403", "2012-05-05 09:00", "0403", 1, 1));
		assertThat(readmissions("2012-03", "0301")).isEqualTo("0/1");
		assertThat(readmissions("2012-04", "0403")).isNull();
		assertSameResults(YearMonth.parse("2012-02"), YearMonth.parse("2012-06"));
	}

	@Test
	void aChangedProcedureRecomputesItsEncountersMonthAndAReimportChangesNothing() {
		String id = "IPR-" + UUID.randomUUID().toString().substring(0, 8);
		importEncounters(row(id, "P" + id, "2014-06-03 08:00", "0401", "2014-06-12 10:00", "0401", 1, 1));
		importProcedures(id + ",1,47.0100,2014-06-04 09:00,3,I,A,N");
		assertThat(statistic("SSI-I", "2014-06", "0401")).isEqualTo("0/1");
		importProcedures(id + ",1,47.0100,2014-06-04 09:00,3,I,C,N");
		assertThat(statistic("SSI-I", "2014-06", "0401")).isEqualTo("1/1");

		UUID run = jdbc.sql("select import_run_id from clinical_procedure where hospital_id = :h and encounter_id = :id")
			.param("h", hospital).param("id", id).query(UUID.class).single();
		importProcedures(id + ",1,47.0100,2014-06-04 09:00,3,I,C,N");
		// unchanged: not rewritten, nothing marked
		assertThat(jdbc.sql("select import_run_id from clinical_procedure where hospital_id = :h and encounter_id = :id")
			.param("h", hospital).param("id", id).query(UUID.class).single()).isEqualTo(run);
		assertSameResults(YearMonth.parse("2014-05"), YearMonth.parse("2014-07"));
	}

	@Test
	void aProceduresOnlyImportLeavesTheEncounterOnlyStatisticsUntouchedYetEveryResultEqualsTheRows() {
		String id = "IPO-" + UUID.randomUUID().toString().substring(0, 8);
		importEncounters(row(id + "-A", "P" + id, "2015-03-02 08:00", "0401", "2015-03-09 10:00", "0401", 1, 1),
				row(id + "-B", "P" + id, "2015-03-20 08:00", "0401", "2015-03-25 10:00", "0401", 5, 1),
				row(id + "-C", "Q" + id, "2015-04-01 08:00", "0403", "2015-04-08 10:00", "0403", 1, 2));
		Map<String, String> encounterOnly = storedVersions(false);
		Map<String, String> withProcedures = storedVersions(true);
		assertThat(encounterOnly).isNotEmpty();

		importProcedures(id + "-A,1,47.0100,2015-03-03 09:00,3,I,C,Y", id + "-B,1,47.0100,2015-03-21 09:00,2,I,A,N",
				id + "-C,1,81.5100,2015-04-02 09:00,4,I,A,N");
		// the mortality, length of stay and readmission rows are the very same row versions (not rewritten) ...
		assertThat(storedVersions(false)).isEqualTo(encounterOnly);
		// ... while the statistics that read procedures were recomputed
		assertThat(statistic("SSI-I", "2015-03", "0401")).isEqualTo("1/2");
		assertThat(storedVersions(true)).isNotEqualTo(withProcedures);
		assertSameResults(YearMonth.parse("2015-02"), YearMonth.parse("2015-05"));
	}

	/**
	 * The row version ({@code xmin}) of every stored statistic of 2015 whose computation reads procedures
	 * or not: a rewritten row has a new one.
	 */
	private Map<String, String> storedVersions(boolean readsProcedures) {
		Map<String, String> versions = new LinkedHashMap<>();
		jdbc.sql("""
				select computation, period, department_id, xmin::text from indicator_month
				where hospital_id = :h and period >= date '2015-01-01' and period < date '2016-01-01'
				order by 1, 2, 3""")
			.param("h", hospital)
			.query(rs -> {
				if (Computation.valueOf(rs.getString(1)).readsProcedures() == readsProcedures) {
					versions.put(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3), rs.getString(4));
				}
			});
		return versions;
	}

	@Test
	void randomFilesImportedAgainAndAgainKeepTheStatisticsEqualToTheRows() {
		var random = new Random(20261126);
		String prefix = "IRND-" + UUID.randomUUID().toString().substring(0, 6) + "-";
		List<String> departments = List.of("0301", "0403", "0401", "0501");
		Map<String, String> stored = new LinkedHashMap<>();
		for (int i = 0; i < 150; i++) {
			stored.put(prefix + i, randomRow(random, prefix + i, prefix, departments));
		}
		importEncounters(stored.values().toArray(String[]::new));
		assertSameResults(YearMonth.parse("2013-01"), YearMonth.parse("2013-08"));
		int next = stored.size();
		for (int round = 0; round < 5; round++) {
			List<String> file = new ArrayList<>();
			List<String> ids = new ArrayList<>(stored.keySet());
			for (int change = 0; change < 25; change++) {
				// a changed stay: another department, other times, another patient or another outcome
				String id = ids.get(random.nextInt(ids.size()));
				stored.put(id, randomRow(random, id, prefix, departments));
			}
			for (int i = 0; i < 10; i++) {
				stored.put(prefix + next, randomRow(random, prefix + next, prefix, departments));
				next++;
			}
			// the file: every stay (most unchanged), as a hospital re-sends its history
			file.addAll(stored.values());
			importEncounters(file.toArray(String[]::new));
			assertThat(IndicatorMonths.outstanding(jdbc, hospital)).isFalse();
			assertSameResults(YearMonth.parse("2013-01"), YearMonth.parse("2013-08"));
		}
	}

	@Test
	void rowsWrittenOutsideAnImportAreStillMarkedAndTheImportSettingSwitchesTheTriggersOff() {
		UUID cardiology = jdbc.sql("select id from department where hospital_id = :h and code = '0301'")
			.param("h", hospital).query(UUID.class).single();
		String id = "IOUT-" + UUID.randomUUID().toString().substring(0, 8);
		var transactions = new TransactionTemplate(transactionManager);
		long marks = transactions.execute(status -> {
			jdbc.sql("select set_config('careqms.import', 'on', true)").query().singleRow();
			insert(id + "-A", cardiology, "2010-05-10 10:00");
			long count = marked("2010-05-01", cardiology);
			status.setRollbackOnly();
			return count;
		});
		assertThat(marks).as("marked by the trigger while careqms.import is on").isZero();
		transactions.executeWithoutResult(status -> {
			insert(id + "-B", cardiology, "2010-05-10 10:00");
			assertThat(marked("2010-05-01", cardiology)).as("marked by the trigger").isOne();
			status.setRollbackOnly();
		});
	}

	private void insert(String id, UUID department, String discharge) {
		jdbc.sql("""
				insert into clinical_encounter (hospital_id, encounter_id, patient_id, sex, birth_date, admit_time,
				    admit_dept_id, discharge_time, discharge_dept_id, admission_route, principal_dx, discharge_disposition,
				    readmission_plan_31d, import_run_id)
				values (:h, :id, :id, 1, date '1950-01-01', :discharge, :dept, :discharge, :dept, 2, 'I21.0', 1, 1, :run)""")
			.param("h", hospital).param("id", id).param("dept", department)
			.param("discharge", LocalDateTime.parse(discharge, TIME)).param("run", UUID.randomUUID()).update();
	}

	private long marked(String period, UUID department) {
		return jdbc.sql("""
				select count(*) from indicator_month_dirty
				where hospital_id = :h and department_id = :d and period = cast(:p as date)""")
			.param("h", hospital).param("d", department).param("p", period).query(Long.class).single();
	}

	/** A stay of 0–12 days discharged 2013-01..2013-06, of one of 30 patients (readmissions are frequent). */
	private static String randomRow(Random random, String id, String prefix, List<String> departments) {
		LocalDateTime admit = LocalDateTime.parse("2013-01-01T00:00").plusMinutes(random.nextInt(170 * 24 * 60));
		LocalDateTime discharge = admit.plusMinutes(random.nextInt(12 * 24 * 60));
		return row(id, prefix + "P" + random.nextInt(30), TIME.format(admit),
				departments.get(random.nextInt(departments.size())), TIME.format(discharge),
				departments.get(random.nextInt(departments.size())), random.nextInt(15) == 0 ? 5 : 1,
				random.nextInt(8) == 0 ? 2 : 1);
	}

	private static String row(String id, String patient, String admit, String admitDept, String discharge,
			String dischargeDept, int disposition, int plan) {
		return id + "," + patient + ",1,1950-05-01," + admit + "," + admitDept + "," + discharge + "," + dischargeDept
				+ ",1,I21.0,," + disposition + "," + plan + ",";
	}

	private void importEncounters(String... rows) {
		var answer = new Api(port).upload("/api/v1/imports/encounters", "encounters.csv",
				ClinicalCsv.file(ClinicalCsv.ENCOUNTERS, rows), Api.demo("quality"), null);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.json().get("accepted").asInt()).as(answer.body()).isEqualTo(rows.length);
	}

	private void importProcedures(String... rows) {
		var answer = new Api(port).upload("/api/v1/imports/procedures", "procedures.csv",
				ClinicalCsv.file(ClinicalCsv.PROCEDURES, rows), Api.demo("quality"), null);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.json().get("accepted").asInt()).as(answer.body()).isEqualTo(rows.length);
	}

	private String mortality(String month, String department) {
		return statistic("MORT-INPT", month, department);
	}

	private String readmissions(String month, String department) {
		return statistic("READM-31-UNPLANNED", month, department);
	}

	/** The stored statistic "numerator/denominator" of the department-month, null when none is stored. */
	private String statistic(String code, String month, String department) {
		assertThat(IndicatorMonths.outstanding(jdbc, hospital)).as("marks left after the import").isFalse();
		Computation computation = catalog.find(code).orElseThrow().computation();
		return jdbc.sql("""
				select m.numerator, m.denominator from indicator_month m join department d on d.id = m.department_id
				where m.hospital_id = :h and m.computation = :c and m.period = cast(:p as date) and d.code = :d""")
			.param("h", hospital).param("c", computation.name()).param("p", month + "-01").param("d", department)
			.query((rs, n) -> plain(rs.getBigDecimal(1)) + "/" + plain(rs.getBigDecimal(2)))
			.optional()
			.orElse(null);
	}

	private static String plain(BigDecimal value) {
		return value.stripTrailingZeros().toPlainString();
	}

	private void assertSameResults(YearMonth from, YearMonth to) {
		assertThat(IndicatorMonths.outstanding(jdbc, hospital)).isFalse();
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
		}
	}
}
