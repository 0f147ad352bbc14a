package org.careqms.organization;

/**
 * 专业技术职称: the national health professional titles, each belonging to one profession (医师,
 * 护理, 技师, 药师 series), from senior (正高) to junior (初级).
 */
enum StaffTitle {
	CHIEF_PHYSICIAN(Profession.DOCTOR),
	ASSOCIATE_CHIEF_PHYSICIAN(Profession.DOCTOR),
	ATTENDING_PHYSICIAN(Profession.DOCTOR),
	RESIDENT(Profession.DOCTOR),
	CHIEF_NURSE(Profession.NURSE),
	ASSOCIATE_CHIEF_NURSE(Profession.NURSE),
	SUPERVISOR_NURSE(Profession.NURSE),
	SENIOR_NURSE(Profession.NURSE),
	NURSE(Profession.NURSE),
	CHIEF_TECHNICIAN(Profession.TECHNICIAN),
	ASSOCIATE_CHIEF_TECHNICIAN(Profession.TECHNICIAN),
	SUPERVISOR_TECHNICIAN(Profession.TECHNICIAN),
	SENIOR_TECHNICIAN(Profession.TECHNICIAN),
	TECHNICIAN(Profession.TECHNICIAN),
	CHIEF_PHARMACIST(Profession.PHARMACIST),
	ASSOCIATE_CHIEF_PHARMACIST(Profession.PHARMACIST),
	SUPERVISOR_PHARMACIST(Profession.PHARMACIST),
	SENIOR_PHARMACIST(Profession.PHARMACIST),
	PHARMACIST(Profession.PHARMACIST),
	OTHER(null);

	private final Profession profession;

	StaffTitle(Profession profession) {
		this.profession = profession;
	}

	/** The profession whose title series this title belongs to; null for OTHER. */
	Profession profession() {
		return profession;
	}

	/** Whether a member of the profession may hold this title. */
	boolean fits(Profession holder) {
		return this == OTHER || holder.acceptsAnyTitle() || holder == profession;
	}
}
