package org.careqms.audits;

/** Planned → in progress (first answer) → submitted (scored, immutable); a planned one may be voided. */
enum InspectionStatus {
	PLANNED, IN_PROGRESS, SUBMITTED, VOIDED
}
