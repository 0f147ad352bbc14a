package org.careqms.organization;

import java.util.EnumSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.careqms.audittrail.AuditAction;
import org.careqms.audittrail.AuditTrail;
import org.careqms.platform.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On an installation without users, creates the hospital and the first administrator from
 * {@code CAREQMS_ADMIN_USERNAME}/{@code CAREQMS_ADMIN_PASSWORD}; a weak password stops the start-up
 * rather than leave a guessable administrator behind.
 */
@Component
@Order(1)
class HospitalSetup implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(HospitalSetup.class);

	private final HospitalRepository hospitals;
	private final UserRepository users;
	private final UserManagement userManagement;
	private final AuditTrail audit;
	private final TransactionTemplate transactions;
	private final String adminUsername;
	private final String adminPassword;
	private final String hospitalCode;
	private final String hospitalName;

	HospitalSetup(HospitalRepository hospitals, UserRepository users, UserManagement userManagement, AuditTrail audit,
			TransactionTemplate transactions, @Value("${careqms.admin.username:}") String adminUsername,
			@Value("${careqms.admin.password:}") String adminPassword,
			@Value("${careqms.hospital.code:H0001}") String hospitalCode,
			@Value("${careqms.hospital.name:}") String hospitalName) {
		this.hospitals = hospitals;
		this.users = users;
		this.userManagement = userManagement;
		this.audit = audit;
		this.transactions = transactions;
		this.adminUsername = adminUsername;
		this.adminPassword = adminPassword;
		this.hospitalCode = hospitalCode;
		this.hospitalName = hospitalName;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (users.count() > 0 || adminUsername.isBlank()) {
			return;
		}
		if (!adminUsername.matches(UserApiController.USERNAME_PATTERN)) {
			throw new IllegalStateException("CAREQMS_ADMIN_USERNAME is not a valid user name: " + adminUsername);
		}
		var problems = PasswordPolicy.violations(adminUsername, adminPassword);
		if (!problems.isEmpty()) {
			throw new IllegalStateException("CAREQMS_ADMIN_PASSWORD is too weak " + problems
					+ ": use at least " + PasswordPolicy.MIN_LENGTH
					+ " characters from three of upper case, lower case, digits and symbols");
		}
		transactions.executeWithoutResult(status -> {
			Hospital hospital = hospital();
			userManagement.create(hospital.getId(), new UserManagement.NewUser(adminUsername, adminPassword,
					adminUsername, null, null, null, EnumSet.of(Role.SYSTEM_ADMIN), Set.of()));
		});
		log.info("Created the first administrator '{}'", adminUsername);
	}

	/** The installation's hospital, created on first use. */
	Hospital hospital() {
		return hospitals.findByCode(hospitalCode).orElseGet(() -> {
			String name = hospitalName.isBlank() ? "CareQMS" : hospitalName;
			Hospital created = hospitals.save(new Hospital(hospitalCode, name, null));
			audit.record(created.getId(), "Hospital", created.getId(), AuditAction.CREATE, hospitalCode + " " + name,
					null, java.util.Map.of("code", hospitalCode, "name", name));
			return created;
		});
	}

	/** After every start-up step (demo data included): say so when nobody can sign in. */
	@Component
	@Order(10)
	static class NoUserWarning implements ApplicationRunner {

		private final UserRepository users;

		NoUserWarning(UserRepository users) {
			this.users = users;
		}

		@Override
		public void run(ApplicationArguments args) {
			if (users.count() == 0) {
				log.warn("No user exists yet, so nobody can sign in. Set CAREQMS_ADMIN_USERNAME and "
						+ "CAREQMS_ADMIN_PASSWORD to create the first administrator.");
			}
		}
	}
}
