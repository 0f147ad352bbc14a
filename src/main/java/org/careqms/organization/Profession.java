package org.careqms.organization;

/** 专业类别: the kind of health professional a staff member is. */
enum Profession {
	DOCTOR, NURSE, TECHNICIAN, PHARMACIST, ADMINISTRATOR, OTHER;

	/** Administrators and others often hold a clinical title from earlier work; any title fits them. */
	boolean acceptsAnyTitle() {
		return this == ADMINISTRATOR || this == OTHER;
	}
}
