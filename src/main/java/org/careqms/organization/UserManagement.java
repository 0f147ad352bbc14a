package org.careqms.organization;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.careqms.audittrail.AuditAction;
import org.careqms.audittrail.AuditTrail;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.careqms.platform.NotFoundException;
import org.careqms.platform.Role;
import org.careqms.platform.RuleViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating and changing accounts: password policy, roles with department scope, retirement. */
@Service
class UserManagement {

	static final String ENTITY = "User";

	private final UserRepository users;
	private final DepartmentRepository departments;
	private final PasswordEncoder passwords;
	private final AuditTrail audit;
	private final Clock clock;

	UserManagement(UserRepository users, DepartmentRepository departments, PasswordEncoder passwords,
			AuditTrail audit, Clock clock) {
		this.users = users;
		this.departments = departments;
		this.passwords = passwords;
		this.audit = audit;
		this.clock = clock;
	}

	/** Everything needed to create an account. */
	record NewUser(String username, String password, String displayName, String email, UUID staffId,
			Instant accessExpiresAt, Set<Role> roles, Set<UUID> departmentIds) {
	}

	/** Everything an administrator may change on an account. */
	record UserChange(String displayName, String email, UUID staffId, Instant accessExpiresAt, Set<Role> roles,
			Set<UUID> departmentIds, boolean enabled, Integer version) {
	}

	@Transactional(readOnly = true)
	public List<UserAccount> all(UUID hospitalId) {
		return users.findByHospitalIdOrderByUsername(hospitalId);
	}

	@Transactional(readOnly = true)
	public UserAccount get(UUID hospitalId, UUID id) {
		return users.findByIdAndHospitalId(id, hospitalId).orElseThrow(NotFoundException::new);
	}

	@Transactional
	public UserAccount create(UUID hospitalId, NewUser request) {
		if (users.usernameTaken(request.username())) {
			throw new RuleViolationException("username", "user.username-taken", request.username());
		}
		PasswordPolicy.check("password", request.username(), request.password());
		checkDepartments(hospitalId, request.departmentIds());
		Instant now = now();
		var account = new UserAccount(hospitalId, request.username(), passwords.encode(request.password()), now);
		account.describe(request.displayName(), request.email(), request.staffId(), request.accessExpiresAt());
		account.authorize(request.roles(), request.departmentIds());
		UserAccount saved = users.save(account);
		audit.record(hospitalId, ENTITY, saved.getId(), AuditAction.CREATE, saved.getUsername(), null,
				saved.auditState());
		return saved;
	}

	@Transactional
	public UserAccount update(UUID hospitalId, UUID id, UserChange change) {
		UserAccount account = get(hospitalId, id);
		if (change.version() != null && !change.version().equals(account.getVersion())) {
			throw new OptimisticLockingFailureException("user changed by someone else");
		}
		if (account.isRetired()) {
			throw new RuleViolationException("user.already-retired");
		}
		checkDepartments(hospitalId, change.departmentIds());
		boolean self = CurrentUser.find().map(u -> u.id().equals(id)).orElse(false);
		if (self && (!change.enabled() || !change.roles().contains(Role.SYSTEM_ADMIN)
				&& account.roleSet().contains(Role.SYSTEM_ADMIN))) {
			throw new RuleViolationException("user.cannot-lock-out-self");
		}
		var before = account.auditState();
		account.describe(change.displayName(), change.email(), change.staffId(), change.accessExpiresAt());
		account.authorize(change.roles(), change.departmentIds());
		account.enable(change.enabled());
		UserAccount saved = users.save(account);
		audit.record(hospitalId, ENTITY, saved.getId(), AuditAction.UPDATE, saved.getUsername(), before,
				saved.auditState());
		return saved;
	}

	/** An administrator sets a new password (the user should change it at next login). */
	@Transactional
	public void resetPassword(UUID hospitalId, UUID id, String newPassword) {
		UserAccount account = get(hospitalId, id);
		PasswordPolicy.check("password", account.getUsername(), newPassword);
		changePassword(account, newPassword);
	}

	/** The user changes their own password, proving they know the current one. */
	@Transactional
	public void changeOwnPassword(UUID userId, String currentPassword, String newPassword) {
		UserAccount account = users.findById(userId).orElseThrow(NotFoundException::new);
		if (!passwords.matches(currentPassword, account.getPasswordHash())) {
			throw new InvalidInputException("currentPassword", "error.password.current-wrong");
		}
		PasswordPolicy.check("newPassword", account.getUsername(), newPassword);
		if (passwords.matches(newPassword, account.getPasswordHash())) {
			throw new InvalidInputException("newPassword", "error.password.unchanged");
		}
		changePassword(account, newPassword);
	}

	private void changePassword(UserAccount account, String newPassword) {
		var before = account.auditState();
		account.changePassword(passwords.encode(newPassword), now());
		UserAccount saved = users.save(account);
		audit.record(saved.getHospitalId(), ENTITY, saved.getId(), AuditAction.PASSWORD_CHANGE, saved.getUsername(),
				before, saved.auditState());
	}

	@Transactional
	public UserAccount retire(UUID hospitalId, UUID id, String reason) {
		UserAccount account = get(hospitalId, id);
		if (CurrentUser.find().map(u -> u.id().equals(id)).orElse(false)) {
			throw new RuleViolationException("user.cannot-lock-out-self");
		}
		var before = account.auditState();
		account.retire(reason, CurrentUser.name(), now());
		UserAccount saved = users.save(account);
		audit.record(hospitalId, ENTITY, saved.getId(), AuditAction.RETIRE, saved.getUsername(), before,
				saved.auditState());
		return saved;
	}

	private void checkDepartments(UUID hospitalId, Set<UUID> departmentIds) {
		for (UUID departmentId : departmentIds) {
			Department department = departments.findByIdAndHospitalId(departmentId, hospitalId)
				.orElseThrow(() -> new RuleViolationException("departmentIds", "user.department-unknown"));
			if (department.isRetired()) {
				throw new RuleViolationException("departmentIds", "user.department-retired", department.getCode());
			}
		}
	}

	private Instant now() {
		return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
	}
}
