package org.careqms.organization;

/**
 * The committees a Chinese hospital keeps by regulation (医疗质量管理办法 and the core systems), plus
 * each department's QC group (科室质控小组), which belongs to one department.
 */
enum CommitteeType {
	QUALITY_MANAGEMENT, MEDICAL_RECORD, PHARMACY_THERAPEUTICS, INFECTION_CONTROL, BLOOD_TRANSFUSION, NURSING_QUALITY,
	MEDICAL_TECHNOLOGY, DEPARTMENT_QC_GROUP, OTHER;

	boolean departmentGroup() {
		return this == DEPARTMENT_QC_GROUP;
	}
}
