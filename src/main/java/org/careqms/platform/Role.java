package org.careqms.platform;

/**
 * The roles of api-contract.md. Hospital-wide roles see every department of their hospital;
 * the others see only the departments assigned to the user (and the departments below them).
 */
public enum Role {

	SYSTEM_ADMIN(true), QUALITY_MANAGER(true), DEPARTMENT_HEAD(false), QC_OFFICER(false), STAFF(false), AUDITOR(false);

	private final boolean hospitalWide;

	Role(boolean hospitalWide) {
		this.hospitalWide = hospitalWide;
	}

	public boolean hospitalWide() {
		return hospitalWide;
	}

	/** The Spring Security authority name ({@code ROLE_SYSTEM_ADMIN}). */
	public String authority() {
		return "ROLE_" + name();
	}
}
