package org.careqms.audits;

import java.time.Instant;
import java.util.UUID;

/**
 * An item of a submitted inspection failed: published once per failed item after the submission
 * commits, for the improvement module to open an action for the audited department.
 *
 * @param findingId stable id of the finding (a redelivered event carries the same one)
 * @param inspectionReference the inspection's number (AUD-2026-0001), for people
 * @param critical a critical item (单项否决): failing it vetoes the inspection's score
 * @param note what the auditor wrote about the item
 */
public record FindingRaised(UUID findingId, UUID hospitalId, UUID inspectionId, String inspectionReference,
		UUID departmentId, String templateName, String itemCode, String itemText, boolean critical, String note,
		Instant raisedAt) {
}
