package org.careqms.indicators.spc;

import java.util.List;

/**
 * What to chart, as api-contract.md's {@code POST /api/v1/spc/analyze} takes it. Lists may hold
 * {@code null} for a missing point; the engine checks everything and answers bad input with
 * {@link org.careqms.platform.InvalidInputException}.
 *
 * @param chart the chart; {@link Chart#XMR_MDC} takes an {@link MdcRequest} instead
 * @param values one number per point: counts (numerators) for p, pp, c, u, up and g, measurements
 *        otherwise; not used by xbar and s
 * @param denominators subgroup sizes or exposures, required for p, pp, u and up; optional for run,
 *        i, mr, t and g (the value is then values/denominators)
 * @param subgroups for xbar and s: the measurements of each point
 * @param freeze points 1..freeze are the baseline; ignored when {@code breaks} are given
 * @param breaks 1-based positions after which a new part starts
 * @param exclude 1-based points left out of centre line, sigma and runs analysis
 * @param screenMovingRanges drop moving ranges ≥ 3.267·AMR (i, t, pp, up)
 * @param multiply scales the plotted numbers after all calculations
 */
public record SpcRequest(Chart chart, List<Double> values, List<Double> denominators, List<List<Double>> subgroups,
		Integer freeze, List<Integer> breaks, List<Integer> exclude, boolean screenMovingRanges, double multiply) {

	/** A chart of {@code values} with the defaults: no freeze, breaks or exclusions, screening on, multiply 1. */
	public static SpcRequest of(Chart chart, List<Double> values) {
		return new SpcRequest(chart, values, null, null, null, null, null, true, 1);
	}

	/** An xbar or s chart of {@code subgroups} with the defaults. */
	public static SpcRequest ofSubgroups(Chart chart, List<List<Double>> subgroups) {
		return new SpcRequest(chart, null, null, subgroups, null, null, null, true, 1);
	}

	public SpcRequest withDenominators(List<Double> denominators) {
		return new SpcRequest(chart, values, denominators, subgroups, freeze, breaks, exclude, screenMovingRanges,
				multiply);
	}

	public SpcRequest withFreeze(Integer freeze) {
		return new SpcRequest(chart, values, denominators, subgroups, freeze, breaks, exclude, screenMovingRanges,
				multiply);
	}

	public SpcRequest withBreaks(List<Integer> breaks) {
		return new SpcRequest(chart, values, denominators, subgroups, freeze, breaks, exclude, screenMovingRanges,
				multiply);
	}

	public SpcRequest withExclude(List<Integer> exclude) {
		return new SpcRequest(chart, values, denominators, subgroups, freeze, breaks, exclude, screenMovingRanges,
				multiply);
	}

	public SpcRequest withScreenMovingRanges(boolean screenMovingRanges) {
		return new SpcRequest(chart, values, denominators, subgroups, freeze, breaks, exclude, screenMovingRanges,
				multiply);
	}

	public SpcRequest withMultiply(double multiply) {
		return new SpcRequest(chart, values, denominators, subgroups, freeze, breaks, exclude, screenMovingRanges,
				multiply);
	}
}
