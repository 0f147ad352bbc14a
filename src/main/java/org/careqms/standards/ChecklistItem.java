package org.careqms.standards;

import java.math.BigDecimal;

/**
 * One item of a checklist template version.
 *
 * @param code the item's code, unique within the version ("1.2")
 * @param critical a failed critical item fails the whole inspection (单项否决)
 * @param notApplicableAllowed whether the inspector may mark it not applicable
 * @param coreSystemCheckId the core-system check it verifies (catalog id such as {@code CS02-K4}), or null
 */
public record ChecklistItem(long id, String code, String text, String guidance, ScoringMethod scoring,
		BigDecimal points, boolean critical, boolean notApplicableAllowed, String coreSystemCheckId, int position) {
}
