package org.careqms.improvement;

/** Where an action stands. An action is closed only by a verification that found it effective. */
public enum ActionStatus {
	OPEN, IN_PROGRESS, AWAITING_VERIFICATION, CLOSED, CANCELLED;

	public boolean active() {
		return this == OPEN || this == IN_PROGRESS || this == AWAITING_VERIFICATION;
	}
}
