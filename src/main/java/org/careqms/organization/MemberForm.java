package org.careqms.organization;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Appointing a staff member to a committee: who, in which position, answering for what. */
class MemberForm {

	@NotNull
	private UUID staffId;

	@NotNull
	private CommitteePosition position = CommitteePosition.MEMBER;

	@Size(max = 500)
	private String duty;

	public UUID getStaffId() {
		return staffId;
	}

	public void setStaffId(UUID staffId) {
		this.staffId = staffId;
	}

	public CommitteePosition getPosition() {
		return position;
	}

	public void setPosition(CommitteePosition position) {
		this.position = position;
	}

	public String getDuty() {
		return duty;
	}

	public void setDuty(String duty) {
		this.duty = DepartmentForm.trimToNull(duty);
	}
}
