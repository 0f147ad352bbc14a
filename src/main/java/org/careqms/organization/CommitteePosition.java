package org.careqms.organization;

/** A member's position on a committee, in the order members are listed. */
enum CommitteePosition {
	CHAIR, VICE_CHAIR, SECRETARY, MEMBER
}
