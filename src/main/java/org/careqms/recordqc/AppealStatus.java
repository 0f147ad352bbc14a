package org.careqms.recordqc;

/** An appeal waits for the quality office, was upheld or rejected, or was closed by a run that no longer found the defect. */
public enum AppealStatus {
	OPEN, UPHELD, REJECTED, CLOSED
}
