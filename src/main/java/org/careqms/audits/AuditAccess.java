package org.careqms.audits;

import org.careqms.platform.CareQmsUser;
import org.careqms.platform.Role;

/** Who may see and do what with plans and inspections. */
final class AuditAccess {

	private AuditAccess() {
	}

	/** Plans and their inspections are the quality office's. */
	static boolean mayPlan(CareQmsUser user) {
		return user.hasRole(Role.QUALITY_MANAGER) || user.hasRole(Role.SYSTEM_ADMIN);
	}

	/**
	 * Hospital-wide roles and the assigned auditors see an inspection; the audited department sees it too,
	 * except an unannounced one (飞行检查) before it has started.
	 */
	static boolean maySee(CareQmsUser user, Inspection inspection) {
		if (user.hospitalWide() || inspection.assigned(user.id())) {
			return true;
		}
		return user.canSeeDepartment(inspection.getDepartmentId()) && !hiddenFromDepartment(inspection);
	}

	static boolean hiddenFromDepartment(Inspection inspection) {
		return inspection.getAuditType() == AuditType.UNANNOUNCED && inspection.getStartedAt() == null;
	}

	/** The same rule in SQL, over a table aliased {@code i}; parameters {@code :user} and {@code :scope}. */
	static String visibleSql(CareQmsUser user) {
		if (user.hospitalWide()) {
			return "true";
		}
		return "(exists (select 1 from inspection_auditor ia where ia.inspection_id = i.id and ia.user_id = :user)"
				+ " or (i.department_id = any(:scope) and not (i.audit_type = 'UNANNOUNCED' and i.started_at is null)))";
	}

	/** Answers come from the assigned auditors and the quality office; external auditors only read. */
	static boolean mayAnswer(CareQmsUser user, Inspection inspection) {
		if (user.readOnly()) {
			return false;
		}
		return inspection.assigned(user.id()) || user.hasRole(Role.QUALITY_MANAGER);
	}
}
