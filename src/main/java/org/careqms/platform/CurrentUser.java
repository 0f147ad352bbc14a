package org.careqms.platform;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Access to the signed-in {@link CareQmsUser} of the current request. */
public final class CurrentUser {

	private CurrentUser() {
	}

	public static Optional<CareQmsUser> find() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof CareQmsUser user) {
			return Optional.of(user);
		}
		return Optional.empty();
	}

	/** The signed-in user; a request without one never reaches business code (deny by default). */
	public static CareQmsUser require() {
		return find().orElseThrow(() -> new IllegalStateException("No signed-in CareQMS user in this request"));
	}

	/** Name recorded in created_by/changed_by and the audit trail. */
	public static String name() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication == null ? "system" : authentication.getName();
	}
}
