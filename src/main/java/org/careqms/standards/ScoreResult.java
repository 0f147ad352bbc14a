package org.careqms.standards;

import java.math.BigDecimal;
import java.util.List;

/**
 * The score of an inspection against one checklist version.
 *
 * @param possible points of the answered and unanswered applicable items (not-applicable items leave it)
 * @param percent earned / possible x 100, 2 decimals HALF_UP; null when nothing is possible
 * @param vetoed a critical item failed: the inspection fails whatever the percent (单项否决)
 * @param failedItemIds items answered with fewer points than they carry
 * @param criticalFailedItemIds the failed items that are critical
 * @param unansweredItemIds applicable items without an answer (counted as possible, earning nothing)
 */
public record ScoreResult(BigDecimal earned, BigDecimal possible, BigDecimal percent, boolean vetoed,
		List<Long> failedItemIds, List<Long> criticalFailedItemIds, List<Long> unansweredItemIds) {

	public ScoreResult {
		failedItemIds = List.copyOf(failedItemIds);
		criticalFailedItemIds = List.copyOf(criticalFailedItemIds);
		unansweredItemIds = List.copyOf(unansweredItemIds);
	}
}
