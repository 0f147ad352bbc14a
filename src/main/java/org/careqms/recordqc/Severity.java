package org.careqms.recordqc;

import java.util.Locale;

/**
 * What a defect does to the record's grade (record-rules.yaml, "severity"): a single-item veto to
 * grade C (丙) or B (乙), or only its deducted points.
 */
public enum Severity {

	VETO_GRADE_C, VETO_GRADE_B, DEDUCT;

	/** The catalog's spelling ({@code veto_grade_c}); local defect classes only deduct. */
	static Severity ofCatalog(String value) {
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "veto_grade_c" -> VETO_GRADE_C;
			case "veto_grade_b" -> VETO_GRADE_B;
			default -> DEDUCT;
		};
	}
}
