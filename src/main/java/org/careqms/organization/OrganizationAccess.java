package org.careqms.organization;

import java.util.UUID;

import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.Role;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who may change department-bound organization data (staff, a department's QC group): the quality
 * office and administrators for every department, a department head (科主任, the department's first
 * responsible person) for the departments in their scope. Everyone else reads.
 */
final class OrganizationAccess {

	/** Roles that may open the forms at all; the department is checked by {@link #mayManage}. */
	static final String MANAGERS_AND_HEADS = "hasAnyRole('SYSTEM_ADMIN', 'QUALITY_MANAGER', 'DEPARTMENT_HEAD')";

	private OrganizationAccess() {
	}

	static boolean mayManage(CareQmsUser user, UUID departmentId) {
		if (user.hasRole(Role.SYSTEM_ADMIN) || user.hasRole(Role.QUALITY_MANAGER)) {
			return true;
		}
		return user.hasRole(Role.DEPARTMENT_HEAD) && departmentId != null
				&& user.departmentIds().contains(departmentId);
	}

	/** Refuses (403) unless the signed-in user may change data of the department. */
	static void requireManage(UUID departmentId) {
		if (!mayManage(CurrentUser.require(), departmentId)) {
			throw new AccessDeniedException("may not manage department " + departmentId);
		}
	}

	/** Hospital-wide managers; department heads only manage their own department's data. */
	static boolean managesHospital(CareQmsUser user) {
		return user.hasRole(Role.SYSTEM_ADMIN) || user.hasRole(Role.QUALITY_MANAGER);
	}
}
