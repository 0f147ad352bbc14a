package org.careqms.incidents;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.careqms.audittrail.AuditAction;
import org.careqms.audittrail.AuditTrail;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A hospital's public reporting link ({@code /report/{token}}) for ward devices without a login.
 * The token is 256 random bits; rotating it retires the old link at once, disabling it makes every
 * link a 404. Enabling, rotating and disabling are the quality office's and are audited.
 */
@Service
class PublicReportLinks {

	static final String ENTITY = "IncidentPublicLink";

	/** The link as its page shows it. */
	record Link(UUID hospitalId, String token, boolean enabled, Instant rotatedAt, String changedBy, Instant changedAt) {
	}

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;
	private final AuditTrail audit;
	private final Clock clock;

	PublicReportLinks(JdbcClient jdbc, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	Optional<Link> find(UUID hospitalId) {
		return jdbc.sql("select * from incident_public_link where hospital_id = :hospital")
			.param("hospital", hospitalId)
			.query((rs, n) -> new Link(rs.getObject("hospital_id", UUID.class), rs.getString("token"),
					rs.getBoolean("enabled"), rs.getObject("rotated_at", OffsetDateTime.class).toInstant(),
					rs.getString("changed_by"), rs.getObject("changed_at", OffsetDateTime.class).toInstant()))
			.optional();
	}

	/** The hospital an enabled token belongs to; a disabled, rotated or made-up token has none. */
	@Transactional(readOnly = true)
	Optional<UUID> hospitalOf(String token) {
		if (token == null || token.length() != 43) {
			return Optional.empty();
		}
		return jdbc.sql("select hospital_id from incident_public_link where token = :token and enabled")
			.param("token", token)
			.query(UUID.class)
			.optional();
	}

	@Transactional
	Link enable() {
		return change(true, false);
	}

	@Transactional
	Link rotate() {
		return change(true, true);
	}

	@Transactional
	Link disable() {
		return change(false, false);
	}

	private Link change(boolean enabled, boolean newToken) {
		CareQmsUser user = CurrentUser.require();
		if (!user.hasRole(Role.QUALITY_MANAGER) && !user.hasRole(Role.SYSTEM_ADMIN)) {
			throw new AccessDeniedException("the public reporting link is the quality office's");
		}
		UUID hospital = user.hospitalId();
		jdbc.sql("select pg_advisory_xact_lock(hashtext(:key))").param("key", "public-link:" + hospital).query()
			.singleRow();
		Optional<Link> before = find(hospital);
		OffsetDateTime now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
		if (before.isEmpty()) {
			if (!enabled) {
				return null;
			}
			jdbc.sql("""
					insert into incident_public_link (hospital_id, token, enabled, rotated_at, version, created_by, created_at,
					    changed_by, changed_at)
					values (:hospital, :token, true, :at, 0, :by, :at, :by, :at)""")
				.param("hospital", hospital).param("token", newToken()).param("at", now).param("by", user.getUsername())
				.update();
		}
		else {
			jdbc.sql("""
					update incident_public_link set enabled = :enabled, version = version + 1, changed_by = :by,
					    changed_at = :at
					where hospital_id = :hospital""")
				.param("enabled", enabled).param("at", now).param("by", user.getUsername()).param("hospital", hospital)
				.update();
			if (newToken) {
				jdbc.sql("update incident_public_link set token = :token, rotated_at = :at where hospital_id = :hospital")
					.param("token", newToken()).param("at", now).param("hospital", hospital)
					.update();
			}
		}
		Link after = find(hospital).orElseThrow();
		audit.record(hospital, ENTITY, hospital,
				before.isEmpty() ? AuditAction.CREATE : AuditAction.UPDATE, "public reporting link",
				before.map(PublicReportLinks::state).orElse(null), state(after));
		return after;
	}

	/** The audit trail keeps the token's first characters, enough to tell links apart, not to use one. */
	private static Map<String, Object> state(Link link) {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("enabled", link.enabled());
		state.put("tokenPrefix", link.token().substring(0, 6));
		state.put("rotatedAt", link.rotatedAt().toString());
		return state;
	}

	private static String newToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}
}
