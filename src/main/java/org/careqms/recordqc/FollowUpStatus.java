package org.careqms.recordqc;

/**
 * Where the follow-up of a defect stands (a defect nobody acted on has none): rectified and waiting for
 * the next run; reopened by a run that still found it; resolved by a run that no longer did; under
 * appeal; waived on an upheld appeal; appeal rejected.
 */
public enum FollowUpStatus {
	RECTIFIED, REOPENED, RESOLVED, APPEALED, WAIVED, REJECTED;

	/** Closed for good or for now: nothing left for the doctor to do. */
	public boolean closed() {
		return this == RESOLVED || this == WAIVED;
	}
}
