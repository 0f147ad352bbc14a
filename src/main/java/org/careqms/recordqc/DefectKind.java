package org.careqms.recordqc;

/** No document of the type at all, or the earliest one written after the deadline. */
public enum DefectKind {
	MISSING, LATE
}
