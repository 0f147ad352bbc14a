package org.careqms.indicators.spc;

/**
 * One part of a chart (a group between rebases for xmr-mdc), analysed on its own.
 *
 * @param from first point, 1-based position in the chart's point list
 * @param to last point, inclusive
 * @param runs Anhøj runs statistics; {@code null} for xmr-mdc, which has rules of its own
 * @param runsSignal the part's runs signal (false for MR charts); for xmr-mdc, any pattern in the group
 * @param variation xmr-mdc only: the point type of the group's last point
 * @param assurance xmr-mdc only, {@code null} without a target or with a neutral direction
 * @param shortGroupWarning xmr-mdc only: fewer than 13 points
 */
public record Part(int part, int from, int to, AnhoejRuns.Result runs, boolean runsSignal, PointType variation,
		Assurance assurance, Boolean shortGroupWarning) {
}
