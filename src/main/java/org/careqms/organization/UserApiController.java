package org.careqms.organization;

import java.net.URI;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.careqms.platform.NotFoundException;
import org.careqms.platform.Role;
import org.careqms.platform.RuleViolationException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Users over HTTP (administrators only), plus {@code /me} for any caller. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Users")
@PreAuthorize("hasRole('SYSTEM_ADMIN')")
class UserApiController {

	static final String USERNAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{1,63}";

	private final UserManagement management;
	private final DepartmentManagement departments;

	UserApiController(UserManagement management, DepartmentManagement departments) {
		this.management = management;
		this.departments = departments;
	}

	/** Create an account. */
	record UserRequest(
			@NotBlank @Pattern(regexp = USERNAME_PATTERN, message = "{organization.user.username.pattern}") String username,
			@NotNull String password, @NotBlank @Size(max = 100) String displayName,
			@Email @Size(max = 200) String email, @NotEmpty Set<Role> roles, Set<String> departmentCodes,
			LocalDateTime accessExpiresAt) {
	}

	/** An account as the API shows it (never the password). */
	record UserView(String username, String displayName, String email, Set<Role> roles, List<String> departmentCodes,
			boolean enabled, boolean retired, LocalDateTime accessExpiresAt) {
	}

	@PostMapping("/users")
	@Operation(summary = "Create a user: 201; 400 for a weak password or invalid input; 409 if the username exists")
	ResponseEntity<UserView> create(@Valid @RequestBody UserRequest request) {
		UUID hospital = CurrentUser.require().hospitalId();
		Map<String, Department> byCode = departments.all(hospital).stream()
			.collect(Collectors.toMap(Department::getCode, d -> d));
		Set<UUID> departmentIds = new LinkedHashSet<>();
		for (String code : request.departmentCodes() == null ? Set.<String>of() : request.departmentCodes()) {
			Department department = byCode.get(code);
			if (department == null || department.isRetired()) {
				throw new InvalidInputException("departmentCodes", "error.user.department-unknown");
			}
			departmentIds.add(department.getId());
		}
		if (request.roles().stream().noneMatch(Role::hospitalWide) && departmentIds.isEmpty()) {
			throw new InvalidInputException("departmentCodes", "error.user.department-required");
		}
		if (request.roles().contains(Role.AUDITOR) && request.accessExpiresAt() == null) {
			throw new InvalidInputException("accessExpiresAt", "error.user.auditor-needs-expiry");
		}
		PasswordPolicy.check("password", request.username(), request.password());
		try {
			UserAccount created = management.create(hospital, new UserManagement.NewUser(request.username(),
					request.password(), request.displayName().trim(), request.email(), null,
					request.accessExpiresAt() == null ? null
							: request.accessExpiresAt().atZone(ZoneId.systemDefault()).toInstant(),
					EnumSet.copyOf(request.roles()), departmentIds));
			return ResponseEntity.created(URI.create("/api/v1/users/" + created.getUsername()))
				.body(view(created, hospital));
		}
		catch (RuleViolationException ex) {
			if ("user.username-taken".equals(ex.code())) {
				throw ex; // 409
			}
			throw new InvalidInputException(ex.field(), ex.messageKey(), ex.arguments());
		}
	}

	@GetMapping("/users")
	@Operation(summary = "All users of the hospital")
	List<UserView> list() {
		UUID hospital = CurrentUser.require().hospitalId();
		return management.all(hospital).stream().map(u -> view(u, hospital)).toList();
	}

	@GetMapping("/users/{username}")
	@Operation(summary = "One user by username")
	UserView get(@PathVariable String username) {
		UUID hospital = CurrentUser.require().hospitalId();
		return management.all(hospital).stream()
			.filter(u -> u.getUsername().equalsIgnoreCase(username))
			.findFirst()
			.map(u -> view(u, hospital))
			.orElseThrow(NotFoundException::new);
	}

	/** The caller as CareQMS sees them: roles and the departments in their scope. */
	record Me(String username, String displayName, Set<Role> roles, boolean hospitalWide, List<String> departmentCodes) {
	}

	@GetMapping("/me")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Who am I: roles and department scope of the caller")
	Me me() {
		CareQmsUser user = CurrentUser.require();
		List<String> codes = departments.all(user.hospitalId()).stream()
			.filter(d -> user.departmentIds().contains(d.getId()))
			.map(Department::getCode)
			.sorted()
			.toList();
		return new Me(user.getUsername(), user.displayName(), user.roles(), user.hospitalWide(), codes);
	}

	private UserView view(UserAccount user, UUID hospital) {
		Map<UUID, String> codes = departments.all(hospital).stream()
			.collect(Collectors.toMap(Department::getId, Department::getCode));
		return new UserView(user.getUsername(), user.getDisplayName(), user.getEmail(), user.roleSet(),
				user.departmentIds().stream().map(codes::get).sorted().toList(), user.isEnabled(), user.isRetired(),
				user.getAccessExpiresAt() == null ? null
						: LocalDateTime.ofInstant(user.getAccessExpiresAt(), ZoneId.systemDefault()).withNano(0));
	}
}
