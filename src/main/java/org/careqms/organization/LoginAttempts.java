package org.careqms.organization;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.careqms.audittrail.AuditAction;
import org.careqms.audittrail.AuditTrail;
import org.careqms.platform.CareQmsProperties;
import org.careqms.platform.CareQmsUser;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts consecutive failed logins (form and API alike) and locks the account after too many; a
 * successful login resets the count. The lock is recorded in the audit trail.
 */
@Component
class LoginAttempts {

	private static final Logger log = LoggerFactory.getLogger(LoginAttempts.class);

	private final JdbcClient jdbc;
	private final AuditTrail audit;
	private final Clock clock;
	private final CareQmsProperties.Security settings;
	private final OrganizationChanges changes;

	LoginAttempts(JdbcClient jdbc, AuditTrail audit, Clock clock, CareQmsProperties properties, OrganizationChanges changes) {
		this.jdbc = jdbc;
		this.changes = changes;
		this.audit = audit;
		this.clock = clock;
		this.settings = properties.security();
	}

	@EventListener
	@Transactional
	public void failed(AuthenticationFailureBadCredentialsEvent event) {
		String username = String.valueOf(event.getAuthentication().getPrincipal());
		Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
		var row = jdbc.sql("""
				update app_user set failed_logins = failed_logins + 1
				where lower(username) = lower(:username) and not retired
				returning id, hospital_id, username, failed_logins""")
			.param("username", username)
			.query((rs, n) -> new Object[] { rs.getObject("id", UUID.class), rs.getObject("hospital_id", UUID.class),
					rs.getString("username"), rs.getInt("failed_logins") })
			.optional();
		if (row.isEmpty()) {
			return; // no such user: nothing to count, and nothing that tells an attacker so
		}
		int failures = (Integer) row.get()[3];
		if (failures >= settings.maxFailedLogins()) {
			Instant until = now.plus(settings.lockDuration());
			jdbc.sql("update app_user set locked_until = :until, failed_logins = 0 where id = :id")
				.param("until", until.atOffset(java.time.ZoneOffset.UTC))
				.param("id", row.get()[0])
				.update();
			changes.changed();
			Map<String, Object> after = new LinkedHashMap<>();
			after.put("lockedUntil", until);
			after.put("consecutiveFailures", failures);
			audit.record((UUID) row.get()[1], UserManagement.ENTITY, row.get()[0], AuditAction.LOCK,
					(String) row.get()[2], null, after);
			log.warn("Account {} locked after {} consecutive failed logins", row.get()[2], failures);
		}
	}

	@EventListener
	@Transactional
	public void succeeded(AuthenticationSuccessEvent event) {
		if (event.getAuthentication().getPrincipal() instanceof CareQmsUser user) {
			jdbc.sql("update app_user set failed_logins = 0, locked_until = null where id = :id and failed_logins > 0 or id = :id and locked_until is not null")
				.param("id", user.id())
				.update();
		}
	}

	/**
	 * Only a sign-in on the login page is a "last login": API calls authenticate on every request, and
	 * their times next to an anonymous report's would tell who sent it.
	 */
	@EventListener
	@Transactional
	public void signedIn(org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent event) {
		if (event.getAuthentication().getPrincipal() instanceof CareQmsUser user) {
			jdbc.sql("update app_user set last_login_at = :now where id = :id")
				.param("now", Instant.now(clock).atOffset(java.time.ZoneOffset.UTC))
				.param("id", user.id())
				.update();
		}
	}

	/** An administrator lifts a lock before it runs out. */
	@Transactional
	public void unlock(UUID hospitalId, UUID userId, String username) {
		int changed = jdbc.sql("""
				update app_user set failed_logins = 0, locked_until = null
				where id = :id and hospital_id = :hospital and locked_until is not null""")
			.param("id", userId)
			.param("hospital", hospitalId)
			.update();
		if (changed > 0) {
			changes.changed();
			audit.record(hospitalId, UserManagement.ENTITY, userId, AuditAction.UNLOCK, username, null, null);
		}
	}

	/** When the account is locked until, or null. */
	Instant lockedUntil(UUID userId) {
		return jdbc.sql("select locked_until from app_user where id = :id")
			.param("id", userId)
			.query((rs, n) -> {
				var at = rs.getObject(1, java.time.OffsetDateTime.class);
				return at == null ? null : at.toInstant();
			})
			.optional()
			.orElse(null);
	}

	Instant lastLogin(UUID userId) {
		return jdbc.sql("select last_login_at from app_user where id = :id")
			.param("id", userId)
			.query((rs, n) -> {
				var at = rs.getObject(1, java.time.OffsetDateTime.class);
				return at == null ? null : at.toInstant();
			})
			.optional()
			.orElse(null);
	}
}
