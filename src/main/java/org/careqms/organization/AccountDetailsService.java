package org.careqms.organization;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.careqms.platform.CareQmsUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads the signed-in user for Spring Security: roles, lock and expiry, and the department scope
 * expanded to every department below the assigned ones.
 */
@Service
class AccountDetailsService implements UserDetailsService {

	private final UserRepository users;
	private final DepartmentRepository departments;
	private final JdbcClient jdbc;

	AccountDetailsService(UserRepository users, DepartmentRepository departments, JdbcClient jdbc) {
		this.users = users;
		this.departments = departments;
		this.jdbc = jdbc;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String username) {
		UserAccount account = users.findByUsernameIgnoringCase(username)
			.filter(u -> !u.isRetired())
			.orElseThrow(() -> new UsernameNotFoundException("unknown user"));
		return toUser(account);
	}

	CareQmsUser toUser(UserAccount account) {
		Set<UUID> scope = new HashSet<>();
		for (UUID department : account.departmentIds()) {
			scope.addAll(departments.findSubtreeIds(department));
		}
		Instant lockedUntil = jdbc.sql("select locked_until from app_user where id = :id")
			.param("id", account.getId())
			.query((rs, n) -> {
				OffsetDateTime at = rs.getObject(1, OffsetDateTime.class);
				return at == null ? null : at.toInstant();
			})
			.optional()
			.orElse(null);
		return new CareQmsUser(account.getId(), account.getHospitalId(), account.getUsername(),
				account.getPasswordHash(), account.getDisplayName(), account.roleSet(), scope, account.isEnabled(),
				lockedUntil, account.getAccessExpiresAt());
	}
}
