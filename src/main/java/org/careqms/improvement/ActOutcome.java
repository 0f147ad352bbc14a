package org.careqms.improvement;

/** How the Act stage ended: what worked was made standard, or the problem goes into another round. */
public enum ActOutcome {
	STANDARDIZED, NEXT_ROUND
}
