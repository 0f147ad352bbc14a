/**
 * The one action register: findings from every source become actions with an owner, a responsible
 * department, a due date and an expected result; overdue actions are escalated (督办); an action is
 * closed only after its effect is verified, against its indicator where it has one.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Improvement", allowedDependencies = { "platform",
		"organization", "audittrail", "notification", "indicators", "incidents", "audits" })
package org.careqms.improvement;
