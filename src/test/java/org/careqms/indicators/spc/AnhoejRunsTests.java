package org.careqms.indicators.spc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Anhøj's runs rules: limits from spc-spec.md and spc-rules.yaml, and the statistics on small series. */
class AnhoejRunsTests {

	@ParameterizedTest(name = "n = {0}: longest run ≤ {1}, crossings ≥ {2}")
	@CsvSource({ "10, 6, 2", "12, 7, 3", "14, 7, 4", "16, 7, 4", "18, 7, 5", "20, 7, 6", "22, 7, 7", "24, 8, 8",
			"26, 8, 8", "28, 8, 9", "30, 8, 10", "35, 8, 12", "40, 8, 14", "45, 8, 17", "50, 9, 19", "60, 9, 23",
			"70, 9, 28", "80, 9, 32", "90, 9, 37", "100, 10, 41" })
	void limitsMatchThePublishedTable(int useful, int longestRunMax, int crossingsMin) {
		assertThat(AnhoejRuns.longestRunMax(useful)).isEqualTo(longestRunMax);
		assertThat(AnhoejRuns.crossingsMin(useful)).isEqualTo(crossingsMin);
	}

	@Test
	void crossingsMinIsTheSmallestCountWithCumulativeProbabilityOfAtLeastFivePercent() {
		// n = 10: Bin(9, ½); P(X ≤ 1) = (1 + 9)/512 = 0.0195 < 0.05, P(X ≤ 2) = (1 + 9 + 36)/512 = 0.0898 ≥ 0.05
		assertThat(AnhoejRuns.crossingsMin(10)).isEqualTo(2);
		// n = 1 and 2: P(X ≤ 0) = 1 and ½
		assertThat(AnhoejRuns.crossingsMin(1)).isZero();
		assertThat(AnhoejRuns.crossingsMin(2)).isZero();
		// n = 6: Bin(5, ½); P(X ≤ 0) = 1/32 = 0.031, P(X ≤ 1) = 6/32 = 0.19
		assertThat(AnhoejRuns.crossingsMin(6)).isEqualTo(1);
		for (int n = 1; n <= 400; n++) {
			int c = AnhoejRuns.crossingsMin(n);
			assertThat(20 * cumulative(n - 1, c)).as("n = " + n).isGreaterThanOrEqualTo(Math.pow(2, n - 1));
			if (c > 0) {
				assertThat(20 * cumulative(n - 1, c - 1)).as("n = " + n).isLessThan(Math.pow(2, n - 1));
			}
		}
	}

	@Test
	void crossingsMinForLongSeriesIsExactAndQuick() {
		long start = System.nanoTime();
		int c = AnhoejRuns.crossingsMin(SpcEngine.MAX_POINTS);
		assertThat((System.nanoTime() - start) / 1e9).isLessThan(20);
		// normal approximation: (m − 1.645·√m)/2 with m = 99 999 gives 49 739.5
		assertThat(c).isBetween(49_735, 49_745);
	}

	@Test
	void longestRunMaxRoundsLog2() {
		// log2(1) = 0 → 3; log2(6) = 2.58 → 6; log2(11) = 3.46 → 6; log2(12) = 3.58 → 7
		assertThat(AnhoejRuns.longestRunMax(1)).isEqualTo(3);
		assertThat(AnhoejRuns.longestRunMax(6)).isEqualTo(6);
		assertThat(AnhoejRuns.longestRunMax(11)).isEqualTo(6);
		assertThat(AnhoejRuns.longestRunMax(12)).isEqualTo(7);
	}

	@Test
	void pointsOnTheCentreLineAndMissingPointsAreDropped() {
		// signs against 5: + + 0 − − + 0 − + −, and a missing point → + + − − + − + − (8 useful)
		double[] y = { 6, 7, 5, 4, 3, 6, 5, 2, 8, 1, Double.NaN };
		var result = AnhoejRuns.analyze(y, constant(5, y.length), all(y.length));
		assertThat(result.observations()).isEqualTo(11);
		assertThat(result.useful()).isEqualTo(8);
		// runs: ++ | −− | + | − | + | −  → 6 runs, 5 crossings, longest 2
		assertThat(result.longestRun()).isEqualTo(2);
		assertThat(result.crossings()).isEqualTo(5);
		// n = 8: round(log2 8) + 3 = 6; qbinom(0.05, 7, ½) = 1 (P(X ≤ 0) = 1/128, P(X ≤ 1) = 8/128)
		assertThat(result.longestRunMax()).isEqualTo(6);
		assertThat(result.crossingsMin()).isEqualTo(1);
		assertThat(result.signal()).isFalse();
	}

	@Test
	void aLongRunSignals() {
		// 10 useful points: + + + + + + + − + −  → longest 7 > 6, crossings 3 ≥ 2
		double[] y = { 1, 1, 1, 1, 1, 1, 1, -1, 1, -1 };
		var result = AnhoejRuns.analyze(y, constant(0, 10), all(10));
		assertThat(result.longestRun()).isEqualTo(7);
		assertThat(result.crossings()).isEqualTo(3);
		assertThat(result.signal()).isTrue();
	}

	@Test
	void tooFewCrossingsSignal() {
		// 10 useful points: five above, five below → longest 5 ≤ 6 but crossings 1 < 2
		double[] y = { 1, 1, 1, 1, 1, -1, -1, -1, -1, -1 };
		var result = AnhoejRuns.analyze(y, constant(0, 10), all(10));
		assertThat(result.longestRun()).isEqualTo(5);
		assertThat(result.crossings()).isEqualTo(1);
		assertThat(result.signal()).isTrue();
	}

	@Test
	void excludedPointsAreNotAnalysed() {
		// the long run is broken only if the excluded points count: without them + + + + + + + (7 > 5)
		double[] y = { 1, 1, 1, -1, 1, 1, 1, 1 };
		boolean[] included = all(8);
		included[3] = false;
		var result = AnhoejRuns.analyze(y, constant(0, 8), included);
		assertThat(result.observations()).isEqualTo(7);
		assertThat(result.useful()).isEqualTo(7);
		assertThat(result.longestRun()).isEqualTo(7);
		// n = 7: round(log2 7 = 2.81) + 3 = 6
		assertThat(result.signal()).isTrue();
	}

	@Test
	void withNoUsefulPointTheStatisticsAreMissingAndThereIsNoSignal() {
		double[] y = { 5, 5, Double.NaN };
		var result = AnhoejRuns.analyze(y, constant(5, 3), all(3));
		assertThat(result.useful()).isZero();
		assertThat(result.observations()).isEqualTo(3);
		assertThat(result.longestRun()).isNull();
		assertThat(result.longestRunMax()).isNull();
		assertThat(result.crossings()).isNull();
		assertThat(result.crossingsMin()).isNull();
		assertThat(result.signal()).isFalse();
	}

	private static double cumulative(int m, int c) {
		BigInteger sum = BigInteger.ZERO;
		BigInteger term = BigInteger.ONE;
		for (int k = 0; k <= c; k++) {
			sum = sum.add(term);
			term = term.multiply(BigInteger.valueOf(m - k)).divide(BigInteger.valueOf(k + 1));
		}
		return sum.doubleValue();
	}

	private static double[] constant(double value, int n) {
		double[] line = new double[n];
		Arrays.fill(line, value);
		return line;
	}

	private static boolean[] all(int n) {
		boolean[] included = new boolean[n];
		Arrays.fill(included, true);
		return included;
	}
}
