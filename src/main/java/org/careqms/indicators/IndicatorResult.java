package org.careqms.indicators;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.UUID;

/**
 * One month of one indicator for one department, or for the whole hospital when {@code departmentId}
 * is null. {@code value} is the shown figure: multiplier × numerator / denominator.
 */
public record IndicatorResult(YearMonth period, UUID departmentId, BigDecimal numerator, BigDecimal denominator,
		double value) {
}
