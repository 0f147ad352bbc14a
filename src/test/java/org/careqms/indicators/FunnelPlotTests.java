package org.careqms.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class FunnelPlotTests {

	@Test
	void targetIsThePooledProportion() {
		var result = FunnelPlot.of(List.of(new FunnelPlot.Unit("A", 10, 100), new FunnelPlot.Unit("B", 30, 200)), false);
		assertThat(result.target()).isCloseTo(40.0 / 300, within(1e-12));
	}

	@Test
	void limitsFollowTheArcsineFormula() {
		// theta0 = 0.1, n = 100, z = 1.959964: asin(sqrt(0.1)) = 0.32175055, sqrt(1/400) = 0.05
		// upper = sin(0.32175055 + 0.0979982)^2 = sin(0.41974875)^2 = 0.16659...
		double upper = FunnelPlot.limit(0.1, 100, FunnelPlot.Z95, 0);
		double expected = Math.pow(Math.sin(Math.asin(Math.sqrt(0.1)) + 1.959964 * 0.05), 2);
		assertThat(upper).isCloseTo(expected, within(1e-12)).isCloseTo(0.1666, within(1e-3));
		assertThat(FunnelPlot.limit(0.1, 100, -FunnelPlot.Z95, 0)).isLessThan(0.1);
		assertThat(FunnelPlot.limit(0.001, 4, -FunnelPlot.Z998, 0)).isZero(); // truncated at 0
		assertThat(FunnelPlot.limit(0.999, 4, FunnelPlot.Z998, 0)).isEqualTo(1.0); // truncated at 1
	}

	@Test
	void limitsNarrowAsTheDenominatorGrows() {
		assertThat(FunnelPlot.limit(0.1, 1000, FunnelPlot.Z95, 0)).isLessThan(FunnelPlot.limit(0.1, 100, FunnelPlot.Z95, 0));
	}

	@Test
	void anOutlyingDepartmentIsPlacedAboveTheLimits() {
		var result = FunnelPlot.of(List.of(new FunnelPlot.Unit("A", 10, 200), new FunnelPlot.Unit("B", 12, 210),
				new FunnelPlot.Unit("C", 9, 190), new FunnelPlot.Unit("D", 60, 200)), false);
		assertThat(result.units()).filteredOn(p -> p.unit().label().equals("D"))
			.singleElement()
			.extracting(FunnelPlot.Placed::position)
			.isEqualTo(FunnelPlot.Position.ABOVE_998);
		assertThat(result.units()).filteredOn(p -> p.unit().label().equals("A"))
			.singleElement()
			.extracting(FunnelPlot.Placed::position)
			.isIn(FunnelPlot.Position.WITHIN, FunnelPlot.Position.BELOW_95, FunnelPlot.Position.BELOW_998);
	}

	@Test
	void overdispersionWidensTheLimitsOnlyWhenThereIsSome() {
		var homogeneous = List.of(new FunnelPlot.Unit("A", 10, 100), new FunnelPlot.Unit("B", 20, 200),
				new FunnelPlot.Unit("C", 15, 150), new FunnelPlot.Unit("D", 30, 300));
		assertThat(FunnelPlot.tau2(homogeneous, 0.1)).isZero();
		var dispersed = List.of(new FunnelPlot.Unit("A", 2, 100), new FunnelPlot.Unit("B", 40, 200),
				new FunnelPlot.Unit("C", 5, 150), new FunnelPlot.Unit("D", 60, 300), new FunnelPlot.Unit("E", 30, 100));
		double target = 137.0 / 850;
		assertThat(FunnelPlot.tau2(dispersed, target)).isPositive();
	}

	@Test
	void quantileMatchesRsDefaultType7() {
		// R: quantile(c(1, 2, 3, 4, 10), c(0.1, 0.9)) = 1.4, 7.6
		double[] values = { 10, 1, 3, 2, 4 };
		assertThat(FunnelPlot.quantile(values, 0.1)).isCloseTo(1.4, within(1e-12));
		assertThat(FunnelPlot.quantile(values, 0.9)).isCloseTo(7.6, within(1e-12));
	}
}
