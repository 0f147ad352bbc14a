package org.careqms.organization;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.careqms.platform.Role;
import org.careqms.platform.RuleViolationException;
import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedBy;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A person's account: roles and the departments it is bound to. Login counters (failures, lock) are
 * not part of the aggregate: they change on every login and are kept by {@link LoginAttempts} in
 * SQL, so that a login never collides with an administrator's edit.
 */
@Table("app_user")
class UserAccount {

	@Id
	private UUID id;
	private UUID hospitalId;
	private String username;
	private String passwordHash;
	private String displayName;
	private String email;
	private UUID staffId;
	private boolean enabled = true;
	private Instant accessExpiresAt;
	private Instant passwordChangedAt;
	@MappedCollection(idColumn = "user_id")
	private Set<UserRole> roles = new LinkedHashSet<>();
	@MappedCollection(idColumn = "user_id")
	private Set<UserDepartment> departments = new LinkedHashSet<>();
	private boolean retired;
	private String retiredBy;
	private Instant retiredAt;
	private String retireReason;
	@Version
	private Integer version;
	@CreatedBy
	private String createdBy;
	@CreatedDate
	private Instant createdAt;
	@LastModifiedBy
	private String changedBy;
	@LastModifiedDate
	private Instant changedAt;

	/** A role held by the account. */
	@Table("app_user_role")
	record UserRole(Role role) {
	}

	/** A department the account is bound to. */
	@Table("app_user_department")
	record UserDepartment(UUID departmentId) {
	}

	UserAccount() {
	}

	UserAccount(UUID hospitalId, String username, String passwordHash, Instant now) {
		this.id = UUID.randomUUID();
		this.hospitalId = hospitalId;
		this.username = username;
		this.passwordHash = passwordHash;
		this.passwordChangedAt = now;
	}

	void describe(String displayName, String email, UUID staffId, Instant accessExpiresAt) {
		this.displayName = displayName;
		this.email = email;
		this.staffId = staffId;
		this.accessExpiresAt = accessExpiresAt;
	}

	/**
	 * Grants roles and departments together because they constrain each other: department-bound
	 * roles need at least one department, and an auditor's access must end.
	 */
	void authorize(Set<Role> newRoles, Set<UUID> departmentIds) {
		if (newRoles.isEmpty()) {
			throw new RuleViolationException("roles", "user.no-role");
		}
		boolean bound = newRoles.stream().noneMatch(Role::hospitalWide);
		if (bound && departmentIds.isEmpty()) {
			throw new RuleViolationException("departmentIds", "user.department-required");
		}
		if (newRoles.contains(Role.AUDITOR) && accessExpiresAt == null) {
			throw new RuleViolationException("accessExpiresAt", "user.auditor-needs-expiry");
		}
		this.roles = newRoles.stream().map(UserRole::new).collect(Collectors.toCollection(LinkedHashSet::new));
		this.departments = departmentIds.stream().map(UserDepartment::new)
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	void changePassword(String newHash, Instant now) {
		this.passwordHash = newHash;
		this.passwordChangedAt = now;
	}

	void enable(boolean enabled) {
		this.enabled = enabled;
	}

	void retire(String reason, String by, Instant at) {
		if (retired) {
			throw new RuleViolationException("user.already-retired");
		}
		this.retired = true;
		this.enabled = false;
		this.retireReason = reason;
		this.retiredBy = by;
		this.retiredAt = at;
	}

	public Set<Role> roleSet() {
		Set<Role> set = EnumSet.noneOf(Role.class);
		roles.forEach(r -> set.add(r.role()));
		return set;
	}

	public Set<UUID> departmentIds() {
		return departments.stream().map(UserDepartment::departmentId).collect(Collectors.toCollection(LinkedHashSet::new));
	}

	/** Audit state: never the password hash, only that it changed. */
	Map<String, Object> auditState() {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("username", username);
		state.put("displayName", displayName);
		state.put("email", email);
		state.put("staffId", staffId);
		state.put("roles", roleSet().stream().map(Enum::name).sorted().toList());
		state.put("departmentIds", departmentIds().stream().map(UUID::toString).sorted().toList());
		state.put("enabled", enabled);
		state.put("accessExpiresAt", accessExpiresAt);
		state.put("passwordChangedAt", passwordChangedAt);
		state.put("retired", retired);
		state.put("retireReason", retireReason);
		return state;
	}

	public UUID getId() {
		return id;
	}

	public UUID getHospitalId() {
		return hospitalId;
	}

	public String getUsername() {
		return username;
	}

	public String getPasswordHash() {
		return passwordHash;
	}

	public String getDisplayName() {
		return displayName;
	}

	public String getEmail() {
		return email;
	}

	public UUID getStaffId() {
		return staffId;
	}

	public boolean isEnabled() {
		return enabled;
	}

	public Instant getAccessExpiresAt() {
		return accessExpiresAt;
	}

	public Instant getPasswordChangedAt() {
		return passwordChangedAt;
	}

	public boolean isRetired() {
		return retired;
	}

	public String getRetireReason() {
		return retireReason;
	}

	public Instant getRetiredAt() {
		return retiredAt;
	}

	public Integer getVersion() {
		return version;
	}

	public String getCreatedBy() {
		return createdBy;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public String getChangedBy() {
		return changedBy;
	}

	public Instant getChangedAt() {
		return changedAt;
	}
}
