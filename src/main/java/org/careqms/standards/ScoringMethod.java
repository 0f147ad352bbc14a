package org.careqms.standards;

/**
 * How a checklist item is scored. Whatever the method, an answer records the points earned, between 0
 * and the item's points: {@code POINTS} earns up to its points, {@code DEDUCTION} starts from its
 * points and loses what the inspector deducts (earned = points - deduction), {@code PASS_FAIL} earns
 * all or nothing.
 */
public enum ScoringMethod {
	POINTS, DEDUCTION, PASS_FAIL
}
