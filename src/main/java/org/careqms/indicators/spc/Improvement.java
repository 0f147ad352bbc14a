package org.careqms.indicators.spc;

import java.util.Arrays;
import java.util.Optional;

/** Which way is better for a "Making Data Count" measure. */
public enum Improvement {

	INCREASE("increase", 1), DECREASE("decrease", -1), NEUTRAL("neutral", 0);

	private final String code;
	private final int direction;

	Improvement(String code, int direction) {
		this.code = code;
		this.direction = direction;
	}

	public String code() {
		return code;
	}

	/** +1 for increase, −1 for decrease, 0 for neutral. */
	int direction() {
		return direction;
	}

	public static Optional<Improvement> ofCode(String code) {
		return Arrays.stream(values()).filter(i -> i.code.equals(code)).findFirst();
	}
}
