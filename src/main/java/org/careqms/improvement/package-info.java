/**
 * The one action register: findings from every source become actions with an owner, a responsible
 * department, a due date and an expected result; overdue actions are escalated (督办); an action is
 * closed only after its effect is verified, against its indicator where it has one. Bigger problems are
 * worked as PDCA cycles or QC-circle projects (品管圈) whose Do stage links actions of the register.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Improvement", allowedDependencies = { "platform",
		"organization", "audittrail", "notification", "indicators", "incidents", "audits" })
package org.careqms.improvement;
