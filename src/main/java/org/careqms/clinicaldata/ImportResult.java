package org.careqms.clinicaldata;

import java.util.List;
import java.util.UUID;

/**
 * What one import did: rows accepted and rejected, FHIR encounters skipped (always 0 for a CSV
 * file), warnings about the file, and the reasons of the rejections in line order (at most
 * {@link ImportClinicalData#STORED_ERRORS}; {@code errorsTruncated} says that there were more).
 */
record ImportResult(UUID runId, ImportKind kind, boolean dryRun, int accepted, int rejected, int skipped,
		List<Text> warnings, List<RowProblem> errors, boolean errorsTruncated) {
}
