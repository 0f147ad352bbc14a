package org.careqms.audittrail;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.careqms.platform.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes the whole chain: an edited entry no longer matches its hash, a deleted one leaves a gap
 * in the sequence and a broken link, and entries cut off the end no longer reach the recorded head.
 */
@Service
class ChainVerification {

	/** Stops listing problems after this many; the count of entries checked is still complete. */
	static final int MAX_PROBLEMS = 100;

	enum ProblemKind {
		ALTERED, MISSING, BROKEN_LINK, TRUNCATED
	}

	record Problem(ProblemKind kind, long seq) {
	}

	record Result(UUID id, Instant ranAt, String ranBy, long entries, boolean intact, List<Problem> problems) {
	}

	private final AuditEntries entries;
	private final AuditTrail trail;
	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final Clock clock;

	ChainVerification(AuditEntries entries, AuditTrail trail, JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.entries = entries;
		this.trail = trail;
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/** Verifies the chain, keeps the result, and records in the chain itself that it was verified. */
	@Transactional
	public Result verify(UUID hospitalId) {
		// the same lock as appends: no entry is added between reading the chain and reading its head
		jdbc.sql("select pg_advisory_xact_lock(?)").param(JdbcAuditTrail.CHAIN_LOCK).query().singleRow();
		List<Problem> problems = new ArrayList<>();
		var state = new Object() {
			long expectedSeq = 1;
			String previousHash = AuditEntry.GENESIS;
			long count;
		};
		entries.forEachInOrder(entry -> {
			state.count++;
			if (entry.seq() != state.expectedSeq) {
				add(problems, new Problem(ProblemKind.MISSING, state.expectedSeq));
			}
			if (!entry.prevHash().equals(state.previousHash)) {
				add(problems, new Problem(ProblemKind.BROKEN_LINK, entry.seq()));
			}
			if (!entry.recomputeHash().equals(entry.hash())) {
				add(problems, new Problem(ProblemKind.ALTERED, entry.seq()));
			}
			state.expectedSeq = entry.seq() + 1;
			state.previousHash = entry.hash();
		});
		var head = entries.head();
		long lastSeq = state.expectedSeq - 1;
		if (head.isPresent() && (head.get().seq() != lastSeq || !head.get().hash().equals(state.previousHash))) {
			add(problems, new Problem(ProblemKind.TRUNCATED, head.get().seq()));
		}
		else if (head.isEmpty() && state.count > 0) {
			add(problems, new Problem(ProblemKind.TRUNCATED, lastSeq));
		}
		var result = new Result(UUID.randomUUID(), Instant.now(clock), CurrentUser.name(), state.count,
				problems.isEmpty(), List.copyOf(problems));
		jdbc.sql("""
				insert into audit_verification_run (id, ran_at, ran_by, entries, intact, problems)
				values (:id, :at, :by, :entries, :intact, cast(:problems as json))""")
			.param("id", result.id())
			.param("at", result.ranAt().atOffset(java.time.ZoneOffset.UTC))
			.param("by", result.ranBy())
			.param("entries", result.entries())
			.param("intact", result.intact())
			.param("problems", json.writeValueAsString(result.problems()))
			.update();
		Map<String, Object> outcome = new LinkedHashMap<>();
		outcome.put("entries", result.entries());
		outcome.put("intact", result.intact());
		outcome.put("problems", result.problems().size());
		trail.record(hospitalId, "AuditTrail", result.id(), AuditAction.VERIFY, null, null, outcome);
		return result;
	}

	private static void add(List<Problem> problems, Problem problem) {
		if (problems.size() < MAX_PROBLEMS) {
			problems.add(problem);
		}
	}
}
