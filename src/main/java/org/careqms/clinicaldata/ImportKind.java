package org.careqms.clinicaldata;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What one import run brought in: one of the three CSV files of data-formats.md, named in URLs by
 * their file names, FHIR R4 Bundles (discharges and their procedures together, stays in progress), or
 * the CareQMS extension inpatients.csv (patients in hospital, ADR 0015; not part of the shared contract).
 */
enum ImportKind {

	ENCOUNTERS("encounters"), PROCEDURES("procedures"), RECORD_DOCUMENTS("record-documents"), FHIR("fhir"),
	/** inpatients.csv: the census of patients in hospital, a CareQMS extension (not the shared contract). */
	INPATIENTS("inpatients");

	private final String path;

	ImportKind(String path) {
		this.path = path;
	}

	/** The last segment of the upload URL and, for a CSV file, the file's usual name without {@code .csv}. */
	String path() {
		return path;
	}

	/** The CSV files, which are imported one file at a time. */
	static List<ImportKind> csvFiles() {
		return List.of(ENCOUNTERS, PROCEDURES, RECORD_DOCUMENTS, INPATIENTS);
	}

	static Optional<ImportKind> byPath(String path) {
		return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
	}
}
