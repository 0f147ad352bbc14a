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
 * Recomputes the whole sealed chain: an edited entry no longer matches its hash, a deleted one leaves a
 * gap in the chain positions and a broken link, and entries cut off the end no longer reach the
 * recorded head. Entries not sealed yet (committed in the last moments, ADR 0004) are counted as
 * pending, with the age of the oldest; one left unsealed longer than {@code careqms.audit.seal-overdue}
 * is a finding, since nothing protects it until it is sealed.
 */
@Service
class ChainVerification {

	/** Stops listing problems after this many; the count of entries checked is still complete. */
	static final int MAX_PROBLEMS = 100;

	enum ProblemKind {
		ALTERED, MISSING, BROKEN_LINK, TRUNCATED, SEAL_OVERDUE
	}

	/**
	 * @param seq the entry's number; for {@code MISSING} and {@code TRUNCATED}, where there is no entry,
	 * the chain position at which one is missing
	 */
	record Problem(ProblemKind kind, long seq) {
	}

	/**
	 * @param entries sealed entries checked
	 * @param pending entries committed but not sealed yet (not checked: they have no hash yet)
	 * @param oldestPendingSeconds how long the oldest of them has waited for its seal (null if none)
	 */
	record Result(UUID id, Instant ranAt, String ranBy, long entries, boolean intact, List<Problem> problems,
			long pending, Long oldestPendingSeconds) {
	}

	private final AuditEntries entries;
	private final AuditTrail trail;
	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final Clock clock;
	private final AuditSettings settings;

	ChainVerification(AuditEntries entries, AuditTrail trail, JdbcClient jdbc, JsonMapper json, Clock clock,
			AuditSettings settings) {
		this.entries = entries;
		this.trail = trail;
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.settings = settings;
	}

	/**
	 * Verifies the chain, keeps the result, and records in the chain itself that it was verified. Pages
	 * and the API call {@link AuditSealer#sealNow()} first, so that only what committed during the
	 * verification is still pending.
	 */
	@Transactional
	public Result verify(UUID hospitalId) {
		return verify(hospitalId, settings.sealOverdue());
	}

	/** Like {@link #verify(UUID)} with an entry overdue for its seal after {@code overdue}. */
	@Transactional
	Result verify(UUID hospitalId, java.time.Duration overdue) {
		// the sealer's lock: nothing is sealed between reading the chain and reading its head
		jdbc.sql("select pg_advisory_xact_lock(?)").param(AuditSealer.CHAIN_LOCK).query().singleRow();
		List<Problem> problems = new ArrayList<>();
		var state = new Object() {
			long expectedSeq = 1;
			String previousHash = AuditEntry.GENESIS;
			long count;
			long pending;
			java.time.Duration oldest;
		};
		entries.forEachInOrder(entry -> {
			state.count++;
			long position = entry.chainSeq();
			if (position != state.expectedSeq) {
				add(problems, new Problem(ProblemKind.MISSING, state.expectedSeq));
			}
			if (!entry.prevHash().equals(state.previousHash)) {
				add(problems, new Problem(ProblemKind.BROKEN_LINK, entry.seq()));
			}
			if (!entry.recomputeHash().equals(entry.hash())) {
				add(problems, new Problem(ProblemKind.ALTERED, entry.seq()));
			}
			state.expectedSeq = position + 1;
			state.previousHash = entry.hash();
		});
		entries.forEachUnsealed((entry, waited) -> {
			state.pending++;
			if (state.oldest == null || waited.compareTo(state.oldest) > 0) {
				state.oldest = waited;
			}
			if (waited.compareTo(overdue) > 0) {
				add(problems, new Problem(ProblemKind.SEAL_OVERDUE, entry.seq()));
			}
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
				problems.isEmpty(), List.copyOf(problems), state.pending,
				state.oldest == null ? null : state.oldest.toSeconds());
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
		outcome.put("pending", result.pending());
		trail.record(hospitalId, "AuditTrail", result.id(), AuditAction.VERIFY, null, null, outcome);
		return result;
	}

	private static void add(List<Problem> problems, Problem problem) {
		if (problems.size() < MAX_PROBLEMS) {
			problems.add(problem);
		}
	}
}
