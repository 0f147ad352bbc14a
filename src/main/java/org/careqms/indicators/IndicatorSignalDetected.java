package org.careqms.indicators;

import java.time.YearMonth;
import java.util.UUID;

/**
 * An indicator month breached its target or showed special-cause variation. The improvement module
 * turns it into an action; {@code departmentId} is null for a hospital-wide signal.
 *
 * @param kind {@code TARGET_BREACH} or {@code SPECIAL_CAUSE}
 */
public record IndicatorSignalDetected(UUID alertId, UUID hospitalId, String indicatorCode, UUID departmentId,
		YearMonth period, String kind, double value) {
}
