package org.careqms.recordqc;

import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.careqms.clinicaldata.ClinicalDataImported;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Records are judged again after every committed import of encounters, procedures, record documents
 * or FHIR bundles (asynchronously, so the upload answers at once): over the discharge dates of the rows
 * the import brought in, as far as they fall in the last {@code careqms.record-qc.after-import-months}
 * months (default 3; 0: no limit). Procedures count too: operations decide the surgical rules. A
 * historical load (years of discharges at once) is judged on demand instead, not behind the back of
 * everyone using the database. The running records of patients in hospital are judged again after every
 * import except procedures (ADR 0015).
 */
@Component
class RecordQcTriggers {

	private static final Logger log = LoggerFactory.getLogger(RecordQcTriggers.class);

	private final JudgeRecords judge;
	private final RunningRecords running;
	private final Defects defects;
	private final int months;

	RecordQcTriggers(JudgeRecords judge, RunningRecords running, Defects defects,
			@Value("${careqms.record-qc.after-import-months:3}") int months) {
		this.judge = judge;
		this.running = running;
		this.defects = defects;
		this.months = months;
	}

	@ApplicationModuleListener
	void afterImport(ClinicalDataImported imported) {
		// running records: a census or FHIR stays in progress, their documents, or discharges that end stays
		if (!"PROCEDURES".equals(imported.kind())) {
			running.judge(imported.hospitalId());
		}
		if ("INPATIENTS".equals(imported.kind())) {
			return;
		}
		var range = defects.importedRange(imported.hospitalId(), imported.kind(), imported.runId());
		if (range.isEmpty()) {
			log.info("Import run {} touched no discharges: no record QC run", imported.runId());
			return;
		}
		LocalDate[] dates = range.get();
		LocalDate from = dates[0];
		if (months > 0) {
			LocalDate earliest = LocalDate.now().withDayOfMonth(1).minusMonths(months - 1L);
			from = from.isBefore(earliest) ? earliest : from;
		}
		if (from.isAfter(dates[1])) {
			log.info("Import run {} brought discharges older than {} month(s): judged on demand only",
					imported.runId(), months);
			return;
		}
		judge.run(imported.hospitalId(), from, dates[1], JudgeRecords.Trigger.IMPORT, "system");
	}
}
