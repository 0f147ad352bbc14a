package org.careqms.indicators;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.careqms.indicators.spc.Chart;
import org.careqms.indicators.spc.Point;
import org.careqms.indicators.spc.SpcEngine;
import org.careqms.indicators.spc.SpcRequest;
import org.careqms.indicators.spc.SpcResult;
import org.careqms.platform.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * Reads an indicator's months as a control chart (spc-spec.md): a p chart for proportions, a u chart
 * for rates per exposure, an I chart for measurements such as length of stay. An intervention month
 * starts a new part, so the months after a change are judged against their own centre line.
 */
@Component
class IndicatorCharts {

	/** A month whose point raised a signal, for the list under the chart and for alerts. */
	record Signal(YearMonth period, String kind) {
	}

	private final SpcEngine engine = new SpcEngine();

	/** The control chart of the rows, or empty when there are too few points to draw one. */
	Optional<SpcResult> analyse(Indicator indicator, List<IndicatorResult> rows, YearMonth phase) {
		if (rows.size() < 2) {
			return Optional.empty();
		}
		Chart chart = Chart.ofCode(indicator.chartType()).orElse(Chart.I);
		List<Double> values = new ArrayList<>();
		List<Double> denominators = new ArrayList<>();
		for (IndicatorResult row : rows) {
			if (chart == Chart.I) {
				values.add(row.value());
			}
			else {
				values.add(row.numerator().doubleValue());
				denominators.add(row.denominator().doubleValue());
			}
		}
		SpcRequest request = SpcRequest.of(chart, values);
		if (chart != Chart.I) {
			request = request.withDenominators(denominators).withMultiply(indicator.multiplier());
		}
		int split = phase == null ? -1 : firstIndexFrom(rows, phase);
		if (split > 0 && split < rows.size()) {
			request = request.withBreaks(List.of(split));
		}
		try {
			return Optional.of(engine.analyze(request));
		}
		catch (InvalidInputException ex) {
			return Optional.empty(); // e.g. constant data or a numerator above its denominator
		}
	}

	private static int firstIndexFrom(List<IndicatorResult> rows, YearMonth phase) {
		for (int i = 0; i < rows.size(); i++) {
			if (!rows.get(i).period().isBefore(phase)) {
				return i;
			}
		}
		return -1;
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
		chart.put("chartType", indicator.chartType());
		analyse(indicator, rows, phase).ifPresent(spc -> {
			List<Double> center = new ArrayList<>();
			List<Double> lower = new ArrayList<>();
			List<Double> upper = new ArrayList<>();
			List<Integer> signals = new ArrayList<>();
			for (Point point : spc.points()) {
				center.add(point.centerLine());
				lower.add(point.lcl());
				upper.add(point.ucl());
				if (point.sigmaSignal()) {
					signals.add(point.position() - 1);
				}
			}
			chart.put("centerLine", center);
			chart.put("lcl", lower);
			chart.put("ucl", upper);
			chart.put("signalPoints", signals);
		});
		return chart;
	}

	/** Points outside the limits, and parts whose runs analysis shows a shift or too few crossings. */
	List<Signal> signals(Indicator indicator, List<IndicatorResult> rows, YearMonth phase) {
		List<Signal> signals = new ArrayList<>();
		analyse(indicator, rows, phase).ifPresent(spc -> {
			for (var part : spc.parts()) {
				if (part.runsSignal()) {
					signals.add(new Signal(rows.get(part.from() - 1).period(), "RUNS"));
				}
			}
			for (Point point : spc.points()) {
				if (point.sigmaSignal()) {
					signals.add(new Signal(rows.get(point.position() - 1).period(), kind(point)));
				}
			}
		});
		return signals;
	}

	/** The "Making Data Count" icons of a series: its variation and, with a target, its assurance. */
	record Icons(String variation, String assurance) {
	}

	Optional<Icons> icons(Indicator indicator, List<IndicatorResult> rows, BigDecimal target) {
		if (rows.size() < 2) {
			return Optional.empty();
		}
		var improvement = switch (indicator.direction()) {
			case "lower" -> org.careqms.indicators.spc.Improvement.DECREASE;
			case "higher" -> org.careqms.indicators.spc.Improvement.INCREASE;
			default -> org.careqms.indicators.spc.Improvement.NEUTRAL;
		};
		var request = org.careqms.indicators.spc.MdcRequest.of(rows.stream().map(IndicatorResult::value).toList())
			.withImprovement(improvement)
			.withTarget(target == null ? null : target.doubleValue());
		try {
			SpcResult result = engine.analyze(request);
			var group = result.parts().get(result.parts().size() - 1);
			return Optional.of(new Icons(group.variation() == null ? null : group.variation().code(),
					group.assurance() == null ? null : group.assurance().code()));
		}
		catch (InvalidInputException ex) {
			return Optional.empty();
		}
	}

	/** The special-cause signal of the newest month, if its control chart shows one. */
	Optional<String> latestSignal(Indicator indicator, List<IndicatorResult> rows) {
		return analyse(indicator, rows, null).flatMap(spc -> {
			Point last = spc.points().get(spc.points().size() - 1);
			if (last.sigmaSignal()) {
				return Optional.of(kind(last));
			}
			var lastPart = spc.parts().get(spc.parts().size() - 1);
			return lastPart.runsSignal() ? Optional.of("RUNS") : Optional.empty();
		});
	}

	private static String kind(Point point) {
		return point.ucl() != null && point.value() != null && point.value() > point.ucl() ? "SIGMA_HIGH" : "SIGMA_LOW";
	}
}
