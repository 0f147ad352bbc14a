package org.careqms.indicators;

import java.util.List;
import java.util.Locale;

/** The points of a small trend line drawn as inline SVG (no script, so it also prints). */
final class Sparkline {

	static final int WIDTH = 120;
	static final int HEIGHT = 28;

	private Sparkline() {
	}

	/** SVG polyline points scaled into WIDTH × HEIGHT, or an empty string with fewer than two values. */
	static String points(List<Double> values) {
		if (values.size() < 2) {
			return "";
		}
		double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
		double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
		double span = max - min == 0 ? 1 : max - min;
		var points = new StringBuilder();
		for (int i = 0; i < values.size(); i++) {
			double x = 2 + i * (WIDTH - 4.0) / (values.size() - 1);
			double y = HEIGHT - 2 - (values.get(i) - min) / span * (HEIGHT - 4.0);
			points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
		}
		return points.toString().trim();
	}
}
