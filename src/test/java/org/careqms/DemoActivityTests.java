package org.careqms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.careqms.indicators.IndicatorCatalog;
import org.careqms.indicators.IndicatorResults;
import org.careqms.support.CareQmsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The demo hospital's activity (careqms.demo-activity, off in the other tests): every area has data that
 * came about through the modules' own services, and seeding again creates nothing twice.
 */
@CareQmsTest
@TestPropertySource(properties = "careqms.demo-activity=true")
class DemoActivityTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	IndicatorResults results;

	@Autowired
	IndicatorCatalog catalog;

	@Autowired
	ApplicationContext context;

	private UUID hospital() {
		return jdbc.sql("select hospital_id from app_user where username = 'quality'").query(UUID.class).single();
	}

	private UUID department(String code) {
		return jdbc.sql("select id from department where hospital_id = :h and code = :c").param("h", hospital())
			.param("c", code).query(UUID.class).single();
	}

	private long count(String sql) {
		return jdbc.sql(sql).param("h", hospital()).query(Long.class).single();
	}

	@Test
	void everyAreaHasActivityAndSeedingAgainAddsNothing() throws Exception {
		UUID hospital = hospital();
		YearMonth last = YearMonth.now(ZoneId.of("Asia/Shanghai")).minusMonths(1);

		// discharges of 24 months, with indicator results for cardiology in each month
		assertThat(count("select count(distinct date_trunc('month', discharge_time)) from clinical_encounter where hospital_id = :h"))
			.isEqualTo(24);
		var readmissions = results.results(catalog.find("READM-31-UNPLANNED").orElseThrow(), hospital,
				last.minusMonths(23), last, List.of(department("0301")), false);
		assertThat(readmissions).hasSize(24);
		double before = readmissions.subList(0, 18).stream().mapToDouble(r -> r.value()).average().orElseThrow();
		double lately = readmissions.subList(18, 24).stream().mapToDouble(r -> r.value()).average().orElseThrow();
		assertThat(lately).as("cardiology's readmissions rise over the last six months").isGreaterThan(before * 1.5);
		assertThat(count("select count(*) from record_document where hospital_id = :h")).isPositive();

		// record QC judged the months with documents: mostly on time, some defects
		assertThat(count("select count(*) from record_qc_run where hospital_id = :h and trigger = 'MANUAL'")).isEqualTo(1);
		long defects = count("select count(*) from record_qc_defect where hospital_id = :h");
		long graded = count("select count(*) from record_qc_grade where hospital_id = :h");
		assertThat(defects).isPositive().isLessThan(graded);

		// patients in hospital (running records, ADR 0015): a census and documents so far, never discharges;
		// judged after the imports, with documents overdue and written late among them
		assertThat(count("select count(*) from running_stay where hospital_id = :h and ended_at is null")).isEqualTo(36);
		assertThat(count("select count(*) from clinical_encounter e join running_stay w "
				+ "on w.hospital_id = e.hospital_id and w.encounter_id = e.encounter_id where e.hospital_id = :h")).isZero();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(count("select count(*) from record_qc_running_item where hospital_id = :h "
					+ "and written_time is null and due_time < localtimestamp")).isPositive();
			assertThat(count("select count(*) from record_qc_running_item where hospital_id = :h "
					+ "and written_time > due_time")).isPositive();
		});

		// adverse events in every state, some anonymous, two level II with an analysis
		Map<String, Long> byStatus = new LinkedHashMap<>();
		jdbc.sql("select status, count(*) n from incident where hospital_id = :h group by status").param("h", hospital)
			.query((rs, n) -> byStatus.put(rs.getString("status"), rs.getLong("n"))).list();
		assertThat(byStatus).containsKeys("SUBMITTED", "TRIAGED", "CLOSED");
		assertThat(byStatus.values().stream().mapToLong(Long::longValue).sum()).isBetween(60L, 120L);
		assertThat(count("select count(*) from incident where hospital_id = :h and anonymous")).isPositive();
		assertThat(count("select count(*) from incident_rca r join incident i on i.id = r.incident_id "
				+ "where r.hospital_id = :h and i.level = 'CN-II'")).isEqualTo(2);

		// inspections: submitted with varied scores, one vetoed, one still in progress
		assertThat(count("select count(*) from inspection where hospital_id = :h and status = 'SUBMITTED'"))
			.isGreaterThan(10);
		assertThat(count("select count(distinct score_percent) from inspection where hospital_id = :h and status = 'SUBMITTED'"))
			.isGreaterThan(3);
		assertThat(count("select count(*) from inspection where hospital_id = :h and vetoed")).isEqualTo(1);
		assertThat(count("select count(*) from inspection where hospital_id = :h and status = 'IN_PROGRESS'"))
			.isPositive();

		// actions from every source (the automatic ones arrive after the commits), PDCA in Check, QCC in Do
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(count("select count(*) from indicator_alert where hospital_id = :h")).isPositive();
			for (String source : List.of("INDICATOR_SIGNAL", "INCIDENT", "AUDIT_FINDING", "MANUAL")) {
				assertThat(count("select count(*) from improvement_action where hospital_id = :h and source_type = '"
						+ source + "'")).as(source).isPositive();
			}
		});
		assertThat(count("select count(*) from improvement_action where hospital_id = :h and source_type = 'INCIDENT'"))
			.isEqualTo(2);
		assertThat(count("select count(*) from improvement_action where hospital_id = :h and escalation_level > 0"))
			.isPositive();
		assertThat(count("select count(*) from improvement_action where hospital_id = :h and status = 'CLOSED' "
				+ "and indicator_code is not null")).isPositive();
		assertThat(count("select count(*) from improvement_cycle where hospital_id = :h and kind = 'PDCA' and stage = 'CHECK'"))
			.isEqualTo(1);
		assertThat(count("select count(*) from improvement_cycle where hospital_id = :h and kind = 'QCC' and stage = 'DO'"))
			.isEqualTo(1);

		// seeding again (a restart of a seeded demo) creates nothing
		List<String> tables = List.of("clinical_encounter", "clinical_procedure", "record_document", "record_qc_run",
				"incident", "audit_plan", "inspection", "improvement_action", "improvement_cycle");
		Map<String, Long> counts = new LinkedHashMap<>();
		tables.forEach(table -> counts.put(table, count("select count(*) from " + table + " where hospital_id = :h")));
		var runners = new java.util.ArrayList<>(context.getBeansOfType(ApplicationRunner.class).values());
		runners.sort(AnnotationAwareOrderComparator.INSTANCE);
		for (ApplicationRunner runner : runners) {
			runner.run(new DefaultApplicationArguments());
		}
		Thread.sleep(2000); // anything an import would have set off asynchronously
		tables.forEach(table -> assertThat(count("select count(*) from " + table + " where hospital_id = :h"))
			.as(table).isEqualTo(counts.get(table)));
	}
}
