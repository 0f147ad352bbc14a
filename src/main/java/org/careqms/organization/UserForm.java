package org.careqms.organization;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.careqms.platform.Role;

/** The administrator's user form; the password is only asked for on creation. */
class UserForm {

	@NotBlank
	@Pattern(regexp = UserApiController.USERNAME_PATTERN, message = "{organization.user.username.pattern}")
	private String username;

	private String password;

	@NotBlank
	@Size(max = 100)
	private String displayName;

	@Email
	@Size(max = 200)
	private String email;

	private UUID staffId;

	@NotEmpty
	private Set<Role> roles = new LinkedHashSet<>();

	private Set<UUID> departmentIds = new LinkedHashSet<>();

	// an <input type="date"> shows and sends yyyy-MM-dd only; the locale's style (2026/12/26) left it empty
	@org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE)
	private LocalDate accessExpiresOn;

	private boolean enabled = true;

	private Integer version;

	static UserForm of(UserAccount user) {
		var form = new UserForm();
		form.username = user.getUsername();
		form.displayName = user.getDisplayName();
		form.email = user.getEmail();
		form.staffId = user.getStaffId();
		form.roles = new LinkedHashSet<>(user.roleSet());
		form.departmentIds = user.departmentIds();
		form.accessExpiresOn = user.getAccessExpiresAt() == null ? null
				: user.getAccessExpiresAt().atZone(ZoneId.systemDefault()).toLocalDate().minusDays(1);
		form.enabled = user.isEnabled();
		form.version = user.getVersion();
		return form;
	}

	/** Access ends at the end of the chosen day. */
	java.time.Instant accessExpiresAt() {
		return accessExpiresOn == null ? null : accessExpiresOn.plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant();
	}

	Set<Role> roleSet() {
		return roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
	}

	public String getUsername() {
		return username;
	}

	public void setUsername(String username) {
		this.username = username == null ? null : username.trim();
	}

	public String getPassword() {
		return password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public String getDisplayName() {
		return displayName;
	}

	public void setDisplayName(String displayName) {
		this.displayName = displayName == null ? null : displayName.trim();
	}

	public String getEmail() {
		return email;
	}

	public void setEmail(String email) {
		this.email = DepartmentForm.trimToNull(email);
	}

	public UUID getStaffId() {
		return staffId;
	}

	public void setStaffId(UUID staffId) {
		this.staffId = staffId;
	}

	public Set<Role> getRoles() {
		return roles;
	}

	public void setRoles(Set<Role> roles) {
		this.roles = roles == null ? new LinkedHashSet<>() : roles;
	}

	public Set<UUID> getDepartmentIds() {
		return departmentIds;
	}

	public void setDepartmentIds(Set<UUID> departmentIds) {
		this.departmentIds = departmentIds == null ? new LinkedHashSet<>() : departmentIds;
	}

	public LocalDate getAccessExpiresOn() {
		return accessExpiresOn;
	}

	public void setAccessExpiresOn(LocalDate accessExpiresOn) {
		this.accessExpiresOn = accessExpiresOn;
	}

	public boolean isEnabled() {
		return enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Integer getVersion() {
		return version;
	}

	public void setVersion(Integer version) {
		this.version = version;
	}
}
