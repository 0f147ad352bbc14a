package org.careqms.platform;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in user as every module sees it: who, which hospital, which roles and which
 * departments (already expanded to the departments below the assigned ones).
 */
public final class CareQmsUser implements UserDetails, CredentialsContainer, Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	private final UUID id;
	private final UUID hospitalId;
	private final String username;
	private String passwordHash;
	private final String displayName;
	private final Set<Role> roles;
	private final Set<UUID> departmentIds;
	private final boolean enabled;
	private final Instant lockedUntil;
	private final Instant accessExpiresAt;

	public CareQmsUser(UUID id, UUID hospitalId, String username, String passwordHash, String displayName,
			Set<Role> roles, Set<UUID> departmentIds, boolean enabled, Instant lockedUntil, Instant accessExpiresAt) {
		this.id = id;
		this.hospitalId = hospitalId;
		this.username = username;
		this.passwordHash = passwordHash;
		this.displayName = displayName;
		this.roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
		this.departmentIds = Set.copyOf(departmentIds);
		this.enabled = enabled;
		this.lockedUntil = lockedUntil;
		this.accessExpiresAt = accessExpiresAt;
	}

	public UUID id() {
		return id;
	}

	public UUID hospitalId() {
		return hospitalId;
	}

	public String displayName() {
		return displayName;
	}

	public Set<Role> roles() {
		return roles;
	}

	public boolean hasRole(Role role) {
		return roles.contains(role);
	}

	/** Sees every department of the hospital. */
	public boolean hospitalWide() {
		return roles.stream().anyMatch(Role::hospitalWide);
	}

	/** Departments a department-bound user may see, including those below the assigned ones. */
	public Set<UUID> departmentIds() {
		return departmentIds;
	}

	public boolean canSeeDepartment(UUID departmentId) {
		return hospitalWide() || (departmentId != null && departmentIds.contains(departmentId));
	}

	/** Auditors and users without a writing role only read. */
	public boolean readOnly() {
		return roles.stream().allMatch(r -> r == Role.AUDITOR);
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return roles.stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList();
	}

	@Override
	public String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return username;
	}

	@Override
	public boolean isAccountNonExpired() {
		return accessExpiresAt == null || Instant.now().isBefore(accessExpiresAt);
	}

	@Override
	public boolean isAccountNonLocked() {
		return lockedUntil == null || !Instant.now().isBefore(lockedUntil);
	}

	@Override
	public boolean isEnabled() {
		return enabled;
	}

	@Override
	public void eraseCredentials() {
		passwordHash = null;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof CareQmsUser user && user.id.equals(id);
	}

	@Override
	public int hashCode() {
		return id.hashCode();
	}

	@Override
	public String toString() {
		return "CareQmsUser[" + username + "]";
	}
}
