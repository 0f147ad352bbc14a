package org.careqms.indicators.spc;

import java.util.ArrayList;
import java.util.List;

import org.careqms.indicators.spc.SpcEngine.Lines;
import org.careqms.indicators.spc.SpcEngine.Segment;
import org.careqms.indicators.spc.SpcEngine.Series;

/**
 * Centre line and limits of each qicharts2 chart over one part (spc-spec.md, "centre line and limits
 * per chart"). Every sum and mean runs over the part's base set (baseline and not excluded) and skips
 * missing values; lines are drawn for every point of the part.
 */
final class ShewhartCharts {

	private static final double T_POWER = 3.6;

	private ShewhartCharts() {
	}

	static void calculate(Chart chart, Segment part, Lines lines) {
		switch (chart) {
			case RUN -> run(part, lines);
			case I -> individuals(part, part.series().y, lines);
			case MR -> movingRanges(part, lines);
			case XBAR -> means(part, lines);
			case S -> deviations(part, lines);
			case T -> timeBetween(part, lines);
			case P -> proportions(part, lines, false);
			case PP -> proportions(part, lines, true);
			case C -> counts(part, lines);
			case U -> rates(part, lines, false);
			case UP -> rates(part, lines, true);
			case G -> unitsBetween(part, lines);
			default -> throw new IllegalArgumentException("Not a qicharts2 chart: " + chart);
		}
	}

	private static void run(Segment part, Lines lines) {
		double centre = Stats.median(inBase(part, part.series().y));
		for (int i = part.from(); i <= part.to(); i++) {
			lines.value[i] = part.series().y[i];
			lines.centre[i] = centre;
		}
	}

	/** XmR individuals: mean, σ = AMR/1.128 over the base points in sequence (gaps bridged). */
	private static void individuals(Segment part, double[] y, Lines lines) {
		double centre = Stats.mean(inBase(part, y));
		double[] deviations = inBase(part, y);
		for (int k = 0; k < deviations.length; k++) {
			deviations[k] = deviations[k] - centre;
		}
		double sigma = Stats.averageMovingRange(deviations, part.screen()) / Stats.D2;
		for (int i = part.from(); i <= part.to(); i++) {
			lines.value[i] = y[i];
			setLines(lines, i, centre, sigma);
		}
	}

	/** MR chart: each point's range to its predecessor within the part; no screening. */
	private static void movingRanges(Segment part, Lines lines) {
		double[] y = part.series().y;
		for (int i = part.from() + 1; i <= part.to(); i++) {
			lines.value[i] = Math.abs(y[i] - y[i - 1]);
		}
		// an excluded point drops its own range only, unlike the I chart's bridging
		double centre = Stats.mean(inBase(part, lines.value));
		for (int i = part.from(); i <= part.to(); i++) {
			lines.centre[i] = centre;
			lines.upper[i] = Stats.D4 * centre;
			lines.upper95[i] = (Stats.D4 / 3) * 2 * centre;
			lines.lower[i] = 0;
			lines.lower95[i] = 0;
		}
	}

	private static void means(Segment part, Lines lines) {
		Series s = part.series();
		double weighted = 0;
		double sizes = 0;
		for (int i = part.from(); i <= part.to(); i++) {
			if (part.inBase(i) && s.size[i] > 0) {
				weighted += s.size[i] * s.mean[i];
				sizes += s.size[i];
			}
		}
		double centre = weighted / sizes;
		double sigma = subgroupSigma(part);
		for (int i = part.from(); i <= part.to(); i++) {
			lines.value[i] = s.mean[i];
			lines.centre[i] = centre;
			lines.upper[i] = centre + Stats.a3(s.size[i], 3) * sigma;
			lines.lower[i] = centre - Stats.a3(s.size[i], 3) * sigma;
			lines.upper95[i] = centre + Stats.a3(s.size[i], 2) * sigma;
			lines.lower95[i] = centre - Stats.a3(s.size[i], 2) * sigma;
		}
	}

	private static void deviations(Segment part, Lines lines) {
		Series s = part.series();
		double centre = subgroupSigma(part);
		for (int i = part.from(); i <= part.to(); i++) {
			lines.value[i] = s.sd[i];
			lines.centre[i] = centre;
			lines.upper[i] = Stats.b4(s.size[i], 3) * centre;
			lines.lower[i] = Stats.b3(s.size[i], 3) * centre;
			lines.upper95[i] = Stats.b4(s.size[i], 2) * centre;
			lines.lower95[i] = Stats.b3(s.size[i], 2) * centre;
		}
	}

	/**
	 * σ̂ of subgroup data: pooled √(Σ(n−1)s²/Σ(n−1)) when subgroup sizes differ anywhere in the part,
	 * otherwise the mean of s. Empty subgroups (missing points) do not count as a different size.
	 */
	private static double subgroupSigma(Segment part) {
		Series s = part.series();
		double firstSize = Double.NaN;
		boolean variable = false;
		for (int i = part.from(); i <= part.to(); i++) {
			if (s.size[i] > 0) {
				if (Double.isNaN(firstSize)) {
					firstSize = s.size[i];
				}
				else if (s.size[i] != firstSize) {
					variable = true;
				}
			}
		}
		if (!variable) {
			return Stats.mean(inBase(part, s.sd));
		}
		double squares = 0;
		double degrees = 0;
		for (int i = part.from(); i <= part.to(); i++) {
			if (part.inBase(i) && s.size[i] > 0) {
				if (Stats.present(s.sd[i])) {
					squares += (s.size[i] - 1) * s.sd[i] * s.sd[i];
				}
				degrees += s.size[i] - 1;
			}
		}
		return Math.sqrt(squares / degrees);
	}

	/** t chart: the I chart of y^(1/3.6), raised back to the power 3.6; a negative LCL becomes 0. */
	private static void timeBetween(Segment part, Lines lines) {
		double[] y = part.series().y;
		double[] transformed = new double[y.length];
		for (int i = part.from(); i <= part.to(); i++) {
			transformed[i] = Math.pow(y[i], 1 / T_POWER);
		}
		individuals(part, transformed, lines);
		for (int i = part.from(); i <= part.to(); i++) {
			lines.value[i] = Math.pow(lines.value[i], T_POWER);
			lines.centre[i] = Math.pow(lines.centre[i], T_POWER);
			lines.upper[i] = Math.pow(lines.upper[i], T_POWER);
			lines.upper95[i] = Math.pow(lines.upper95[i], T_POWER);
			lines.lower[i] = lines.lower[i] < 0 ? 0 : Math.pow(lines.lower[i], T_POWER);
			lines.lower95[i] = lines.lower95[i] < 0 ? 0 : Math.pow(lines.lower95[i], T_POWER);
		}
	}

	/** p (and Laney p′): Σnumerators/Σdenominators, σ_i = √(p(1−p)/n_i); limits within [0, 1]. */
	private static void proportions(Segment part, Lines lines, boolean laney) {
		Series s = part.series();
		double centre = ratioOfSums(part);
		double[] sigma = new double[s.size()];
		for (int i = part.from(); i <= part.to(); i++) {
			sigma[i] = Math.sqrt(centre * (1 - centre) / s.n[i]);
		}
		double factor = laney ? laneyFactor(part, centre, sigma) : 1;
		for (int i = part.from(); i <= part.to(); i++) {
			lines.value[i] = s.y[i];
			setLines(lines, i, centre, sigma[i] * factor);
			lines.upper[i] = capAtOne(lines.upper[i]);
			lines.upper95[i] = capAtOne(lines.upper95[i]);
			lines.lower[i] = floorAtZero(lines.lower[i]);
			lines.lower95[i] = floorAtZero(lines.lower95[i]);
		}
	}

	/** c: the count, mean over base, σ = √CL; LCL floored at 0. */
	private static void counts(Segment part, Lines lines) {
		Series s = part.series();
		double centre = Stats.mean(inBase(part, s.count));
		double sigma = Math.sqrt(centre);
		for (int i = part.from(); i <= part.to(); i++) {
			lines.value[i] = s.count[i];
			setLines(lines, i, centre, sigma);
			lines.lower[i] = floorAtZero(lines.lower[i]);
			lines.lower95[i] = floorAtZero(lines.lower95[i]);
		}
	}

	/** u (and Laney u′): Σcounts/Σexposure, σ_i = √(u/n_i); LCL floored at 0, no upper cap. */
	private static void rates(Segment part, Lines lines, boolean laney) {
		Series s = part.series();
		double centre = ratioOfSums(part);
		double[] sigma = new double[s.size()];
		for (int i = part.from(); i <= part.to(); i++) {
			sigma[i] = Math.sqrt(centre / s.n[i]);
		}
		double factor = laney ? laneyFactor(part, centre, sigma) : 1;
		for (int i = part.from(); i <= part.to(); i++) {
			lines.value[i] = s.y[i];
			setLines(lines, i, centre, sigma[i] * factor);
			lines.lower[i] = floorAtZero(lines.lower[i]);
			lines.lower95[i] = floorAtZero(lines.lower95[i]);
		}
	}

	/**
	 * g: limits from the mean m with σ = √(m(m+1)), LCL = max(0, m − 3σ); the displayed centre line
	 * (and the runs analysis) uses the median.
	 */
	private static void unitsBetween(Segment part, Lines lines) {
		double[] y = part.series().y;
		double mean = Stats.mean(inBase(part, y));
		double median = Stats.median(inBase(part, y));
		double sigma = Math.sqrt(mean * (mean + 1));
		for (int i = part.from(); i <= part.to(); i++) {
			lines.value[i] = y[i];
			setLines(lines, i, mean, sigma);
			lines.lower[i] = floorAtZero(lines.lower[i]);
			lines.lower95[i] = floorAtZero(lines.lower95[i]);
			lines.centre[i] = median;
		}
	}

	/**
	 * Laney's σ_z: AMR of the successive base z-scores z_i = (y_i − CL)/σ_i, divided by 1.128, with
	 * the same moving-range screening as the I chart.
	 */
	private static double laneyFactor(Segment part, double centre, double[] sigma) {
		List<Double> z = new ArrayList<>();
		for (int i = part.from(); i <= part.to(); i++) {
			if (part.inBase(i)) {
				z.add((part.series().y[i] - centre) / sigma[i]);
			}
		}
		return Stats.averageMovingRange(z.stream().mapToDouble(Double::doubleValue).toArray(), part.screen())
				/ Stats.D2;
	}

	private static double ratioOfSums(Segment part) {
		Series s = part.series();
		double counts = 0;
		double exposure = 0;
		for (int i = part.from(); i <= part.to(); i++) {
			if (part.inBase(i) && Stats.present(s.count[i]) && Stats.present(s.n[i])) {
				counts += s.count[i];
				exposure += s.n[i];
			}
		}
		return counts / exposure;
	}

	private static void setLines(Lines lines, int i, double centre, double sigma) {
		lines.centre[i] = centre;
		lines.upper[i] = centre + 3 * sigma;
		lines.lower[i] = centre - 3 * sigma;
		lines.upper95[i] = centre + 2 * sigma;
		lines.lower95[i] = centre - 2 * sigma;
	}

	/** The values of the part's base points in order, missing ones kept as {@code NaN}. */
	private static double[] inBase(Segment part, double[] values) {
		int count = 0;
		for (int i = part.from(); i <= part.to(); i++) {
			if (part.inBase(i)) {
				count++;
			}
		}
		double[] selected = new double[count];
		int k = 0;
		for (int i = part.from(); i <= part.to(); i++) {
			if (part.inBase(i)) {
				selected[k++] = values[i];
			}
		}
		return selected;
	}

	private static double capAtOne(double limit) {
		return limit > 1 && Double.isFinite(limit) ? 1 : limit;
	}

	private static double floorAtZero(double limit) {
		return limit < 0 && Double.isFinite(limit) ? 0 : limit;
	}
}
