package org.careqms.indicators.spc;

import java.util.Arrays;
import java.util.Optional;

/** The charts the engine draws, by their code in the API ({@code "p"}, {@code "xmr-mdc"}, …). */
public enum Chart {

	/** Run chart: median, no limits. */
	RUN("run"),
	/** Individuals (X of XmR). */
	I("i"),
	/** Moving ranges. */
	MR("mr"),
	/** Subgroup means. */
	XBAR("xbar"),
	/** Subgroup standard deviations. */
	S("s"),
	/** Time between rare events. */
	T("t"),
	/** Proportions. */
	P("p"),
	/** Laney p′. */
	PP("pp"),
	/** Counts with equal opportunity. */
	C("c"),
	/** Rates per unit of exposure. */
	U("u"),
	/** Laney u′. */
	UP("up"),
	/** Units between rare events. */
	G("g"),
	/** NHS England "Making Data Count" XmR with its special-cause rules and icons. */
	XMR_MDC("xmr-mdc");

	private final String code;

	Chart(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	public static Optional<Chart> ofCode(String code) {
		return Arrays.stream(values()).filter(chart -> chart.code.equals(code)).findFirst();
	}

	/** Charts whose {@code values} are numerators over required {@code denominators}. */
	boolean needsDenominators() {
		return this == P || this == PP || this == U || this == UP;
	}

	/** Charts built from {@code subgroups} of measurements instead of {@code values}. */
	boolean usesSubgroups() {
		return this == XBAR || this == S;
	}

	/** Charts whose values are counts, which cannot be negative. */
	boolean countsEvents() {
		return this == P || this == PP || this == C || this == U || this == UP || this == G;
	}
}
