package org.careqms.indicators.spc;

import java.math.BigInteger;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Anhøj's runs analysis as qicharts2 does it: signs of the points against the centre line, points
 * on the line and missing ones dropped; an unusually long run (Schilling) or unusually few
 * crossings (Chen) signal a non-random pattern.
 */
public final class AnhoejRuns {

	private static final BigInteger TWENTY = BigInteger.valueOf(20);

	private static final ConcurrentMap<Integer, Integer> CROSSINGS_MIN = new ConcurrentHashMap<>();

	private AnhoejRuns() {
	}

	/**
	 * The statistics of one part. With no useful point the four numbers are {@code null} and there
	 * is no signal.
	 *
	 * @param observations the included points, missing ones too ({@code n_obs})
	 * @param useful the points off the centre line ({@code n_useful})
	 */
	public record Result(int observations, int useful, Integer longestRun, Integer longestRunMax, Integer crossings,
			Integer crossingsMin, boolean signal) {
	}

	/**
	 * Analyses {@code y} against {@code centreLine} over the points where {@code included} is true.
	 */
	public static Result analyze(double[] y, double[] centreLine, boolean[] included) {
		int observations = 0;
		int useful = 0;
		int runs = 0;
		int longest = 0;
		int current = 0;
		int previousSign = 0;
		for (int i = 0; i < y.length; i++) {
			if (!included[i]) {
				continue;
			}
			observations++;
			double difference = y[i] - centreLine[i];
			if (Double.isNaN(difference) || difference == 0) {
				continue;
			}
			int sign = difference > 0 ? 1 : -1;
			useful++;
			if (sign == previousSign) {
				current++;
			}
			else {
				runs++;
				current = 1;
				previousSign = sign;
			}
			longest = Math.max(longest, current);
		}
		if (useful == 0) {
			return new Result(observations, 0, null, null, null, null, false);
		}
		int crossings = runs - 1;
		int longestMax = longestRunMax(useful);
		int crossingsMin = crossingsMin(useful);
		return new Result(observations, useful, longest, longestMax, crossings, crossingsMin,
				longest > longestMax || crossings < crossingsMin);
	}

	/**
	 * round(log2(n)) + 3 (Schilling 2012). log2 of an integer is never exactly x.5, so the rounding
	 * mode does not matter.
	 */
	public static int longestRunMax(int useful) {
		if (useful < 1) {
			throw new IllegalArgumentException("useful observations must be positive: " + useful);
		}
		return (int) Math.round(Math.log(useful) / Math.log(2)) + 3;
	}

	/**
	 * The smallest c with P(Bin(n − 1, ½) ≤ c) ≥ 0.05 (Chen 2010; R's qbinom(0.05, n − 1, 0.5)),
	 * from exact integer sums: P ≥ 0.05 ⇔ 20·Σ C(m, k) ≥ 2^m.
	 */
	public static int crossingsMin(int useful) {
		if (useful < 1) {
			throw new IllegalArgumentException("useful observations must be positive: " + useful);
		}
		return CROSSINGS_MIN.computeIfAbsent(useful, AnhoejRuns::exactCrossingsMin);
	}

	private static int exactCrossingsMin(int useful) {
		int m = useful - 1;
		BigInteger total = BigInteger.ONE.shiftLeft(m);
		BigInteger term = BigInteger.ONE; // C(m, 0)
		BigInteger cumulative = BigInteger.ONE;
		int c = 0;
		while (cumulative.multiply(TWENTY).compareTo(total) < 0) {
			term = term.multiply(BigInteger.valueOf(m - c)).divide(BigInteger.valueOf(c + 1));
			c++;
			cumulative = cumulative.add(term);
		}
		return c;
	}
}
