package org.careqms.indicators;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/** Turns monthly results into what the ECharts chart on the indicator page draws. */
@Component
class IndicatorCharts {

	/** A month whose point raised a signal, for the list under the chart. */
	record Signal(YearMonth period, String kind) {
	}

	Map<String, Object> chart(Indicator indicator, List<IndicatorResult> rows, BigDecimal target, YearMonth phase) {
		Map<String, Object> chart = new LinkedHashMap<>();
		List<String> labels = new ArrayList<>();
		List<Double> values = new ArrayList<>();
		for (IndicatorResult row : rows) {
			labels.add(row.period().toString());
			values.add(row.value());
		}
		chart.put("labels", labels);
		chart.put("values", values);
		chart.put("target", target);
		chart.put("unit", indicator.unit());
		return chart;
	}

	List<Signal> signals(Indicator indicator, List<IndicatorResult> rows, YearMonth phase) {
		return List.of();
	}

	/** The special-cause signal of the newest month, if its control chart shows one. */
	java.util.Optional<String> latestSignal(Indicator indicator, List<IndicatorResult> rows) {
		return java.util.Optional.empty();
	}
}
