package org.careqms.indicators.spc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.careqms.indicators.spc.ShewhartChartsTests.values;
import static org.careqms.indicators.spc.SpecialCause.ABOVE_UCL;
import static org.careqms.indicators.spc.SpecialCause.BELOW_LCL;
import static org.careqms.indicators.spc.SpecialCause.COMMON_CAUSE;
import static org.careqms.indicators.spc.SpecialCause.SHIFT_ABOVE;
import static org.careqms.indicators.spc.SpecialCause.TREND_DOWN;
import static org.careqms.indicators.spc.SpecialCause.TREND_UP;
import static org.careqms.indicators.spc.SpecialCause.TWO_OF_THREE_ABOVE;
import static org.careqms.indicators.spc.SpecialCause.TWO_OF_THREE_BELOW;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * NHS "Making Data Count" rules on designed data. Most series start with a 12-point baseline
 * 9 11 9 11 … and fix the limits after it: mean 10, every moving range 2 → AMR 2, so
 * UPL/LPL = 10 ± 2.66·2 = 15.32/4.68 and the near lines 10 ± (2/3)·5.32 = 13.546667/6.453333,
 * whatever follows.
 */
class MdcXmrTests {

	static final Offset<Double> EXACT = within(1e-9);

	final SpcEngine engine = new SpcEngine();

	static List<Double> baselineThen(Number... more) {
		List<Double> y = new ArrayList<>(values(9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 9, 11));
		y.addAll(values(more));
		return y;
	}

	private List<SpecialCause> causes(List<Double> y) {
		return engine.analyze(MdcRequest.of(y).withFixAfterPoints(12)).points().stream().map(Point::specialCause).toList();
	}

	/** The causes after the 12-point baseline (which is common cause in every series here). */
	private List<SpecialCause> causesAfterBaseline(Number... more) {
		List<SpecialCause> all = causes(baselineThen(more));
		assertThat(all.subList(0, 11)).containsOnly(COMMON_CAUSE);
		return all.subList(12, all.size());
	}

	@Test
	void limitsAreMeanPlusMinus266TimesTheAverageMovingRange() {
		SpcResult result = engine.analyze(MdcRequest.of(baselineThen()));
		Point p = result.points().get(0);
		assertThat(p.centerLine()).isCloseTo(10, EXACT);
		assertThat(p.ucl()).isCloseTo(15.32, EXACT);
		assertThat(p.lcl()).isCloseTo(4.68, EXACT);
		assertThat(p.ucl95()).isCloseTo(10 + 2 * 2.66 / 3 * 2, EXACT);
		assertThat(p.lcl95()).isCloseTo(10 - 2 * 2.66 / 3 * 2, EXACT);
	}

	@Test
	void screeningOutliersDropsLargeMovingRanges() {
		// 9 11 × 6 then 30: mean = 150/13 = 11.538462; MR = 2 × 11, 19 → AMR = 41/12 = 3.416667;
		// 19 ≥ 3.267·3.416667 = 11.16 is dropped → AMR 2; UPL = 11.538462 + 5.32
		List<Double> y = baselineThen(30);
		SpcResult screened = engine.analyze(MdcRequest.of(y));
		assertThat(screened.points().get(0).ucl()).isCloseTo(150.0 / 13 + 5.32, EXACT);
		SpcResult unscreened = engine.analyze(MdcRequest.of(y).withScreenOutliers(false));
		assertThat(unscreened.points().get(0).ucl()).isCloseTo(150.0 / 13 + 2.66 * 41 / 12, EXACT);
		assertThat(screened.points().get(12).specialCause()).isEqualTo(ABOVE_UCL);
	}

	@Test
	void fixAfterPointsTakesLimitsFromTheFirstPointsOnly() {
		SpcResult result = engine.analyze(MdcRequest.of(baselineThen(14, 14, 14, 14)).withFixAfterPoints(12));
		assertThat(result.points()).allSatisfy(p -> {
			assertThat(p.centerLine()).isCloseTo(10, EXACT);
			assertThat(p.ucl()).isCloseTo(15.32, EXACT);
		});
		assertThat(result.points()).extracting(Point::baseline).containsExactly(true, true, true, true, true, true, true,
				true, true, true, true, true, false, false, false, false);
		// the rules still look at every point: 14 14 14 are all close and above → two of three
		assertThat(result.points().get(15).specialCause()).isEqualTo(TWO_OF_THREE_ABOVE);
	}

	@Test
	void pointsOutsideTheLimitsAreLabelledByTheirSide() {
		assertThat(causesAfterBaseline(16, 10, 4)).containsExactly(ABOVE_UCL, COMMON_CAUSE, BELOW_LCL);
		// 15.32 itself is not outside (strictly greater is)
		assertThat(causesAfterBaseline(15.32, 10)).containsExactly(COMMON_CAUSE, COMMON_CAUSE);
	}

	@Test
	void aTrendNeedsSevenPointsEachStrictlyBeyondTheLast() {
		// 11 → 8 falls, then 8 … 13.5 are 7 points each higher than the last (6 steps): a trend of exactly 7
		assertThat(causesAfterBaseline(8, 9, 10, 11, 12, 13, 13.5, 9)).containsExactly(TREND_UP, TREND_UP, TREND_UP,
				TREND_UP, TREND_UP, TREND_UP, TREND_UP, COMMON_CAUSE);
		// 6 rising points (5 steps) are no trend
		assertThat(causesAfterBaseline(8, 9, 10, 11, 12, 13, 9)).containsOnly(COMMON_CAUSE);
		// an equal neighbour breaks the trend
		assertThat(causesAfterBaseline(8, 9, 10, 10, 11, 12, 13, 13.5, 9)).containsOnly(COMMON_CAUSE);
		// falling
		assertThat(causesAfterBaseline(13, 12, 11, 10, 9, 8, 7, 11)).containsExactly(TREND_DOWN, TREND_DOWN, TREND_DOWN,
				TREND_DOWN, TREND_DOWN, TREND_DOWN, TREND_DOWN, COMMON_CAUSE);
	}

	@Test
	void aPointInTwoTrendsTakesTheDirectionOfTheStepToTheNextPoint() {
		// 8 … 13.4 rises (7 points), 13.4 … 7.5 falls (7 points): the peak belongs to both and its
		// next point is in a trend too, so the step 13.4 → 12.5 decides: decreasing
		List<SpecialCause> causes = causesAfterBaseline(8, 9, 10, 11, 12, 13, 13.4, 12.5, 11.5, 10.5, 9.5, 8.5, 7.5, 9);
		assertThat(causes.subList(0, 6)).containsOnly(TREND_UP);
		assertThat(causes.subList(6, 13)).containsOnly(TREND_DOWN);
		assertThat(causes.get(13)).isEqualTo(COMMON_CAUSE);
	}

	@Test
	void twoOfThreeNeedsTwoClosePointsAndAllThreeOnOneSide() {
		// 14 is close (13.55 < 14 ≤ 15.32); 10.5 above the mean but not close: both 14s are flagged
		assertThat(causesAfterBaseline(14, 10.5, 14, 9, 11)).containsExactly(TWO_OF_THREE_ABOVE, COMMON_CAUSE,
				TWO_OF_THREE_ABOVE, COMMON_CAUSE, COMMON_CAUSE);
		// the middle point below the mean: not all three on one side
		assertThat(causesAfterBaseline(14, 9.5, 14, 9, 11)).containsOnly(COMMON_CAUSE);
		// only one close point in every window
		assertThat(causesAfterBaseline(14, 10.5, 11, 9, 11)).containsOnly(COMMON_CAUSE);
		assertThat(causesAfterBaseline(14, 10.5, 10.5, 14, 9)).containsOnly(COMMON_CAUSE);
		// below
		assertThat(causesAfterBaseline(6, 9.5, 6, 11)).containsExactly(TWO_OF_THREE_BELOW, COMMON_CAUSE,
				TWO_OF_THREE_BELOW, COMMON_CAUSE);
	}

	@Test
	void aPointOutsideTheLimitsDoesNotCountAsClose() {
		// 16 is outside, so the window 16 14 11 has one close point
		assertThat(causesAfterBaseline(16, 14, 11, 9)).containsExactly(ABOVE_UCL, COMMON_CAUSE, COMMON_CAUSE,
				COMMON_CAUSE);
		// 15 is close: two close points in 15 14 11
		assertThat(causesAfterBaseline(15, 14, 11, 9)).containsExactly(TWO_OF_THREE_ABOVE, TWO_OF_THREE_ABOVE,
				COMMON_CAUSE, COMMON_CAUSE);
	}

	@Test
	void aShiftIsSevenPointsOnOneSideOfTheMeanAndAPointOnTheMeanBreaksIt() {
		assertThat(causesAfterBaseline(9, 11, 10.5, 11, 10.5, 11, 10.5, 11, 9)).containsExactly(COMMON_CAUSE,
				SHIFT_ABOVE, SHIFT_ABOVE, SHIFT_ABOVE, SHIFT_ABOVE, SHIFT_ABOVE, SHIFT_ABOVE, SHIFT_ABOVE, COMMON_CAUSE);
		// the same with the fourth point on the mean (10)
		assertThat(causesAfterBaseline(9, 11, 10.5, 11, 10, 11, 10.5, 11, 9)).containsOnly(COMMON_CAUSE);
		// six are not enough
		assertThat(causesAfterBaseline(9, 11, 10.5, 11, 10.5, 11, 10.5, 9)).containsOnly(COMMON_CAUSE);
	}

	@Test
	void outsideTakesPrecedenceOverTrend() {
		assertThat(causesAfterBaseline(8, 9, 10, 11, 12, 13, 16)).containsExactly(TREND_UP, TREND_UP, TREND_UP,
				TREND_UP, TREND_UP, TREND_UP, ABOVE_UCL);
	}

	@Test
	void trendTakesPrecedenceOverTwoOfThreeAndShift() {
		// 13.6 and 14 are close and above with 12: two of three, but also the end of a trend
		assertThat(causesAfterBaseline(8, 9, 10, 11, 12, 13.6, 14)).containsOnly(TREND_UP);
		// 12 then 10.5 … 13.5 rising: all above the mean (a shift of 9 with the baseline's last 11),
		// the 7 rising ones are labelled trend, the 11 and 12 before them shift
		List<SpecialCause> all = causes(baselineThen(12, 10.5, 11, 11.5, 12, 12.5, 13, 13.5, 9));
		assertThat(all.subList(11, all.size())).containsExactly(SHIFT_ABOVE, SHIFT_ABOVE, TREND_UP, TREND_UP, TREND_UP,
				TREND_UP, TREND_UP, TREND_UP, TREND_UP, COMMON_CAUSE);
	}

	@Test
	void twoOfThreeTakesPrecedenceOverShift() {
		assertThat(causesAfterBaseline(9, 11, 14, 11, 14, 11, 11, 11, 9)).containsExactly(COMMON_CAUSE, SHIFT_ABOVE,
				TWO_OF_THREE_ABOVE, SHIFT_ABOVE, TWO_OF_THREE_ABOVE, SHIFT_ABOVE, SHIFT_ABOVE, SHIFT_ABOVE,
				COMMON_CAUSE);
	}

	@Test
	void pointTypesFollowTheDirectionOfImprovement() {
		List<Double> y = baselineThen(16, 10, 4);
		assertThat(types(y, Improvement.INCREASE)).containsExactly(PointType.SPECIAL_CAUSE_IMPROVEMENT,
				PointType.COMMON_CAUSE, PointType.SPECIAL_CAUSE_CONCERN);
		assertThat(types(y, Improvement.DECREASE)).containsExactly(PointType.SPECIAL_CAUSE_CONCERN,
				PointType.COMMON_CAUSE, PointType.SPECIAL_CAUSE_IMPROVEMENT);
		assertThat(types(y, Improvement.NEUTRAL)).containsExactly(PointType.SPECIAL_CAUSE_NEUTRAL_HIGH,
				PointType.COMMON_CAUSE, PointType.SPECIAL_CAUSE_NEUTRAL_LOW);
		// a falling trend is low, whatever side of the mean its points are on
		List<Double> falling = baselineThen(13, 12, 11, 10, 9, 8, 7);
		assertThat(types(falling, Improvement.DECREASE)).containsOnly(PointType.SPECIAL_CAUSE_IMPROVEMENT);
	}

	private List<PointType> types(List<Double> y, Improvement improvement) {
		List<Point> points = engine.analyze(MdcRequest.of(y).withFixAfterPoints(12).withImprovement(improvement))
			.points();
		return points.subList(12, points.size()).stream().map(Point::pointType).toList();
	}

	@Test
	void variationIconIsThePointTypeOfTheGroupsLastPoint() {
		Part concern = engine.analyze(MdcRequest.of(baselineThen(10, 4)).withFixAfterPoints(12)).parts().get(0);
		assertThat(concern.variation()).isEqualTo(PointType.SPECIAL_CAUSE_CONCERN);
		Part common = engine.analyze(MdcRequest.of(baselineThen(4, 10)).withFixAfterPoints(12)).parts().get(0);
		assertThat(common.variation()).isEqualTo(PointType.COMMON_CAUSE);
	}

	@Test
	void assuranceComparesTheTargetWithTheLastLimits() {
		// limits 4.68 … 15.32
		MdcRequest request = MdcRequest.of(baselineThen());
		assertThat(assurance(request.withTarget(16.0))).isEqualTo(Assurance.CONSISTENT_FAIL);
		assertThat(assurance(request.withTarget(16.0).withImprovement(Improvement.DECREASE)))
			.isEqualTo(Assurance.CONSISTENT_PASS);
		assertThat(assurance(request.withTarget(4.0))).isEqualTo(Assurance.CONSISTENT_PASS);
		assertThat(assurance(request.withTarget(4.0).withImprovement(Improvement.DECREASE)))
			.isEqualTo(Assurance.CONSISTENT_FAIL);
		assertThat(assurance(request.withTarget(12.0))).isEqualTo(Assurance.INCONSISTENT);
		// equality with a limit is inconsistent
		assertThat(assurance(request.withTarget(15.32))).isEqualTo(Assurance.INCONSISTENT);
		assertThat(assurance(request)).isNull();
		assertThat(assurance(request.withTarget(16.0).withImprovement(Improvement.NEUTRAL))).isNull();
	}

	private Assurance assurance(MdcRequest request) {
		return engine.analyze(request).parts().get(0).assurance();
	}

	@Test
	void shortGroupWarningBelowThirteenPoints() {
		assertThat(engine.analyze(MdcRequest.of(baselineThen())).parts().get(0).shortGroupWarning()).isTrue();
		assertThat(engine.analyze(MdcRequest.of(baselineThen(10))).parts().get(0).shortGroupWarning()).isFalse();
	}

	@Test
	void rebaseStartsAGroupAndRulesStayInsideIt() {
		// 1 … 14 rising: one group is one long trend
		List<Double> rising = new ArrayList<>();
		for (int i = 1; i <= 14; i++) {
			rising.add((double) i);
		}
		SpcResult whole = engine.analyze(MdcRequest.of(rising).withScreenOutliers(false));
		assertThat(whole.points()).allMatch(p -> p.specialCause() == TREND_UP || p.specialCause().side() != 0);
		// rebased at 5: group 1 = 1 2 3 4 (mean 2.5, AMR 1, limits −0.16 … 5.16): too short for a trend
		SpcResult rebased = engine.analyze(MdcRequest.of(rising).withRebase(List.of(5)));
		assertThat(rebased.parts()).extracting(Part::from, Part::to)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1, 4), org.assertj.core.groups.Tuple.tuple(5, 14));
		assertThat(rebased.points().subList(0, 4)).extracting(Point::specialCause).containsOnly(COMMON_CAUSE);
		assertThat(rebased.points().subList(0, 4)).extracting(Point::part).containsOnly(1);
		assertThat(rebased.points().get(0).centerLine()).isCloseTo(2.5, EXACT);
		// group 2 = 5 … 14: mean 9.5, AMR 1 → limits 6.84 … 12.16
		Point fifth = rebased.points().get(4);
		assertThat(fifth.part()).isEqualTo(2);
		assertThat(fifth.centerLine()).isCloseTo(9.5, EXACT);
		assertThat(fifth.ucl()).isCloseTo(12.16, EXACT);
		assertThat(rebased.points().subList(4, 14)).extracting(Point::specialCause)
			.containsExactly(BELOW_LCL, BELOW_LCL, TREND_UP, TREND_UP, TREND_UP, TREND_UP, TREND_UP, TREND_UP,
					ABOVE_UCL, ABOVE_UCL);
		assertThat(rebased.parts()).extracting(Part::shortGroupWarning).containsExactly(true, true);
	}

	@Test
	void pointsAreChartedInDateOrderAndRebaseTravelsWithItsPoint() {
		// given newest first; the rebase marks the point dated 2026-03 (position 2 in the request)
		List<Double> y = values(4, 3, 2, 1);
		List<LocalDate> dates = List.of(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 3, 1), LocalDate.of(2026, 2, 1),
				LocalDate.of(2026, 1, 1));
		SpcResult result = engine.analyze(MdcRequest.of(y).withDates(dates).withRebase(List.of(2)));
		assertThat(result.points()).extracting(Point::value).containsExactly(1.0, 2.0, 3.0, 4.0);
		assertThat(result.points()).extracting(Point::position).containsExactly(4, 3, 2, 1);
		assertThat(result.points()).extracting(Point::date)
			.containsExactly(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 1),
					LocalDate.of(2026, 4, 1));
		assertThat(result.points()).extracting(Point::part).containsExactly(1, 1, 2, 2);
		assertThat(result.points().get(0).centerLine()).isCloseTo(1.5, EXACT);
		assertThat(result.points().get(3).centerLine()).isCloseTo(3.5, EXACT);
	}

	@Test
	void rulesDoNotDependOnWhichWayTheValuesAreGiven() {
		List<Double> y = baselineThen(9, 11, 10.5, 11, 10.5, 11, 10.5, 11, 9);
		List<Double> reversed = new ArrayList<>(y);
		Collections.reverse(reversed);
		List<LocalDate> dates = new ArrayList<>();
		for (int i = 0; i < y.size(); i++) {
			dates.add(LocalDate.of(2026, 1, 1).plusDays(y.size() - 1 - i));
		}
		List<SpecialCause> inOrder = engine.analyze(MdcRequest.of(y)).points().stream().map(Point::specialCause).toList();
		List<SpecialCause> byDate = engine.analyze(MdcRequest.of(reversed).withDates(dates))
			.points()
			.stream()
			.map(Point::specialCause)
			.toList();
		assertThat(byDate).isEqualTo(inOrder);
	}
}
