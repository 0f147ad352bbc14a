package org.careqms.indicators.spc;

import java.util.List;

/** The analysed chart: its points in plotting order and its parts. */
public record SpcResult(Chart chart, List<Point> points, List<Part> parts) {

	public SpcResult {
		points = List.copyOf(points);
		parts = List.copyOf(parts);
	}
}
