package org.careqms.recordqc;

/**
 * Where a required document of a patient still in hospital stands (running records, ADR 0015). Documents
 * written on time are not listed.
 */
public enum RunningState {
	/** Not written, deadline within the due-soon window (a document written at the deadline is on time). */
	DUE_SOON,
	/** Not written, deadline passed. */
	OVERDUE,
	/** Written after the deadline: it will be a defect when the record is judged after discharge. */
	LATE
}
