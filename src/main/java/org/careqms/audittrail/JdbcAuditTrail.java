package org.careqms.audittrail;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.RequestOrigin;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Entries are written only inside the caller's transaction ({@code MANDATORY}): a change and its
 * audit entry commit together or not at all. Appending takes no lock: the entry gets its number from
 * a sequence and is linked into the hash chain by {@link AuditSealer} shortly after it commits, so
 * concurrent changes never wait for one another's commit (ADR 0004).
 */
@Service
class JdbcAuditTrail implements AuditTrail {

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final Clock clock;
	private final AuditSealer sealer;

	JdbcAuditTrail(JdbcClient jdbc, JsonMapper json, Clock clock, AuditSealer sealer) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.sealer = sealer;
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(UUID hospitalId, String entityType, Object entityId, AuditAction action, String summary,
			Map<String, ?> before, Map<String, ?> after) {
		RequestOrigin origin = RequestOrigin.current();
		UUID userId = CurrentUser.find().map(CareQmsUser::id).orElse(null);
		append(hospitalId, CurrentUser.name(), userId, origin.clientAddress(), origin.userAgent(), action.name(),
				entityType, String.valueOf(entityId), summary, before, after);
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public void recordAnonymously(UUID hospitalId, String entityType, Object entityId, AuditAction action,
			String summary, Map<String, ?> before, Map<String, ?> after) {
		append(hospitalId, "anonymous", null, null, null, action.name(), entityType, String.valueOf(entityId),
				summary, before, after);
	}

	private void append(UUID hospitalId, String actor, UUID actorUserId, String clientAddress, String userAgent,
			String action, String entityType, String entityId, String summary, Map<String, ?> before,
			Map<String, ?> after) {
		Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
		String beforeJson = before == null ? null : json.writeValueAsString(before);
		String afterJson = after == null ? null : json.writeValueAsString(after);
		String shortSummary = summary != null && summary.length() > 300 ? summary.substring(0, 300) : summary;
		// no lock and no chain fields: the number comes from a sequence, the seal comes after the commit
		jdbc.sql("""
				insert into audit_entry (hospital_id, occurred_at, actor, actor_user_id, client_address, user_agent,
				    action, entity_type, entity_id, summary, before_state, after_state)
				values (:hospital, :at, :actor, :user, :client, :agent, :action, :type, :id, :summary,
				    cast(:before as json), cast(:after as json))""")
			.param("hospital", hospitalId)
			.param("at", now.atOffset(java.time.ZoneOffset.UTC))
			.param("actor", actor)
			.param("user", actorUserId)
			.param("client", clientAddress)
			.param("agent", userAgent)
			.param("action", action)
			.param("type", entityType)
			.param("id", entityId)
			.param("summary", shortSummary)
			.param("before", beforeJson)
			.param("after", afterJson)
			.update();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(nudgeAfterCommit);
		}
	}

	/** One per transaction (equal instances are registered once): seals soon after the commit. */
	private final TransactionSynchronization nudgeAfterCommit = new TransactionSynchronization() {
		@Override
		public void afterCommit() {
			sealer.nudge();
		}
	};
}
