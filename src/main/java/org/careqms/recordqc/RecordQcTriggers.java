package org.careqms.recordqc;

import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.careqms.clinicaldata.ClinicalDataImported;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Records are judged again after every committed import of encounters, procedures, record documents
 * or FHIR bundles (asynchronously, so the upload answers at once): over the discharge dates of the rows
 * the import brought in. Procedures count too: operations decide the surgical rules.
 */
@Component
class RecordQcTriggers {

	private static final Logger log = LoggerFactory.getLogger(RecordQcTriggers.class);

	private final JudgeRecords judge;
	private final Defects defects;

	RecordQcTriggers(JudgeRecords judge, Defects defects) {
		this.judge = judge;
		this.defects = defects;
	}

	@ApplicationModuleListener
	void afterImport(ClinicalDataImported imported) {
		var range = defects.importedRange(imported.hospitalId(), imported.kind(), imported.runId());
		if (range.isEmpty()) {
			log.info("Import run {} touched no discharges: no record QC run", imported.runId());
			return;
		}
		LocalDate[] dates = range.get();
		judge.run(imported.hospitalId(), dates[0], dates[1], JudgeRecords.Trigger.IMPORT, "system");
	}
}
