package org.careqms.indicators.spc;

import java.util.Arrays;

/**
 * The small statistics SPC needs. Missing values are {@code NaN} and are skipped, as R's
 * {@code na.rm = TRUE}; an empty selection gives {@code NaN} (R's {@code mean(numeric(0))}).
 */
final class Stats {

	/** d2 for n = 2, rounded as qicharts2 rounds it: average moving range → sigma. */
	static final double D2 = 1.128;

	/** D4 for n = 2: upper limit of the MR chart and the moving-range screen (Nelson 1982). */
	static final double D4 = 3.267;

	private static final double HALF_LOG_2_PI = 0.5 * Math.log(2 * Math.PI);

	/** Lanczos coefficients for g = 607/128 (Godfrey), good to about 1e-15 for x > 0. */
	private static final double LANCZOS_G = 607.0 / 128.0;
	private static final double[] LANCZOS = { 0.99999999999999709182, 57.156235665862923517,
			-59.597960355475491248, 14.136097974741747174, -0.49191381609762019978, .33994649984811888699e-4,
			.46523628927048575665e-4, -.98374475304879564677e-4, .15808870322491248884e-3,
			-.21026444172410488319e-3, .21743961811521264320e-3, -.16431810653676389022e-3,
			.84418223983852743293e-4, -.26190838401581408670e-4, .36899182659531622704e-5 };

	private Stats() {
	}

	static boolean present(double x) {
		return !Double.isNaN(x);
	}

	/** Left-to-right mean of the values that are not missing. */
	static double mean(double[] values) {
		double sum = 0;
		int count = 0;
		for (double v : values) {
			if (present(v)) {
				sum += v;
				count++;
			}
		}
		return count == 0 ? Double.NaN : sum / count;
	}

	/** Median of the values that are not missing; the average of the two middle ones for even counts. */
	static double median(double[] values) {
		double[] sorted = Arrays.stream(values).filter(Stats::present).sorted().toArray();
		int n = sorted.length;
		if (n == 0) {
			return Double.NaN;
		}
		return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	/** Sample standard deviation (n − 1 denominator) of the values that are not missing. */
	static double sd(double[] values) {
		double m = mean(values);
		double squares = 0;
		int count = 0;
		for (double v : values) {
			if (present(v)) {
				squares += (v - m) * (v - m);
				count++;
			}
		}
		return count < 2 ? Double.NaN : Math.sqrt(squares / (count - 1));
	}

	/**
	 * Average moving range of a sequence: |x_k − x_(k−1)|, missing when either neighbour is missing.
	 * With screening, ranges not strictly below 3.267·AMR are dropped and the average taken once more.
	 */
	static double averageMovingRange(double[] sequence, boolean screen) {
		if (sequence.length < 2) {
			return Double.NaN;
		}
		double[] ranges = new double[sequence.length - 1];
		for (int k = 1; k < sequence.length; k++) {
			ranges[k - 1] = Math.abs(sequence[k] - sequence[k - 1]);
		}
		double amr = mean(ranges);
		if (screen) {
			double limit = D4 * amr;
			for (int k = 0; k < ranges.length; k++) {
				if (!(ranges[k] < limit)) {
					ranges[k] = Double.NaN;
				}
			}
			amr = mean(ranges);
		}
		return amr;
	}

	/** log Γ(x) for x > 0 by the Lanczos approximation. */
	static double logGamma(double x) {
		if (!(x > 0)) {
			return Double.NaN;
		}
		if (x < 0.5) {
			// Γ(x) = Γ(x + 1) / x keeps the approximation in its accurate range
			return logGamma(x + 1) - Math.log(x);
		}
		double sum = LANCZOS[0];
		for (int i = LANCZOS.length - 1; i > 0; i--) {
			sum += LANCZOS[i] / (x + i);
		}
		double t = x + LANCZOS_G + 0.5;
		return (x + 0.5) * Math.log(t) - t + HALF_LOG_2_PI + Math.log(sum / x);
	}

	/** Exact c4(n) = √(2/(n−1))·Γ(n/2)/Γ((n−1)/2); missing for n ≤ 1. */
	static double c4(double n) {
		if (!(n > 1)) {
			return Double.NaN;
		}
		return Math.sqrt(2 / (n - 1)) * Math.exp(logGamma(n / 2) - logGamma((n - 1) / 2));
	}

	/** c5(n) = √(1 − c4(n)²). */
	static double c5(double n) {
		double c4 = c4(n);
		return Math.sqrt(1 - c4 * c4);
	}

	/** A3 with {@code sigmas} in place of 3: sigmas/(c4(n)·√n). */
	static double a3(double n, double sigmas) {
		return sigmas / (c4(n) * Math.sqrt(n));
	}

	/** B3 with {@code sigmas} in place of 3: max(0, 1 − sigmas·c5/c4). */
	static double b3(double n, double sigmas) {
		double b = 1 - sigmas * c5(n) / c4(n);
		return Double.isNaN(b) ? b : Math.max(0, b);
	}

	/** B4 with {@code sigmas} in place of 3: 1 + sigmas·c5/c4. */
	static double b4(double n, double sigmas) {
		return 1 + sigmas * c5(n) / c4(n);
	}
}
