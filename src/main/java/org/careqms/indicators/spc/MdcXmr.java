package org.careqms.indicators.spc;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * NHS England's "Making Data Count" XmR chart as NHSRplotthedots 0.2.2 computes it (spc-spec.md):
 * limits mean ± 2.66·AMR per group, the four special-cause rules in order of precedence, point
 * types, and the variation and assurance icons.
 */
final class MdcXmr {

	/** E2 as NHS England rounds it (qicharts2's 3/1.128 = 2.6596 differs slightly). */
	static final double LIMIT = 2.66;

	/** fixAfterPoints must be at least this. */
	static final int MIN_FIX_AFTER = 12;

	/** Groups shorter than this carry a warning (the package's default, though its message says 12). */
	static final int SHORT_GROUP = 13;

	/** Points in a trend or a shift. */
	static final int RUN = 7;

	private MdcXmr() {
	}

	static SpcResult analyze(MdcRequest request) {
		Problems problems = new Problems();
		double[] input = values(request.values(), problems);
		problems.throwIfAny();
		int n = input.length;
		List<LocalDate> dates = request.dates();
		if (dates != null) {
			if (dates.size() != n) {
				problems.add("dates", "error.spc.length", n);
			}
			else {
				Set<LocalDate> seen = new HashSet<>();
				for (int i = 0; i < n; i++) {
					if (dates.get(i) == null) {
						problems.add("dates[" + i + "]", "error.spc.date.required");
					}
					else if (!seen.add(dates.get(i))) {
						problems.add("dates[" + i + "]", "error.spc.date.duplicate");
					}
				}
			}
		}
		if (request.target() != null && !Double.isFinite(request.target())) {
			problems.add("target", "error.spc.value.not-finite");
		}
		List<Integer> rebase = SpcEngine.positions(request.rebase(), "rebase", 1, n, problems);
		if (request.fixAfterPoints() != null && request.fixAfterPoints() < MIN_FIX_AFTER) {
			problems.add("fixAfterPoints", "error.spc.fix-after.too-small", MIN_FIX_AFTER);
		}
		problems.throwIfAny();

		// points are charted in date order; a rebase flag travels with its point
		Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
		if (dates != null) {
			Arrays.sort(order, Comparator.comparing(dates::get));
		}
		boolean[] rebased = new boolean[n];
		rebase.forEach(position -> rebased[position - 1] = true);
		double[] y = new double[n];
		for (int k = 0; k < n; k++) {
			y[k] = input[order[k]];
		}

		List<Point> points = new ArrayList<>(n);
		List<Part> parts = new ArrayList<>();
		int from = 0;
		for (int k = 1; k <= n; k++) {
			if (k == n || rebased[order[k]]) {
				Group group = new Group(Arrays.copyOfRange(y, from, k), request);
				parts.add(group.describe(parts.size() + 1, from, request));
				for (int j = 0; j < group.size(); j++) {
					int position = order[from + j];
					points.add(group.point(j, position + 1, parts.size(), dates == null ? null : dates.get(position)));
				}
				from = k;
			}
		}
		return new SpcResult(Chart.XMR_MDC, points, parts);
	}

	private static double[] values(List<Double> values, Problems problems) {
		if (values == null) {
			problems.add("values", "error.spc.values.required");
			return new double[0];
		}
		if (values.size() < SpcEngine.MIN_POINTS) {
			problems.add("values", "error.spc.points.too-few", SpcEngine.MIN_POINTS);
		}
		if (values.size() > SpcEngine.MAX_POINTS) {
			problems.add("values", "error.spc.points.too-many", SpcEngine.MAX_POINTS);
			return new double[0];
		}
		double[] y = new double[values.size()];
		for (int i = 0; i < y.length; i++) {
			Double value = values.get(i);
			if (value == null) {
				// the package's trend rule cannot handle a gap
				problems.add("values[" + i + "]", "error.spc.value.required");
			}
			else if (!Double.isFinite(value)) {
				problems.add("values[" + i + "]", "error.spc.value.not-finite");
			}
			else {
				y[i] = value;
			}
		}
		return y;
	}

	/** One group between rebases: its limits, per-point flags and special causes. */
	private static final class Group {

		private final double[] y;
		private final int fixed;
		private final double mean;
		private final double upper;
		private final double lower;
		private final double nearUpper;
		private final double nearLower;
		private final boolean[] outside;
		private final int[] side;
		private final boolean[] close;
		private final SpecialCause[] causes;
		private final PointType[] types;

		Group(double[] y, MdcRequest request) {
			this.y = y;
			int g = y.length;
			fixed = request.fixAfterPoints() == null ? g : Math.min(g, request.fixAfterPoints());
			double[] fixedY = Arrays.copyOf(y, fixed);
			mean = Stats.mean(fixedY);
			double amr = Stats.averageMovingRange(fixedY, request.screenOutliers());
			upper = mean + LIMIT * amr;
			lower = mean - LIMIT * amr;
			nearUpper = mean + (2 * LIMIT / 3) * amr;
			nearLower = mean - (2 * LIMIT / 3) * amr;
			outside = new boolean[g];
			side = new int[g];
			close = new boolean[g];
			for (int j = 0; j < g; j++) {
				outside[j] = y[j] > upper || y[j] < lower;
				side[j] = (int) Math.signum(y[j] - mean);
				close[j] = !outside[j] && (y[j] > nearUpper || y[j] < nearLower);
			}
			causes = specialCauses();
			types = new PointType[g];
			for (int j = 0; j < g; j++) {
				types[j] = PointType.of(causes[j], request.improvement());
			}
		}

		int size() {
			return y.length;
		}

		private SpecialCause[] specialCauses() {
			int g = y.length;
			boolean[] trend = partOfRun(trendEnds());
			boolean[] twoOfThree = twoOfThree();
			boolean[] shift = partOfRun(shiftEnds());
			SpecialCause[] result = new SpecialCause[g];
			for (int j = 0; j < g; j++) {
				if (outside[j]) {
					result[j] = side[j] == 1 ? SpecialCause.ABOVE_UCL : SpecialCause.BELOW_LCL;
				}
				else if (trend[j]) {
					// the step to the next point if it is in a trend too, else the step from the previous;
					// a flat step reads as decreasing, as in the package
					double step = j + 1 < g && trend[j + 1] ? y[j + 1] - y[j] : j > 0 ? y[j] - y[j - 1] : 0;
					result[j] = step > 0 ? SpecialCause.TREND_UP : SpecialCause.TREND_DOWN;
				}
				else if (twoOfThree[j]) {
					result[j] = side[j] > 0 ? SpecialCause.TWO_OF_THREE_ABOVE : SpecialCause.TWO_OF_THREE_BELOW;
				}
				else if (shift[j]) {
					result[j] = side[j] > 0 ? SpecialCause.SHIFT_ABOVE : SpecialCause.SHIFT_BELOW;
				}
				else {
					result[j] = SpecialCause.COMMON_CAUSE;
				}
			}
			return result;
		}

		/** Points ending 7 in a row each strictly higher (or each strictly lower) than the one before. */
		private boolean[] trendEnds() {
			boolean[] ends = new boolean[y.length];
			for (int j = RUN - 1; j < y.length; j++) {
				boolean rising = true;
				boolean falling = true;
				for (int k = j - RUN + 2; k <= j; k++) {
					rising &= y[k] > y[k - 1];
					falling &= y[k] < y[k - 1];
				}
				ends[j] = rising || falling;
			}
			return ends;
		}

		/** Points ending 7 in a row on the same side of the mean; a point on the mean breaks the run. */
		private boolean[] shiftEnds() {
			boolean[] ends = new boolean[y.length];
			for (int j = RUN - 1; j < y.length; j++) {
				boolean same = side[j] != 0;
				for (int k = j - RUN + 1; k < j && same; k++) {
					same = side[k] == side[j];
				}
				ends[j] = same;
			}
			return ends;
		}

		/** Every point of a run: the point itself or one of the next 6 ends a run of 7. */
		private static boolean[] partOfRun(boolean[] ends) {
			boolean[] part = new boolean[ends.length];
			for (int j = 0; j < ends.length; j++) {
				for (int k = j; k < Math.min(ends.length, j + RUN) && !part[j]; k++) {
					part[j] = ends[k];
				}
			}
			return part;
		}

		/**
		 * A close point in a window of 3 consecutive points with at least 2 close to a limit and all 3
		 * on the same side of the mean.
		 */
		private boolean[] twoOfThree() {
			int g = y.length;
			boolean[] flagged = new boolean[g];
			for (int start = 0; start + 2 < g; start++) {
				int closeCount = 0;
				for (int k = start; k < start + 3; k++) {
					closeCount += close[k] ? 1 : 0;
				}
				boolean sameSide = side[start] != 0 && side[start + 1] == side[start] && side[start + 2] == side[start];
				if (closeCount >= 2 && sameSide) {
					for (int k = start; k < start + 3; k++) {
						flagged[k] |= close[k];
					}
				}
			}
			return flagged;
		}

		Point point(int j, int position, int part, LocalDate date) {
			return new Point(position, y[j], SpcEngine.number(mean), SpcEngine.number(lower),
					SpcEngine.number(upper), SpcEngine.number(nearLower), SpcEngine.number(nearUpper), outside[j],
					causes[j].isPattern(), part, j < fixed, true, causes[j], types[j], date);
		}

		Part describe(int number, int from, MdcRequest request) {
			boolean pattern = Arrays.stream(causes).anyMatch(SpecialCause::isPattern);
			return new Part(number, from + 1, from + y.length, null, pattern, types[y.length - 1], assurance(request),
					y.length < SHORT_GROUP);
		}

		/** Target against the limits of the group's last point; none without a target or direction. */
		private Assurance assurance(MdcRequest request) {
			if (request.target() == null || request.improvement() == Improvement.NEUTRAL) {
				return null;
			}
			boolean increase = request.improvement() == Improvement.INCREASE;
			double target = request.target();
			if (target > upper) {
				return increase ? Assurance.CONSISTENT_FAIL : Assurance.CONSISTENT_PASS;
			}
			if (target < lower) {
				return increase ? Assurance.CONSISTENT_PASS : Assurance.CONSISTENT_FAIL;
			}
			return Assurance.INCONSISTENT;
		}
	}
}
