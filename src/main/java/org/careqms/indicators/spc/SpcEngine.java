package org.careqms.indicators.spc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Statistical process control as qicharts2 0.8.1 computes it (spc-spec.md): points, parts, baseline
 * and exclusions; centre line and limits per chart; the 3-sigma signal and Anhøj's runs analysis per
 * part. "Making Data Count" charts go to {@link MdcXmr}. Stateless and thread-safe.
 */
public final class SpcEngine {

	/** A chart needs at least this many points. */
	public static final int MIN_POINTS = 2;

	/** Requests beyond this many points are refused rather than tying up the server. */
	public static final int MAX_POINTS = 100_000;

	/** At most this many measurements over all subgroups of an xbar or s chart. */
	public static final int MAX_MEASUREMENTS = 1_000_000;

	/**
	 * Analyses a qicharts2 chart; {@link Chart#XMR_MDC} is charted as an {@link MdcRequest} of the
	 * values with its defaults (in order, improvement upwards, no target, one group).
	 *
	 * @throws org.careqms.platform.InvalidInputException when the request cannot be honoured
	 */
	public SpcResult analyze(SpcRequest request) {
		Problems problems = new Problems();
		Chart chart = request.chart();
		if (chart == null) {
			problems.add("chart", "error.spc.chart.required");
			problems.throwIfAny();
		}
		if (chart == Chart.XMR_MDC) {
			return analyze(new MdcRequest(request.values(), null, null, null, null, null, request.screenMovingRanges()));
		}
		Series series = chart.usesSubgroups() ? subgroupSeries(request, problems) : valueSeries(request, problems);
		problems.throwIfAny();
		int n = series.size();
		List<Integer> breaks = positions(request.breaks(), "breaks", 1, n - 1, problems);
		List<Integer> exclude = positions(request.exclude(), "exclude", 1, n, problems);
		if (request.freeze() != null && (request.freeze() < 1 || request.freeze() > n)) {
			problems.add("freeze", "error.spc.position.out-of-range", 1, n);
		}
		if (!Double.isFinite(request.multiply()) || request.multiply() <= 0) {
			problems.add("multiply", "error.spc.multiply.invalid");
		}
		problems.throwIfAny();

		boolean[] baseline = new boolean[n];
		boolean[] included = new boolean[n];
		// with parts, freeze is ignored (qicharts2)
		int freeze = breaks.isEmpty() && request.freeze() != null ? request.freeze() : n;
		for (int i = 0; i < n; i++) {
			baseline[i] = i < freeze;
			included[i] = true;
		}
		exclude.forEach(position -> included[position - 1] = false);
		boolean[] base = new boolean[n];
		for (int i = 0; i < n; i++) {
			base[i] = baseline[i] && included[i];
		}

		Lines lines = new Lines(n);
		List<int[]> ranges = parts(breaks, n);
		List<Part> parts = new ArrayList<>();
		int[] partOf = new int[n];
		for (int p = 0; p < ranges.size(); p++) {
			int from = ranges.get(p)[0];
			int to = ranges.get(p)[1];
			ShewhartCharts.calculate(chart, new Segment(series, from, to, base, request.screenMovingRanges()), lines);
			lines.dropNonFinite(from, to);
			AnhoejRuns.Result runs = AnhoejRuns.analyze(Arrays.copyOfRange(lines.value, from, to + 1),
					Arrays.copyOfRange(lines.centre, from, to + 1), Arrays.copyOfRange(included, from, to + 1));
			// qicharts2 reports the run statistics of an MR chart but never its signal
			boolean signal = chart != Chart.MR && runs.signal();
			parts.add(new Part(p + 1, from + 1, to + 1, runs, signal, null, null, null));
			for (int i = from; i <= to; i++) {
				partOf[i] = p;
			}
		}

		double m = request.multiply();
		List<Point> points = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			// signals are decided before multiply, so scaling can never change them
			boolean sigma = lines.value[i] > lines.upper[i] || lines.value[i] < lines.lower[i];
			points.add(new Point(i + 1, number(lines.value[i] * m), number(lines.centre[i] * m),
					number(lines.lower[i] * m), number(lines.upper[i] * m), number(lines.lower95[i] * m),
					number(lines.upper95[i] * m), sigma, parts.get(partOf[i]).runsSignal(), partOf[i] + 1, baseline[i],
					included[i], null, null, null));
		}
		return new SpcResult(chart, points, parts);
	}

	/**
	 * Analyses a "Making Data Count" XmR chart.
	 *
	 * @throws org.careqms.platform.InvalidInputException when the request cannot be honoured
	 */
	public SpcResult analyze(MdcRequest request) {
		return MdcXmr.analyze(request);
	}

	/** A finite number, or {@code null} for a missing one. */
	static Double number(double x) {
		return Double.isFinite(x) ? x : null;
	}

	private static Series valueSeries(SpcRequest request, Problems problems) {
		Chart chart = request.chart();
		List<Double> values = request.values();
		if (values == null) {
			problems.add("values", "error.spc.values.required");
			return null;
		}
		int n = values.size();
		if (!pointCount("values", n, problems)) {
			return null;
		}
		List<Double> denominators = request.denominators();
		if (denominators == null && chart.needsDenominators()) {
			problems.add("denominators", "error.spc.denominators.required");
			return null;
		}
		if (denominators != null && denominators.size() != n) {
			problems.add("denominators", "error.spc.length", n);
			return null;
		}
		Series series = new Series(n);
		for (int i = 0; i < n; i++) {
			Double value = values.get(i);
			Double denominator = denominators == null ? null : denominators.get(i);
			boolean valid = true;
			if (value != null && !Double.isFinite(value)) {
				problems.add("values[" + i + "]", "error.spc.value.not-finite");
				valid = false;
			}
			if (denominator != null && !(Double.isFinite(denominator) && denominator > 0)) {
				problems.add("denominators[" + i + "]", "error.spc.denominator.not-positive");
				valid = false;
			}
			if (!valid || value == null || (denominators != null && denominator == null)) {
				// if either y or n is missing, both are (qicharts2)
				continue;
			}
			if (chart == Chart.T && value <= 0) {
				problems.add("values[" + i + "]", "error.spc.value.not-positive");
			}
			else if (chart.countsEvents() && value < 0) {
				problems.add("values[" + i + "]", "error.spc.value.negative");
			}
			else if ((chart == Chart.P || chart == Chart.PP) && value > denominator) {
				problems.add("values[" + i + "]", "error.spc.value.exceeds-denominator");
			}
			series.count[i] = value;
			series.n[i] = denominator == null ? Double.NaN : denominator;
			series.y[i] = denominator == null || chart == Chart.C ? value : value / denominator;
		}
		return series;
	}

	private static Series subgroupSeries(SpcRequest request, Problems problems) {
		List<List<Double>> subgroups = request.subgroups();
		if (subgroups == null) {
			problems.add("subgroups", "error.spc.subgroups.required");
			return null;
		}
		int n = subgroups.size();
		if (!pointCount("subgroups", n, problems)) {
			return null;
		}
		long measurements = subgroups.stream().mapToLong(s -> s == null ? 0 : s.size()).sum();
		if (measurements > MAX_MEASUREMENTS) {
			problems.add("subgroups", "error.spc.subgroups.too-many", MAX_MEASUREMENTS);
			return null;
		}
		Series series = new Series(n);
		for (int i = 0; i < n; i++) {
			List<Double> subgroup = subgroups.get(i);
			List<Double> present = new ArrayList<>();
			if (subgroup != null) {
				for (int j = 0; j < subgroup.size(); j++) {
					Double x = subgroup.get(j);
					if (x != null && !Double.isFinite(x)) {
						problems.add("subgroups[" + i + "][" + j + "]", "error.spc.value.not-finite");
					}
					else if (x != null) {
						present.add(x);
					}
				}
			}
			double[] measured = present.stream().mapToDouble(Double::doubleValue).toArray();
			series.size[i] = measured.length;
			series.mean[i] = Stats.mean(measured);
			series.sd[i] = Stats.sd(measured);
			series.y[i] = request.chart() == Chart.XBAR ? series.mean[i] : series.sd[i];
		}
		return series;
	}

	private static boolean pointCount(String field, int n, Problems problems) {
		if (n < MIN_POINTS) {
			problems.add(field, "error.spc.points.too-few", MIN_POINTS);
			return false;
		}
		if (n > MAX_POINTS) {
			problems.add(field, "error.spc.points.too-many", MAX_POINTS);
			return false;
		}
		return true;
	}

	/** 1-based positions between {@code min} and {@code max}, sorted and without repeats. */
	static List<Integer> positions(List<Integer> given, String field, int min, int max, Problems problems) {
		TreeSet<Integer> positions = new TreeSet<>();
		if (given == null) {
			return List.of();
		}
		if (given.size() > MAX_POINTS) {
			problems.add(field, "error.spc.points.too-many", MAX_POINTS);
			return List.of();
		}
		for (int k = 0; k < given.size(); k++) {
			Integer position = given.get(k);
			if (position == null || position < min || position > max) {
				problems.add(field + "[" + k + "]", "error.spc.position.out-of-range", min, max);
			}
			else {
				positions.add(position);
			}
		}
		return List.copyOf(positions);
	}

	/** Inclusive 0-based index ranges of the parts: a new part starts after each break. */
	private static List<int[]> parts(List<Integer> breaks, int n) {
		List<int[]> ranges = new ArrayList<>();
		int from = 0;
		for (int after : breaks) {
			ranges.add(new int[] { from, after - 1 });
			from = after;
		}
		ranges.add(new int[] { from, n - 1 });
		return ranges;
	}

	/** The points of a chart after subgrouping; {@code NaN} marks a missing number. */
	static final class Series {

		/** The point's value before any chart transform: y, y/n, a subgroup mean or sd. */
		final double[] y;
		/** The numerator (qicharts2's y.sum). */
		final double[] count;
		/** The denominator, missing when none was given. */
		final double[] n;
		/** Subgroup size, mean and sd for xbar and s. */
		final double[] size;
		final double[] mean;
		final double[] sd;

		Series(int points) {
			y = filled(points);
			count = filled(points);
			n = filled(points);
			size = new double[points];
			mean = filled(points);
			sd = filled(points);
		}

		int size() {
			return y.length;
		}

		private static double[] filled(int points) {
			double[] array = new double[points];
			Arrays.fill(array, Double.NaN);
			return array;
		}
	}

	/** One part of a series: indexes from..to inclusive, the base set, the screening option. */
	record Segment(Series series, int from, int to, boolean[] base, boolean screen) {

		boolean inBase(int i) {
			return base[i];
		}
	}

	/** The chart's lines for every point, {@code NaN} where missing. */
	static final class Lines {

		final double[] value;
		final double[] centre;
		final double[] lower;
		final double[] upper;
		final double[] lower95;
		final double[] upper95;

		Lines(int points) {
			value = Series.filled(points);
			centre = Series.filled(points);
			lower = Series.filled(points);
			upper = Series.filled(points);
			lower95 = Series.filled(points);
			upper95 = Series.filled(points);
		}

		/** Infinite limits are no limits (qicharts2 removes non-finite control lines). */
		void dropNonFinite(int from, int to) {
			for (double[] line : List.of(value, centre, lower, upper, lower95, upper95)) {
				for (int i = from; i <= to; i++) {
					if (!Double.isFinite(line[i])) {
						line[i] = Double.NaN;
					}
				}
			}
		}
	}
}
