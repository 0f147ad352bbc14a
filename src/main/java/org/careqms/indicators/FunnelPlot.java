package org.careqms.indicators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Funnel plot of proportions across departments (Spiegelhalter 2005), as FunnelPlotR draws it:
 * limits on the arcsine-square-root scale, with an additive overdispersion term τ² estimated from
 * z-scores winsorised at their 10th and 90th percentiles (catalog spc-rules.yaml, funnel_plots).
 */
final class FunnelPlot {

	static final double Z95 = 1.959964;
	static final double Z998 = 3.090232;

	/** One unit (department): events x out of n. */
	record Unit(String label, double numerator, double denominator) {

		double proportion() {
			return numerator / denominator;
		}
	}

	/** Where a unit lies against the limits. */
	enum Position {
		WITHIN, ABOVE_95, BELOW_95, ABOVE_998, BELOW_998
	}

	record Placed(Unit unit, double proportion, double lower95, double upper95, double lower998, double upper998,
			Position position) {
	}

	/** A point of the limit curves, for drawing. */
	record LimitPoint(double n, double lower95, double upper95, double lower998, double upper998) {
	}

	record Result(double target, double tau2, List<Placed> units, List<LimitPoint> curve) {
	}

	private FunnelPlot() {
	}

	static Result of(List<Unit> units, boolean adjustForOverdispersion) {
		List<Unit> usable = units.stream().filter(u -> u.denominator() > 0).toList();
		if (usable.isEmpty()) {
			return new Result(Double.NaN, 0, List.of(), List.of());
		}
		double target = usable.stream().mapToDouble(Unit::numerator).sum()
				/ usable.stream().mapToDouble(Unit::denominator).sum();
		double tau2 = adjustForOverdispersion ? tau2(usable, target) : 0;
		List<Placed> placed = new ArrayList<>();
		for (Unit unit : usable) {
			double n = unit.denominator();
			double l95 = limit(target, n, -Z95, tau2);
			double u95 = limit(target, n, Z95, tau2);
			double l998 = limit(target, n, -Z998, tau2);
			double u998 = limit(target, n, Z998, tau2);
			double p = unit.proportion();
			Position position = p > u998 ? Position.ABOVE_998 : p < l998 ? Position.BELOW_998
					: p > u95 ? Position.ABOVE_95 : p < l95 ? Position.BELOW_95 : Position.WITHIN;
			placed.add(new Placed(unit, p, l95, u95, l998, u998, position));
		}
		double maxN = usable.stream().mapToDouble(Unit::denominator).max().orElse(1) * 1.1;
		double minN = Math.max(1, usable.stream().mapToDouble(Unit::denominator).min().orElse(1) * 0.9);
		List<LimitPoint> curve = new ArrayList<>();
		int steps = 60;
		for (int i = 0; i <= steps; i++) {
			double n = minN * Math.pow(maxN / minN, (double) i / steps);
			curve.add(new LimitPoint(n, limit(target, n, -Z95, tau2), limit(target, n, Z95, tau2),
					limit(target, n, -Z998, tau2), limit(target, n, Z998, tau2)));
		}
		return new Result(target, tau2, placed, curve);
	}

	/** sin(asin(√θ₀) ± z·√(1/(4n) + τ²))², truncated to [0, 1]. */
	static double limit(double target, double n, double z, double tau2) {
		double angle = Math.asin(Math.sqrt(target)) + z * Math.sqrt(1 / (4 * n) + tau2);
		if (angle <= 0) {
			return 0;
		}
		if (angle >= Math.PI / 2) {
			return 1;
		}
		double s = Math.sin(angle);
		return s * s;
	}

	/** τ² from winsorised z-scores on the arcsine scale (DerSimonian-Laird style, as FunnelPlotR). */
	static double tau2(List<Unit> units, double target) {
		int count = units.size();
		if (count < 2) {
			return 0;
		}
		double transformedTarget = Math.asin(Math.sqrt(target));
		double[] z = new double[count];
		double[] w = new double[count];
		for (int i = 0; i < count; i++) {
			Unit unit = units.get(i);
			double s = 1 / (2 * Math.sqrt(unit.denominator()));
			z[i] = (Math.asin(Math.sqrt(unit.proportion())) - transformedTarget) / s;
			w[i] = 1 / (s * s);
		}
		double low = quantile(z, 0.1);
		double high = quantile(z, 0.9);
		double phi = 0;
		for (double zi : z) {
			double clamped = Math.max(low, Math.min(high, zi));
			phi += clamped * clamped;
		}
		phi /= count;
		if (count * phi < count - 1) {
			return 0;
		}
		double sumW = Arrays.stream(w).sum();
		double sumW2 = Arrays.stream(w).map(x -> x * x).sum();
		return Math.max(0, (count * phi - (count - 1)) / (sumW - sumW2 / sumW));
	}

	/** R's default quantile (type 7): linear interpolation between order statistics. */
	static double quantile(double[] values, double p) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		double h = (sorted.length - 1) * p;
		int lower = (int) Math.floor(h);
		int upper = Math.min(lower + 1, sorted.length - 1);
		return sorted[lower] + (h - lower) * (sorted[upper] - sorted[lower]);
	}
}
