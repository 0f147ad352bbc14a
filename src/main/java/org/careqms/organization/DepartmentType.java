package org.careqms.organization;

/** Kinds of department in the tree hospital → division → department/ward. */
public enum DepartmentType {
	/** 大科/系统: groups departments (a surgical division, say). */
	DIVISION,
	/** 临床科室 */
	CLINICAL,
	/** 医技科室 */
	MEDICAL_TECHNICAL,
	/** 护理单元/病区 */
	NURSING_UNIT,
	/** 职能/行政科室 */
	ADMINISTRATIVE
}
