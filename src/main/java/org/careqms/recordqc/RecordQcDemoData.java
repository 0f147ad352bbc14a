package org.careqms.recordqc;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

import org.careqms.platform.DemoActivity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo hospital's record QC: one run, as the quality office would start it, over the months the demo
 * discharges have record documents (the run after each import only judges the last months). Runs after
 * the demo discharges, once: a hospital with a run started by hand is left alone.
 */
@Component
@Order(11)
class RecordQcDemoData implements ApplicationRunner {

	/** The months of the demo discharges that have record documents (clinicaldata's demo data). */
	static final int MONTHS = 6;

	private final DemoActivity demo;
	private final JudgeRecords judge;
	private final JdbcClient jdbc;
	private final ZoneId zone;

	RecordQcDemoData(DemoActivity demo, JudgeRecords judge, JdbcClient jdbc,
			@Value("${careqms.clinical-data.time-zone:Asia/Shanghai}") ZoneId zone) {
		this.demo = demo;
		this.judge = judge;
		this.jdbc = jdbc;
		this.zone = zone;
	}

	@Override
	public void run(ApplicationArguments args) {
		demo.run("quality", user -> {
			boolean judged = jdbc.sql("select exists (select 1 from record_qc_run where hospital_id = :h and trigger = 'MANUAL')")
				.param("h", user.hospitalId()).query(Boolean.class).single();
			boolean discharges = jdbc.sql("select exists (select 1 from clinical_encounter where hospital_id = :h)")
				.param("h", user.hospitalId()).query(Boolean.class).single();
			if (judged || !discharges) {
				return;
			}
			YearMonth last = YearMonth.now(zone).minusMonths(1);
			LocalDate from = last.minusMonths(MONTHS - 1L).atDay(1);
			judge.run(user.hospitalId(), from, last.atEndOfMonth(), JudgeRecords.Trigger.MANUAL, user.getUsername());
		});
	}
}
