package org.careqms.indicators.spc;

import java.time.LocalDate;

/**
 * One plotted point. Numbers are {@code null} where they are missing: a missing value, the first
 * point of an MR chart, limits of a run chart, limits that cannot be computed.
 *
 * @param position the point's 1-based position in the request
 * @param value the plotted statistic (a proportion for p, a rate for u, a subgroup mean for xbar)
 * @param lcl95 the 2-sigma line ("near limit" for xmr-mdc)
 * @param sigmaSignal the value is strictly outside the limits
 * @param runsSignal qicharts2: the part's Anhøj runs signal; xmr-mdc: the point belongs to a trend,
 *        two-of-three or shift pattern
 * @param part the 1-based part (group for xmr-mdc)
 * @param baseline the point feeds the centre line and limits (before freeze or fixAfterPoints)
 * @param included the point is not excluded
 * @param specialCause xmr-mdc only
 * @param pointType xmr-mdc only
 * @param date xmr-mdc only, when dates were given
 */
public record Point(int position, Double value, Double centerLine, Double lcl, Double ucl, Double lcl95, Double ucl95,
		boolean sigmaSignal, boolean runsSignal, int part, boolean baseline, boolean included,
		SpecialCause specialCause, PointType pointType, LocalDate date) {
}
