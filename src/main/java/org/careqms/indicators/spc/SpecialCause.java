package org.careqms.indicators.spc;

/**
 * The "Making Data Count" label of a point, from the rule of highest precedence that flags it
 * (outside the limits, then trend, then two of three, then shift).
 */
public enum SpecialCause {

	ABOVE_UCL(1), BELOW_LCL(-1), TREND_UP(1), TREND_DOWN(-1), TWO_OF_THREE_ABOVE(1), TWO_OF_THREE_BELOW(-1),
	SHIFT_ABOVE(1), SHIFT_BELOW(-1), COMMON_CAUSE(0);

	private final int side;

	SpecialCause(int side) {
		this.side = side;
	}

	/** +1 for labels meaning above or increasing, −1 for below or decreasing, 0 for common cause. */
	int side() {
		return side;
	}

	/** A pattern over several points (trend, two of three, shift) rather than a single point outside. */
	boolean isPattern() {
		return this != ABOVE_UCL && this != BELOW_LCL && this != COMMON_CAUSE;
	}
}
