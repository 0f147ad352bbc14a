package org.careqms.recordqc;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A record-QC run found defects in the records discharged from {@code from} to {@code to}; the
 * defects themselves are read through {@link RecordQuality}.
 */
public record RecordDefectsFound(UUID hospitalId, UUID runId, LocalDate from, LocalDate to, int defects) {
}
