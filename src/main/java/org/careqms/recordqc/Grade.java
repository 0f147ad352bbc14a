package org.careqms.recordqc;

/** The record's grade (record-rules.yaml, "grading"): 甲 A ≥ 90, 乙 B 75–89, 丙 C < 75. */
public enum Grade {
	A, B, C
}
