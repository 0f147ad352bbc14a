package org.careqms.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** How an indicator becomes a control chart: chart type by unit, intervention phases, signals. */
class IndicatorChartsTests {

	final IndicatorCharts charts = new IndicatorCharts();
	final IndicatorCatalog catalog = new IndicatorCatalog();

	static List<IndicatorResult> months(int... numerators) {
		List<IndicatorResult> rows = new ArrayList<>();
		YearMonth month = YearMonth.of(2024, 1);
		for (int n : numerators) {
			rows.add(new IndicatorResult(month, null, BigDecimal.valueOf(n), BigDecimal.valueOf(100), n));
			month = month.plusMonths(1);
		}
		return rows;
	}

	@Test
	void proportionsGetAPChartWithLimitsInPercent() {
		var spc = charts.analyse(catalog.find("MORT-INPT").orElseThrow(), months(5, 6, 4, 5, 7, 5, 6, 4), null)
			.orElseThrow();
		assertThat(spc.chart().code()).isEqualTo("p");
		assertThat(spc.points().get(0).centerLine()).isCloseTo(5.25, org.assertj.core.api.Assertions.within(1e-9));
		assertThat(spc.points().get(0).ucl()).isGreaterThan(5.25);
	}

	@Test
	void lengthOfStayGetsAnIndividualsChart() {
		assertThat(catalog.find("ALOS").orElseThrow().chartType()).isEqualTo("i");
		assertThat(catalog.find("QI-066").orElseThrow().chartType()).isEqualTo("u");
	}

	@Test
	void anInterventionMonthStartsANewPart() {
		var rows = months(20, 22, 19, 21, 20, 23, 21, 8, 7, 9, 8, 7, 8, 9);
		var spc = charts.analyse(catalog.find("MORT-INPT").orElseThrow(), rows, YearMonth.of(2024, 8)).orElseThrow();
		assertThat(spc.parts()).hasSize(2);
		assertThat(spc.parts().get(1).from()).isEqualTo(8);
		assertThat(spc.points().get(0).centerLine()).isGreaterThan(spc.points().get(13).centerLine());
		// without the phase the drop is a special cause of one long chart
		assertThat(charts.signals(catalog.find("MORT-INPT").orElseThrow(), rows, null)).isNotEmpty();
	}

	@Test
	void theNewestMonthOutsideTheLimitsIsASignal() {
		var rows = months(5, 6, 4, 5, 7, 5, 6, 4, 5, 6, 30);
		assertThat(charts.latestSignal(catalog.find("MORT-INPT").orElseThrow(), rows)).contains("SIGMA_HIGH");
		assertThat(charts.latestSignal(catalog.find("MORT-INPT").orElseThrow(), months(5, 6, 4, 5, 7, 5)))
			.isEmpty();
	}

	@Test
	void tooFewMonthsDrawNoControlChart() {
		assertThat(charts.analyse(catalog.find("MORT-INPT").orElseThrow(), months(5), null)).isEmpty();
		assertThat(charts.chart(catalog.find("MORT-INPT").orElseThrow(), months(5), null, null))
			.doesNotContainKey("centerLine");
	}

	@Test
	void makingDataCountIconsFollowTheIndicatorsDirectionAndTarget() {
		// mortality (lower is better) falling for 7 months in a row: a special cause of improvement
		var falling = months(20, 20, 21, 19, 20, 21, 20, 18, 16, 14, 12, 10, 8, 6);
		var icons = charts.icons(catalog.find("MORT-INPT").orElseThrow(), falling, new BigDecimal("50")).orElseThrow();
		assertThat(icons.variation()).isEqualTo("special_cause_improvement");
		assertThat(icons.assurance()).isEqualTo("consistent_pass"); // a target of 50 above the upper limit
		var stable = months(5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6);
		assertThat(charts.icons(catalog.find("MORT-INPT").orElseThrow(), stable, null).orElseThrow())
			.isEqualTo(new IndicatorCharts.Icons("common_cause", null));
	}
}
