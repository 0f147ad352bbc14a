package org.careqms.standards;

import java.math.BigDecimal;

/**
 * An inspector's answer to one item.
 *
 * @param notApplicable the item does not apply (only where the item allows it); {@code earned} is ignored
 * @param earned points earned, in [0, item points]: PASS_FAIL gives points or 0, DEDUCTION gives points
 *        minus the deduction
 */
public record ItemAnswer(long itemId, boolean notApplicable, BigDecimal earned) {
}
