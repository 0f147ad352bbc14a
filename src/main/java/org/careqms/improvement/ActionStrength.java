package org.careqms.improvement;

/** RCA² action hierarchy: strong actions change the system, weak ones rely on people remembering. */
public enum ActionStrength {
	STRONG, INTERMEDIATE, WEAK
}
