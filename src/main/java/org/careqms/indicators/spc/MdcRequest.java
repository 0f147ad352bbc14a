package org.careqms.indicators.spc;

import java.time.LocalDate;
import java.util.List;

/**
 * A "Making Data Count" XmR chart ({@code "chart": "xmr-mdc"}).
 *
 * @param values one measurement per point, none missing
 * @param dates optional, one per point: points are charted in date order
 * @param improvement which way is better; {@code null} means increase
 * @param target optional target for the assurance icon
 * @param rebase 1-based positions (in {@code values}) where a new group starts
 * @param fixAfterPoints optional, at least 12: only a group's first k points feed its limits
 * @param screenOutliers drop moving ranges ≥ 3.267·AMR before the limits
 */
public record MdcRequest(List<Double> values, List<LocalDate> dates, Improvement improvement, Double target,
		List<Integer> rebase, Integer fixAfterPoints, boolean screenOutliers) {

	public MdcRequest {
		improvement = improvement == null ? Improvement.INCREASE : improvement;
	}

	/** Values in order, improvement upwards, no target, one group, outliers screened. */
	public static MdcRequest of(List<Double> values) {
		return new MdcRequest(values, null, Improvement.INCREASE, null, null, null, true);
	}

	public MdcRequest withDates(List<LocalDate> dates) {
		return new MdcRequest(values, dates, improvement, target, rebase, fixAfterPoints, screenOutliers);
	}

	public MdcRequest withImprovement(Improvement improvement) {
		return new MdcRequest(values, dates, improvement, target, rebase, fixAfterPoints, screenOutliers);
	}

	public MdcRequest withTarget(Double target) {
		return new MdcRequest(values, dates, improvement, target, rebase, fixAfterPoints, screenOutliers);
	}

	public MdcRequest withRebase(List<Integer> rebase) {
		return new MdcRequest(values, dates, improvement, target, rebase, fixAfterPoints, screenOutliers);
	}

	public MdcRequest withFixAfterPoints(Integer fixAfterPoints) {
		return new MdcRequest(values, dates, improvement, target, rebase, fixAfterPoints, screenOutliers);
	}

	public MdcRequest withScreenOutliers(boolean screenOutliers) {
		return new MdcRequest(values, dates, improvement, target, rebase, fixAfterPoints, screenOutliers);
	}
}
