package org.careqms.indicators.spc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Every qicharts2 chart on a small data set computed by hand (the arithmetic is in the comments),
 * with the options that change the lines: freeze, breaks, exclude, screening, multiply.
 */
class ShewhartChartsTests {

	static final Offset<Double> EXACT = within(1e-9);

	final SpcEngine engine = new SpcEngine();

	@Test
	void runChartUsesTheMedianAndHasNoLimits() {
		// median of 3 4 5 6 7 8 = (5 + 6)/2 = 5.5
		SpcResult result = engine.analyze(SpcRequest.of(Chart.RUN, values(3, 5, 4, 8, 6, 7)));
		assertThat(result.points()).allSatisfy(p -> {
			assertThat(p.centerLine()).isCloseTo(5.5, EXACT);
			assertThat(p.lcl()).isNull();
			assertThat(p.ucl()).isNull();
			assertThat(p.sigmaSignal()).isFalse();
		});
		// signs − − − + + +: 2 runs, 1 crossing; n = 6 → longest ≤ 6, crossings ≥ 1
		Part part = result.parts().get(0);
		assertThat(part.runs().longestRun()).isEqualTo(3);
		assertThat(part.runs().crossings()).isEqualTo(1);
		assertThat(part.runs().longestRunMax()).isEqualTo(6);
		assertThat(part.runs().crossingsMin()).isEqualTo(1);
		assertThat(part.runsSignal()).isFalse();
	}

	@Test
	void frozenRunChartTakesTheMedianOfTheBaselineAndAnalysesEveryPoint() {
		// baseline 3 5 4 → median 4; signs over all: − + 0 + + + → 4 (the 4 on the line is dropped)
		SpcResult result = engine.analyze(SpcRequest.of(Chart.RUN, values(3, 5, 4, 8, 6, 7)).withFreeze(3));
		assertThat(result.points().get(5).centerLine()).isCloseTo(4, EXACT);
		assertThat(result.points()).extracting(Point::baseline).containsExactly(true, true, true, false, false, false);
		assertThat(result.parts().get(0).runs().useful()).isEqualTo(5);
		assertThat(result.parts().get(0).runs().longestRun()).isEqualTo(4);
	}

	@Test
	void individualsChartScreensMovingRangesByDefault() {
		// mean = 103/8 = 12.875; MR = 1 1 1 1 1 1 20 → AMR = 26/7 = 3.714; 20 ≥ 3.267·3.714 = 12.13 is
		// dropped → AMR = 1, σ = 1/1.128 = 0.886525; limits 12.875 ± 2.659574
		List<Double> y = values(10, 11, 10, 11, 10, 11, 10, 30);
		SpcResult screened = engine.analyze(SpcRequest.of(Chart.I, y));
		Point first = screened.points().get(0);
		assertThat(first.centerLine()).isCloseTo(12.875, EXACT);
		assertThat(first.ucl()).isCloseTo(15.534574468085108, EXACT);
		assertThat(first.lcl()).isCloseTo(10.215425531914892, EXACT);
		assertThat(first.ucl95()).isCloseTo(12.875 + 2 / 1.128, EXACT);
		// the 10s fall below the screened LCL, the 30 above the UCL
		assertThat(screened.points()).extracting(Point::sigmaSignal)
			.containsExactly(true, false, true, false, true, false, true, true);

		// without screening: σ = 3.714/1.128 = 3.29281; limits 12.875 ± 9.878419
		SpcResult unscreened = engine.analyze(SpcRequest.of(Chart.I, y).withScreenMovingRanges(false));
		assertThat(unscreened.points().get(0).ucl()).isCloseTo(22.753419452887538, EXACT);
		assertThat(unscreened.points().get(0).lcl()).isCloseTo(2.996580547112462, EXACT);
		assertThat(unscreened.points()).extracting(Point::sigmaSignal)
			.containsExactly(false, false, false, false, false, false, false, true);
	}

	@Test
	void individualsChartBridgesExcludedPointsButMovingRangeChartDropsOnlyTheirOwnRange() {
		List<Double> y = values(1, 2, 10, 3, 4);
		// I: base 1 2 3 4 (point 3 excluded) → mean 2.5; ranges over the base sequence 1 1 1 → AMR 1;
		// limits 2.5 ± 3/1.128 = 2.5 ± 2.659574
		SpcResult individuals = engine.analyze(SpcRequest.of(Chart.I, y).withExclude(List.of(3)));
		Point excluded = individuals.points().get(2);
		assertThat(excluded.centerLine()).isCloseTo(2.5, EXACT);
		assertThat(excluded.ucl()).isCloseTo(2.5 + 3 / 1.128, EXACT);
		assertThat(excluded.lcl()).isCloseTo(2.5 - 3 / 1.128, EXACT);
		// the excluded point still gets limits and its signal
		assertThat(excluded.included()).isFalse();
		assertThat(excluded.sigmaSignal()).isTrue();
		// runs analysis over the 4 included points: − − + +
		assertThat(individuals.parts().get(0).runs().observations()).isEqualTo(4);
		assertThat(individuals.parts().get(0).runs().crossings()).isEqualTo(1);

		// MR: values − 1 8 7 1; point 3's own range (8) is dropped, point 4's (7) kept:
		// CL = (1 + 7 + 1)/3 = 3, UCL = 3.267·3 = 9.801, LCL = 0
		SpcResult ranges = engine.analyze(SpcRequest.of(Chart.MR, y).withExclude(List.of(3)));
		assertThat(ranges.points()).extracting(Point::value).containsExactly(null, 1.0, 8.0, 7.0, 1.0);
		Point last = ranges.points().get(4);
		assertThat(last.centerLine()).isCloseTo(3, EXACT);
		assertThat(last.ucl()).isCloseTo(9.801, EXACT);
		assertThat(last.lcl()).isZero();
		assertThat(last.ucl95()).isCloseTo(3.267 / 3 * 2 * 3, EXACT);
	}

	@Test
	void aMissingValueMakesItsTwoMovingRangesMissing() {
		// 1 2 − 3 4: mean 2.5; ranges 1, −, −, 1 → AMR 1: the same limits as without the gap
		SpcResult result = engine.analyze(SpcRequest.of(Chart.I, values(1, 2, null, 3, 4)));
		Point missing = result.points().get(2);
		assertThat(missing.value()).isNull();
		assertThat(missing.sigmaSignal()).isFalse();
		assertThat(missing.ucl()).isCloseTo(2.5 + 3 / 1.128, EXACT);
		assertThat(result.parts().get(0).runs().observations()).isEqualTo(5);
		assertThat(result.parts().get(0).runs().useful()).isEqualTo(4);
	}

	@Test
	void freezeComputesLinesFromTheBaselineAndAShiftAfterItRaisesARunsSignal() {
		// baseline 1 3 1 3 1 3: mean 2, MR 2 → σ = 2/1.128 = 1.773050, UCL = 2 + 5.319149 = 7.319149;
		// eight 5s after: no point outside, but signs − + − + − + then 8 × + → longest run 9 > 7 (n = 14)
		List<Double> y = values(1, 3, 1, 3, 1, 3, 5, 5, 5, 5, 5, 5, 5, 5);
		SpcResult result = engine.analyze(SpcRequest.of(Chart.I, y).withFreeze(6));
		Point last = result.points().get(13);
		assertThat(last.centerLine()).isCloseTo(2, EXACT);
		assertThat(last.ucl()).isCloseTo(2 + 3 * 2 / 1.128, EXACT);
		assertThat(last.baseline()).isFalse();
		assertThat(result.points()).noneMatch(Point::sigmaSignal);
		assertThat(result.parts().get(0).runs().longestRun()).isEqualTo(9);
		assertThat(result.parts().get(0).runs().longestRunMax()).isEqualTo(7);
		assertThat(result.points()).allMatch(Point::runsSignal);
	}

	@Test
	void breaksAnalyseEachPartOnItsOwnAndOverrideFreeze() {
		// part 1: 1 3 1 3 → mean 2, MR 2 → limits 2 ± 5.319149; part 2: 11 13 11 13 → 12 ± 5.319149
		List<Double> y = values(1, 3, 1, 3, 11, 13, 11, 13);
		SpcResult result = engine.analyze(SpcRequest.of(Chart.I, y).withBreaks(List.of(4)).withFreeze(2));
		assertThat(result.parts()).extracting(Part::part, Part::from, Part::to)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1, 1, 4), org.assertj.core.groups.Tuple.tuple(2, 5, 8));
		assertThat(result.points()).extracting(Point::part).containsExactly(1, 1, 1, 1, 2, 2, 2, 2);
		assertThat(result.points().get(0).centerLine()).isCloseTo(2, EXACT);
		assertThat(result.points().get(0).ucl()).isCloseTo(2 + 6 / 1.128, EXACT);
		assertThat(result.points().get(4).centerLine()).isCloseTo(12, EXACT);
		assertThat(result.points().get(4).lcl()).isCloseTo(12 - 6 / 1.128, EXACT);
		assertThat(result.points()).allMatch(Point::baseline);
		assertThat(result.points()).noneMatch(Point::sigmaSignal);

		// one part: mean 7, MR 2 2 2 8 2 2 2 → AMR 20/7 (8 < 3.267·2.857 = 9.33 stays)
		SpcResult whole = engine.analyze(SpcRequest.of(Chart.I, y));
		assertThat(whole.points().get(0).ucl()).isCloseTo(7 + 3 * (20.0 / 7) / 1.128, EXACT);
	}

	@Test
	void eachPartHasItsOwnRunsAnalysisAndItsPointsCarryIt() {
		// part 1: 1 … 10, median 5.5: − − − − − + + + + + → 1 crossing < 2 (n = 10): signal
		// part 2: 1 9 1 9 …, median 5: 9 crossings, longest run 1: no signal
		SpcResult result = engine.analyze(SpcRequest
			.of(Chart.RUN, values(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1, 9, 1, 9, 1, 9, 1, 9, 1, 9))
			.withBreaks(List.of(10)));
		assertThat(result.parts()).extracting(Part::runsSignal).containsExactly(true, false);
		assertThat(result.parts().get(0).runs().crossings()).isEqualTo(1);
		assertThat(result.parts().get(1).runs().crossings()).isEqualTo(9);
		assertThat(result.points().subList(0, 10)).allMatch(Point::runsSignal);
		assertThat(result.points().subList(10, 20)).noneMatch(Point::runsSignal);
		assertThat(result.points().get(10).centerLine()).isCloseTo(5, EXACT);
	}

	@Test
	void movingRangeChartReportsRunsStatisticsButNeverARunsSignal() {
		// MR: − 5 5 5 5 5 5 5 5 5 0 0 0 0 0 0 0 0: CL = 45/17; above CL 9 in a row → longest 9 > 7 (n = 17)
		List<Double> y = values(0, 5, 0, 5, 0, 5, 0, 5, 0, 5, 5, 5, 5, 5, 5, 5, 5, 5);
		SpcResult result = engine.analyze(SpcRequest.of(Chart.MR, y));
		assertThat(result.points().get(0).value()).isNull();
		assertThat(result.points().get(1).centerLine()).isCloseTo(45.0 / 17, EXACT);
		Part part = result.parts().get(0);
		assertThat(part.runs().longestRun()).isEqualTo(9);
		assertThat(part.runs().longestRunMax()).isEqualTo(7);
		assertThat(part.runs().signal()).isTrue();
		assertThat(part.runsSignal()).isFalse();
		assertThat(result.points()).noneMatch(Point::runsSignal);
	}

	@Test
	void movingRangesStartAgainInEachPart() {
		SpcResult result = engine.analyze(SpcRequest.of(Chart.MR, values(1, 2, 4, 7)).withBreaks(List.of(2)));
		assertThat(result.points()).extracting(Point::value).containsExactly(null, 1.0, null, 3.0);
	}

	@Test
	void xbarWithEqualSubgroupSizesUsesTheMeanStandardDeviation() {
		// means 2 3 4, sd 1 1 1 (n = 3): CL = (3·2 + 3·3 + 3·4)/9 = 3; σ̂ = mean(s) = 1;
		// c4(3) = √(2/2)·Γ(1.5)/Γ(1) = √π/2 = 0.886227, A3(3) = 3/(0.886227·√3) = 1.954410
		SpcResult result = engine.analyze(SpcRequest.ofSubgroups(Chart.XBAR,
				List.of(values(1, 2, 3), values(2, 3, 4), values(3, 4, 5))));
		assertThat(result.points()).extracting(Point::value).containsExactly(2.0, 3.0, 4.0);
		Point p = result.points().get(0);
		assertThat(p.centerLine()).isCloseTo(3, EXACT);
		assertThat(p.ucl()).isCloseTo(4.95441004761168, EXACT);
		assertThat(p.lcl()).isCloseTo(1.0455899523883199, EXACT);
		assertThat(p.ucl95()).isCloseTo(3 + 2 / (Math.sqrt(Math.PI) / 2 * Math.sqrt(3)), EXACT);

		// s chart: CL = 1; c5 = √(1 − π/4) = 0.463251; B4 = 1 + 3·0.463251/0.886227 = 2.568170; B3 = 0
		SpcResult s = engine.analyze(SpcRequest.ofSubgroups(Chart.S,
				List.of(values(1, 2, 3), values(2, 3, 4), values(3, 4, 5))));
		assertThat(s.points().get(0).value()).isCloseTo(1, EXACT);
		assertThat(s.points().get(0).centerLine()).isCloseTo(1, EXACT);
		assertThat(s.points().get(0).ucl()).isCloseTo(2.5681696026311913, EXACT);
		assertThat(s.points().get(0).lcl()).isZero();
	}

	@Test
	void xbarWithUnequalSubgroupSizesUsesThePooledStandardDeviation() {
		// 1 3: n 2, mean 2, s √2; 2 4 6: n 3, mean 4, s 2; 5 5 5 9: n 4, mean 6, s 2
		// CL = (2·2 + 3·4 + 4·6)/9 = 40/9; σ̂ = √((1·2 + 2·4 + 3·4)/(1 + 2 + 3)) = √(22/6) = 1.914854
		// (the plain mean of s would be 1.804738)
		List<List<Double>> subgroups = List.of(values(1, 3), values(2, 4, 6), values(5, 5, 5, 9));
		SpcResult result = engine.analyze(SpcRequest.ofSubgroups(Chart.XBAR, subgroups));
		assertThat(result.points()).extracting(Point::centerLine).allSatisfy(cl -> assertThat(cl).isCloseTo(40.0 / 9, EXACT));
		// UCL_i = CL + A3(n_i)·σ̂ with A3(2) = 2.658681, A3(3) = 1.954410, A3(4) = 1.628103
		assertThat(result.points()).extracting(Point::ucl)
			.satisfiesExactly(u -> assertThat(u).isCloseTo(9.535430536756602, EXACT),
					u -> assertThat(u).isCloseTo(8.186854762954, EXACT),
					u -> assertThat(u).isCloseTo(7.562023997887054, EXACT));
		assertThat(result.points().get(0).lcl()).isCloseTo(-0.6465416478677124, EXACT);

		// s chart: CL = σ̂; UCL_i = B4(n_i)·σ̂ with B4(2) = 3.266532, B4(3) = 2.568170, B4(4) = 2.266047; B3 = 0
		SpcResult s = engine.analyze(SpcRequest.ofSubgroups(Chart.S, subgroups));
		assertThat(s.points().get(0).value()).isCloseTo(Math.sqrt(2), EXACT);
		assertThat(s.points().get(0).centerLine()).isCloseTo(Math.sqrt(22.0 / 6), EXACT);
		assertThat(s.points()).extracting(Point::ucl)
			.satisfiesExactly(u -> assertThat(u).isCloseTo(6.254932415756494, EXACT),
					u -> assertThat(u).isCloseTo(4.917670389749851, EXACT),
					u -> assertThat(u).isCloseTo(4.339149801486811, EXACT));
		assertThat(s.points()).extracting(Point::lcl).containsOnly(0.0);
	}

	@Test
	void subgroupOfOneMeasurementHasNoLimits() {
		SpcResult result = engine.analyze(SpcRequest.ofSubgroups(Chart.XBAR,
				List.of(values(1, 2, 3), values(4), values(3, 4, 5), Arrays.asList((Double) null))));
		assertThat(result.points().get(1).value()).isCloseTo(4, EXACT);
		assertThat(result.points().get(1).ucl()).isNull();
		assertThat(result.points().get(3).value()).isNull();
	}

	@Test
	void tChartTransformsAndFloorsTheLowerLimitAtZero() {
		// y^(1/3.6) = 1 2 3 2 1: mean 1.8, MR 1 1 1 1 → σ = 1/1.128 = 0.886525
		// CL = 1.8^3.6 = 8.298145 (not the mean of y); UCL = (1.8 + 2.659574)^3.6 = 217.498524;
		// transformed LCL = 1.8 − 2.659574 = −0.859574 < 0 → LCL = 0
		List<Double> y = values(1, Math.pow(2, 3.6), Math.pow(3, 3.6), Math.pow(2, 3.6), 1);
		SpcResult result = engine.analyze(SpcRequest.of(Chart.T, y));
		Point p = result.points().get(0);
		assertThat(p.centerLine()).isCloseTo(8.29814498173977, EXACT);
		assertThat(p.ucl()).isCloseTo(217.49852364194678, EXACT);
		assertThat(p.ucl95()).isCloseTo(97.93559852556072, EXACT);
		assertThat(p.lcl()).isZero();
		// the 95 % lower line stays positive: (1.8 − 1.773050)^3.6
		assertThat(p.lcl95()).isCloseTo(Math.pow(1.8 - 2 / 1.128, 3.6), EXACT);
		assertThat(result.points().get(2).value()).isCloseTo(Math.pow(3, 3.6), EXACT);
	}

	@Test
	void pChartLimitsVaryWithTheDenominator() {
		// CL = 16/120 = 0.133333; σ_i = √(0.133333·0.866667/n_i): n = 20 → 0.076012, n = 50 → 0.048074
		SpcResult result = engine.analyze(
				SpcRequest.of(Chart.P, values(2, 5, 1, 8)).withDenominators(values(20, 50, 10, 40)));
		assertThat(result.points()).extracting(Point::value).containsExactly(0.1, 0.1, 0.1, 0.2);
		Point first = result.points().get(0);
		double cl = 16.0 / 120;
		assertThat(first.centerLine()).isCloseTo(cl, EXACT);
		assertThat(first.ucl()).isCloseTo(cl + 3 * Math.sqrt(cl * (1 - cl) / 20), EXACT);
		// CL − 3σ is negative for every n here → floored at 0
		assertThat(result.points()).extracting(Point::lcl).containsOnly(0.0);
		assertThat(result.points().get(1).ucl()).isCloseTo(cl + 3 * Math.sqrt(cl * (1 - cl) / 50), EXACT);
	}

	@Test
	void pChartLimitsAreClippedToZeroAndOneSoAProportionOfOneCannotSignal() {
		// CL = 18/21 = 0.857143; n = 1: σ = √(0.857143·0.142857) = 0.349927; UCL = 1.907 → 1; LCL → 0
		SpcResult result = engine.analyze(SpcRequest.of(Chart.P, values(9, 8, 1)).withDenominators(values(10, 10, 1)));
		Point one = result.points().get(2);
		assertThat(one.value()).isEqualTo(1.0);
		assertThat(one.ucl()).isEqualTo(1.0);
		assertThat(one.ucl95()).isEqualTo(1.0);
		assertThat(one.lcl()).isZero();
		assertThat(one.sigmaSignal()).isFalse();
	}

	@Test
	void laneyPPrimeWidensOrNarrowsByTheVariationOfZScores() {
		// CL = 92/700 = 0.131429; σ_i = √(CL(1 − CL)/n_i) = 0.033787 (n 100), 0.023891 (n 200)
		// z = −0.930201 −0.269080 −0.338255 0.777343 0.549664; |Δz| = 0.661121 0.069175 1.115598 0.227678
		// AMR = 0.518393 (none ≥ 3.267·AMR = 1.694) → σ_z = 0.518393/1.128 = 0.459568
		// n = 100: UCL = CL + 3·0.033787·0.459568 = 0.178011, LCL = 0.084846
		SpcResult result = engine.analyze(SpcRequest.of(Chart.PP, values(10, 25, 12, 30, 15))
			.withDenominators(values(100, 200, 100, 200, 100)));
		assertThat(result.points().get(0).centerLine()).isCloseTo(92.0 / 700, EXACT);
		assertThat(result.points().get(0).ucl()).isCloseTo(0.1780106673255534, EXACT);
		assertThat(result.points().get(0).lcl()).isCloseTo(0.08484647553158944, EXACT);
		assertThat(result.points().get(1).ucl()).isCloseTo(0.16436708731920943, EXACT);
		assertThat(result.points().get(1).lcl()).isCloseTo(0.09849005553793341, EXACT);
	}

	@Test
	void cChartUsesTheSquareRootOfTheMeanCount() {
		// CL = (2 + 4 + 3 + 7)/4 = 4, σ = 2: UCL = 10, LCL = 4 − 6 → 0; UCL95 = 8, LCL95 = 0
		SpcResult result = engine.analyze(SpcRequest.of(Chart.C, values(2, 4, 3, 7)));
		Point p = result.points().get(0);
		assertThat(p.centerLine()).isCloseTo(4, EXACT);
		assertThat(p.ucl()).isCloseTo(10, EXACT);
		assertThat(p.lcl()).isZero();
		assertThat(p.ucl95()).isCloseTo(8, EXACT);
		assertThat(p.lcl95()).isZero();
	}

	@Test
	void uChartFloorsTheLowerLimitAtZeroButHasNoUpperCap() {
		// CL = (3 + 5 + 2 + 25)/(1.5 + 2 + 0.5 + 10) = 35/14 = 2.5; σ_i = √(2.5/n_i)
		// n = 0.5: σ = √5 = 2.236068 → UCL = 9.208204, LCL = 2.5 − 6.708204 → 0
		// n = 10: σ = 0.5 → UCL = 4, LCL = 1
		SpcResult result = engine.analyze(
				SpcRequest.of(Chart.U, values(3, 5, 2, 25)).withDenominators(values(1.5, 2, 0.5, 10)));
		assertThat(result.points()).extracting(Point::value).containsExactly(2.0, 2.5, 4.0, 2.5);
		assertThat(result.points().get(2).ucl()).isCloseTo(2.5 + 3 * Math.sqrt(5), EXACT);
		assertThat(result.points().get(2).lcl()).isZero();
		assertThat(result.points().get(3).ucl()).isCloseTo(4, EXACT);
		assertThat(result.points().get(3).lcl()).isCloseTo(1, EXACT);
	}

	@Test
	void laneyUPrimeFloorsTheLowerLimitAtZero() {
		// CL = 28/12 = 2.333333; y = 1.5 2.25 2 3; σ_i = √(CL/n_i) = 1.080123 (n 2), 0.763763 (n 4)
		// z = −0.771517 −0.109109 −0.308607 0.872872; |Δz| = 0.662408 0.199498 1.181478 → AMR = 0.681128
		// σ_z = 0.681128/1.128 = 0.603837; n = 2: UCL = 2.333333 + 3·1.080123·0.603837 = 4.289988,
		// LCL = 0.376678 (the u chart's own LCL, −0.907, would be floored at 0)
		SpcResult result = engine.analyze(
				SpcRequest.of(Chart.UP, values(3, 9, 4, 12)).withDenominators(values(2, 4, 2, 4)));
		assertThat(result.points().get(0).ucl()).isCloseTo(4.2899882811937475, EXACT);
		assertThat(result.points().get(0).lcl()).isCloseTo(0.3766783854729192, EXACT);
		assertThat(result.points().get(1).ucl()).isCloseTo(3.7168973154076435, EXACT);

		SpcResult u = engine.analyze(SpcRequest.of(Chart.U, values(3, 9, 4, 12)).withDenominators(values(2, 4, 2, 4)));
		assertThat(u.points().get(0).lcl()).isZero();
	}

	@Test
	void gChartShowsTheMedianButBuildsLimitsFromTheMean() {
		// mean m = 30/5 = 6; σ = √(6·7) = √42 = 6.480741; UCL = 6 + 19.442222 = 25.442222; LCL = max(0, −13.4) = 0
		// displayed CL = median(0 2 4 10 14) = 4; runs against 4: − + (0) − + → 4 useful, 3 crossings
		SpcResult result = engine.analyze(SpcRequest.of(Chart.G, values(2, 10, 4, 0, 14)));
		Point p = result.points().get(0);
		assertThat(p.centerLine()).isCloseTo(4, EXACT);
		assertThat(p.ucl()).isCloseTo(6 + 3 * Math.sqrt(42), EXACT);
		assertThat(p.lcl()).isZero();
		assertThat(result.parts().get(0).runs().useful()).isEqualTo(4);
		assertThat(result.parts().get(0).runs().crossings()).isEqualTo(3);
	}

	@Test
	void multiplyScalesThePlottedNumbersOnly() {
		SpcRequest request = SpcRequest.of(Chart.P, values(2, 5, 1, 8, 30)).withDenominators(values(20, 50, 10, 40, 50));
		SpcResult plain = engine.analyze(request);
		SpcResult percent = engine.analyze(request.withMultiply(100));
		for (int i = 0; i < 5; i++) {
			Point a = plain.points().get(i);
			Point b = percent.points().get(i);
			assertThat(b.value()).isCloseTo(a.value() * 100, EXACT);
			assertThat(b.centerLine()).isCloseTo(a.centerLine() * 100, EXACT);
			assertThat(b.ucl()).isCloseTo(a.ucl() * 100, EXACT);
			assertThat(b.sigmaSignal()).isEqualTo(a.sigmaSignal());
			assertThat(b.runsSignal()).isEqualTo(a.runsSignal());
		}
		assertThat(percent.points().get(4).sigmaSignal()).isTrue();
	}

	@Test
	void iChartLimitsUseThreeOverD2WhereMakingDataCountUses266() {
		// 9 11 × 6: mean 10, AMR 2; qicharts2: 10 + 3·2/1.128 = 15.319149; MDC: 10 + 2.66·2 = 15.32
		List<Double> y = values(9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 9, 11);
		assertThat(engine.analyze(SpcRequest.of(Chart.I, y)).points().get(0).ucl())
			.isCloseTo(15.319148936170214, EXACT);
		assertThat(engine.analyze(MdcRequest.of(y)).points().get(0).ucl()).isCloseTo(15.32, EXACT);
	}

	static List<Double> values(Number... numbers) {
		return Arrays.stream(numbers).map(n -> n == null ? null : n.doubleValue()).toList();
	}
}
