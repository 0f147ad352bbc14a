package org.careqms.improvement;

/** Whether the cycle's measure should go down (falls, infections) or up (compliance, satisfaction). */
public enum GoalDirection {
	DECREASE, INCREASE
}
