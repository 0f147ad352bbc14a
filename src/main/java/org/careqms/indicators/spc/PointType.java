package org.careqms.indicators.spc;

/** The "Making Data Count" variation of a point, oriented by the direction of improvement. */
public enum PointType {

	COMMON_CAUSE("common_cause"), SPECIAL_CAUSE_IMPROVEMENT("special_cause_improvement"),
	SPECIAL_CAUSE_CONCERN("special_cause_concern"), SPECIAL_CAUSE_NEUTRAL_HIGH("special_cause_neutral_high"),
	SPECIAL_CAUSE_NEUTRAL_LOW("special_cause_neutral_low");

	private final String code;

	PointType(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	static PointType of(SpecialCause cause, Improvement improvement) {
		int side = cause.side();
		if (improvement.direction() == 0) {
			return side > 0 ? SPECIAL_CAUSE_NEUTRAL_HIGH : side < 0 ? SPECIAL_CAUSE_NEUTRAL_LOW : COMMON_CAUSE;
		}
		int oriented = side * improvement.direction();
		return oriented > 0 ? SPECIAL_CAUSE_IMPROVEMENT : oriented < 0 ? SPECIAL_CAUSE_CONCERN : COMMON_CAUSE;
	}
}
