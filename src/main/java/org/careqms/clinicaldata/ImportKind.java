package org.careqms.clinicaldata;

import java.util.Arrays;
import java.util.Optional;

/** The three CSV files of data-formats.md, named in URLs by their file names. */
enum ImportKind {

	ENCOUNTERS("encounters"), PROCEDURES("procedures"), RECORD_DOCUMENTS("record-documents");

	private final String path;

	ImportKind(String path) {
		this.path = path;
	}

	/** The last segment of the upload URL and the file's usual name without {@code .csv}. */
	String path() {
		return path;
	}

	static Optional<ImportKind> byPath(String path) {
		return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
	}
}
