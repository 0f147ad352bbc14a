package org.careqms.clinicaldata;

import java.util.UUID;

/**
 * A file of clinical data, or a request of FHIR Bundles, was imported and committed (dry runs publish
 * nothing). Indicators and record QC recompute from it.
 *
 * @param hospitalId the hospital the rows belong to
 * @param kind {@code ENCOUNTERS}, {@code PROCEDURES}, {@code RECORD_DOCUMENTS}, {@code FHIR} (discharges
 *     and their procedures together, stays in progress) or {@code INPATIENTS} (a census of patients in
 *     hospital, ADR 0015: no discharge, no indicator)
 * @param runId the import run (history, rejected rows)
 * @param accepted how many rows were imported (inserted, replaced or found unchanged)
 */
public record ClinicalDataImported(UUID hospitalId, String kind, UUID runId, int accepted) {
}
