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

/**
 * Entries are written only inside the caller's transaction ({@code MANDATORY}): a change and its
 * audit entry commit together or not at all. Appends entries under a transaction-scoped advisory lock, so that the chain has exactly one next
 * link however many requests change data at once; the lock is released when the change commits.
 */
@Service
class JdbcAuditTrail implements AuditTrail {

	/** Arbitrary, fixed key of the advisory lock that serialises appends to the chain. */
	static final long CHAIN_LOCK = 0x43415245514d53L;

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final Clock clock;

	JdbcAuditTrail(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
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
		jdbc.sql("select pg_advisory_xact_lock(?)").param(CHAIN_LOCK).query().singleRow();
		var head = jdbc.sql("select seq, hash from audit_chain_head where id = 1")
			.query((rs, n) -> new Object[] { rs.getLong("seq"), rs.getString("hash") })
			.optional();
		long seq = head.map(h -> (Long) h[0] + 1).orElse(1L);
		String prevHash = head.map(h -> (String) h[1]).orElse(AuditEntry.GENESIS);
		Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
		String beforeJson = before == null ? null : json.writeValueAsString(before);
		String afterJson = after == null ? null : json.writeValueAsString(after);
		String shortSummary = summary != null && summary.length() > 300 ? summary.substring(0, 300) : summary;
		String hash = AuditEntry.computeHash(seq, hospitalId, now, actor, actorUserId, clientAddress, userAgent,
				action, entityType, entityId, shortSummary, beforeJson, afterJson, prevHash);
		jdbc.sql("""
				insert into audit_entry (seq, hospital_id, occurred_at, actor, actor_user_id, client_address, user_agent,
				    action, entity_type, entity_id, summary, before_state, after_state, prev_hash, hash)
				values (:seq, :hospital, :at, :actor, :user, :client, :agent, :action, :type, :id, :summary,
				    cast(:before as json), cast(:after as json), :prev, :hash)""")
			.param("seq", seq)
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
			.param("prev", prevHash)
			.param("hash", hash)
			.update();
		jdbc.sql("""
				insert into audit_chain_head (id, seq, hash) values (1, :seq, :hash)
				on conflict (id) do update set seq = excluded.seq, hash = excluded.hash""")
			.param("seq", seq)
			.param("hash", hash)
			.update();
	}
}
