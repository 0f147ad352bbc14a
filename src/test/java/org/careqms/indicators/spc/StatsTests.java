package org.careqms.indicators.spc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Exact subgroup constants from log-gamma, and the medians and moving ranges the charts rely on. */
class StatsTests {

	@Test
	void c4IsExact() {
		assertThat(Stats.c4(2)).isCloseTo(0.7978845608, within(1e-10));
		assertThat(Stats.c4(5)).isCloseTo(0.9399856030, within(1e-10));
		assertThat(Stats.c4(10)).isCloseTo(0.9726592741, within(1e-10));
		// closed forms: c4(2) = √(2/π), c4(3) = √π/2, c4(4) = 2·√(2/(3π))
		assertThat(Stats.c4(2)).isCloseTo(Math.sqrt(2 / Math.PI), within(1e-14));
		assertThat(Stats.c4(3)).isCloseTo(Math.sqrt(Math.PI) / 2, within(1e-14));
		assertThat(Stats.c4(4)).isCloseTo(2 * Math.sqrt(2 / (3 * Math.PI)), within(1e-14));
		// large subgroups stay accurate: c4(n) ≈ 1 − 1/(4n) − 7/(32n²)
		assertThat(Stats.c4(1000)).isCloseTo(1 - 1 / 4000.0 - 7 / 32e6, within(1e-9));
		assertThat(Stats.c4(1)).isNaN();
		assertThat(Stats.c4(0)).isNaN();
	}

	@Test
	void subgroupFactorsMatchTheTextbookTables() {
		// rounded table values (Montgomery, Appendix VI)
		assertThat(Stats.a3(5, 3)).isCloseTo(1.427, within(5e-4));
		assertThat(Stats.a3(10, 3)).isCloseTo(0.975, within(5e-4));
		assertThat(Stats.b4(5, 3)).isCloseTo(2.089, within(5e-4));
		assertThat(Stats.b3(5, 3)).isZero();
		assertThat(Stats.b3(10, 3)).isCloseTo(0.284, within(5e-4));
		assertThat(Stats.b4(10, 3)).isCloseTo(1.716, within(5e-4));
	}

	@Test
	void logGammaMatchesFactorials() {
		assertThat(Stats.logGamma(1)).isCloseTo(0, within(1e-14));
		assertThat(Stats.logGamma(0.5)).isCloseTo(Math.log(Math.sqrt(Math.PI)), within(1e-14));
		assertThat(Stats.logGamma(11)).isCloseTo(Math.log(3628800), within(1e-12));
		assertThat(Stats.logGamma(0.25)).isCloseTo(1.2880225246980774, within(1e-13));
	}

	@Test
	void medianAveragesTheTwoMiddleValuesAndSkipsMissingOnes() {
		assertThat(Stats.median(new double[] { 4, Double.NaN, 1, 3, 2 })).isEqualTo(2.5);
		assertThat(Stats.median(new double[] { 5, 1, 3 })).isEqualTo(3);
		assertThat(Stats.median(new double[] { Double.NaN })).isNaN();
	}

	@Test
	void screeningKeepsOnlyRangesStrictlyBelowTheLimit() {
		// ranges 1 1 1 1 1 1 20: AMR = 26/7, limit 12.13 drops the 20 → 1
		assertThat(Stats.averageMovingRange(new double[] { 10, 11, 10, 11, 10, 11, 10, 30 }, true)).isEqualTo(1);
		// all ranges 0: AMR 0 and the limit 0 drops every range (0 is not below 0) → missing, as in the package
		assertThat(Stats.averageMovingRange(new double[] { 3, 3, 3 }, true)).isNaN();
		assertThat(Stats.averageMovingRange(new double[] { 3, 3, 3 }, false)).isZero();
	}
}
