package org.careqms.improvement;

/** Where the finding behind an action came from. */
public enum ActionSource {
	INDICATOR_SIGNAL, INCIDENT, AUDIT_FINDING, RECORD_DEFECT, COMPLAINT, COMMITTEE, MANUAL
}
