package org.careqms.audits;

/** Kinds of audit a quality office plans. */
public enum AuditType {
	/** 常规检查 */
	ROUTINE,
	/** 专项检查 */
	THEMATIC,
	/** 飞行检查: not shown to the audited department before it starts */
	UNANNOUNCED,
	/** 夜查房 */
	NIGHT,
	/** 节假日检查 */
	HOLIDAY,
	/** 交叉检查: auditors from other departments */
	CROSS_DEPARTMENT,
	/** 科室自查: monthly, one inspection per department, done by the department's own QC officers */
	SELF_INSPECTION,
	/** 第三方检查 */
	THIRD_PARTY
}
