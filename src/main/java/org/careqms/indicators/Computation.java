package org.careqms.indicators;

/**
 * How an indicator's monthly numerator and denominator are obtained: one of the definitions computed
 * in SQL from imported clinical data (data-formats.md), or entered by hand each month.
 */
public enum Computation {
	/** Discharges with disposition 5 / all discharges. */
	MORTALITY,
	/** Sum of LOS days (discharge date − admission date, at least 1) / discharges. */
	LENGTH_OF_STAY,
	/** Unplanned readmissions of the same patient within 0–31 calendar days / discharges other than deaths. */
	UNPLANNED_READMISSION_31,
	/** Class I incisions healing grade C / class I incisions. */
	SSI_CLASS_I,
	/** Surgical discharges with an unplanned return to theatre / surgical discharges. */
	UNPLANNED_REOPERATION,
	/** Deaths among discharges with an operation (grade 1–4) / such discharges. */
	SURGICAL_MORTALITY,
	/** Deaths among discharges admitted within 28 days of birth / such discharges. */
	NEONATAL_MORTALITY,
	/** Discharges with an operation (grade 1–4) / all discharges. */
	SURGERY_SHARE,
	/** Grade-4 operations / operations (grade 1–4) of discharged patients. */
	GRADE4_OPERATION_SHARE,
	/** Admission record signed within 24 h of admission / discharges with a stay of at least 24 h. */
	ADMISSION_RECORD_24H,
	/** Discharge record signed within 24 h of discharge / living discharges with a stay of at least 24 h. */
	DISCHARGE_RECORD_24H,
	/** Records graded 甲 by record QC / records graded, by month of discharge (the latest run of each). */
	RECORD_GRADE_A,
	/** Entered by the department each month. */
	MANUAL;

	public boolean computed() {
		return this != MANUAL;
	}

	/**
	 * The five core indicators: kept as monthly statistics in {@code indicator_month}, recomputed by
	 * every import for what it touched (ADR 0013). The others are computed from their rows on every
	 * request (each import would otherwise pay for recomputing them too).
	 */
	public boolean aggregated() {
		return switch (this) {
			case MORTALITY, LENGTH_OF_STAY, UNPLANNED_READMISSION_31, SSI_CLASS_I, UNPLANNED_REOPERATION -> true;
			default -> false;
		};
	}

	/**
	 * Joins the hospital's discharges with the same hospital's other stays (the readmission): computed
	 * with hash joins only ({@link IndicatorResults#withHashJoins}), whatever the planner estimates.
	 */
	public boolean selfJoin() {
		return this == UNPLANNED_READMISSION_31;
	}

	/** Aggregated, and reading procedures: a changed procedure changes its statistics. */
	public boolean readsProcedures() {
		return this == SSI_CLASS_I || this == UNPLANNED_REOPERATION;
	}
}
