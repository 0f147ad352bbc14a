package org.careqms.audittrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tampering with history, the way someone with database access would, is detected by verification.
 * Runs on its own throw-away database (it breaks the chain on purpose). The background sealer is
 * slowed down to once an hour: each test seals with {@link AuditSealer#sealNow()} where it needs to.
 */
@SpringBootTest(properties = { "careqms.demo=false", "careqms.audit.seal-interval=1h",
		"careqms.audit.seal-nudge-delay=1h" })
@ActiveProfiles("test")
@DirtiesContext
class AuditTrailTamperTests {

	static final UUID HOSPITAL = UUID.randomUUID();

	@Autowired
	AuditTrail trail;

	@Autowired
	ChainVerification verification;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	AuditSealer sealer;

	@BeforeEach
	void threeSealedEntries() {
		transactions.executeWithoutResult(status -> {
			for (int i = 1; i <= 3; i++) {
				trail.record(HOSPITAL, "Department", "d" + i, AuditAction.CREATE, "科室 " + i, null,
						Map.of("name", "科室 " + i));
			}
		});
		sealer.sealNow();
	}

	/** Runs SQL with triggers off, as a superuser could. */
	private void tamper(String sql) {
		transactions.executeWithoutResult(status -> {
			jdbc.sql("set local session_replication_role = replica").update();
			jdbc.sql(sql).update();
		});
	}

	private ChainVerification.Result verify() {
		return transactions.execute(status -> verification.verify(HOSPITAL));
	}

	private long lastSeq() {
		return jdbc.sql("select max(seq) from audit_entry").query(Long.class).single();
	}

	@Test
	void anUntouchedChainIsIntactAndTheVerificationIsItselfRecorded() {
		var result = verify();
		assertThat(result.intact()).isTrue();
		assertThat(result.problems()).isEmpty();
		assertThat(result.entries()).isGreaterThanOrEqualTo(3);
		assertThat(jdbc.sql("select action from audit_entry where seq = (select max(seq) from audit_entry)")
			.query(String.class).single()).isEqualTo("VERIFY");
		assertThat(verify().intact()).isTrue();
	}

	@Test
	void theDatabaseRefusesUpdatesAndDeletes() {
		assertThatThrownBy(() -> jdbc.sql("update audit_entry set actor = 'x'").update())
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("delete from audit_entry").update()).hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("truncate audit_entry").update()).hasMessageContaining("append-only");
	}

	@Test
	void anEditedEntryIsDetected() {
		long seq = lastSeq() - 1;
		String original = jdbc.sql("select after_state::text from audit_entry where seq = " + seq).query(String.class)
			.single();
		tamper("update audit_entry set after_state = '{\"name\":\"篡改\"}' where seq = " + seq);
		var result = verify();
		assertThat(result.intact()).isFalse();
		assertThat(result.problems()).contains(new ChainVerification.Problem(ChainVerification.ProblemKind.ALTERED, seq));
		tamper("update audit_entry set after_state = '" + original + "' where seq = " + seq);
		assertThat(verify().intact()).isTrue();
	}

	/** Takes an entry out as a superuser could, and returns a way to put it back exactly. */
	private Runnable remove(long seq) {
		Map<String, Object> row = jdbc.sql("""
				select seq, chain_seq, hospital_id, occurred_at, actor, actor_user_id, client_address, user_agent, action,
				    entity_type, entity_id, summary, before_state::text as before_state, after_state::text as after_state,
				    prev_hash, hash, recorded_at, sealed_at
				from audit_entry where seq = :seq""").param("seq", seq).query().singleRow();
		tamper("delete from audit_entry where seq = " + seq);
		return () -> transactions.executeWithoutResult(status -> {
			jdbc.sql("set local session_replication_role = replica").update();
			jdbc.sql("""
					insert into audit_entry (seq, chain_seq, hospital_id, occurred_at, actor, actor_user_id, client_address,
					    user_agent, action, entity_type, entity_id, summary, before_state, after_state, prev_hash, hash,
					    recorded_at, sealed_at)
					values (:seq, :chain_seq, :hospital_id, :occurred_at, :actor, :actor_user_id, :client_address,
					    :user_agent, :action, :entity_type, :entity_id, :summary, cast(:before_state as json),
					    cast(:after_state as json), :prev_hash, :hash, :recorded_at, :sealed_at)""")
				.params(row)
				.update();
		});
	}

	@Test
	void aDeletedEntryIsDetected() {
		Runnable putBack = remove(lastSeq() - 1);
		var result = verify();
		assertThat(result.intact()).isFalse();
		assertThat(result.problems()).extracting(ChainVerification.Problem::kind)
			.contains(ChainVerification.ProblemKind.MISSING, ChainVerification.ProblemKind.BROKEN_LINK);
		putBack.run();
		assertThat(verify().intact()).isTrue();
	}

	@Test
	void entriesCutOffTheEndAreDetected() {
		Runnable putBack = remove(lastSeq());
		var result = verify();
		assertThat(result.intact()).isFalse();
		assertThat(result.problems()).extracting(ChainVerification.Problem::kind)
			.contains(ChainVerification.ProblemKind.TRUNCATED);
		putBack.run();
		assertThat(verify().intact()).isTrue();
	}

	private long record(String entityId) {
		transactions.executeWithoutResult(status -> trail.record(HOSPITAL, "Department", entityId, AuditAction.UPDATE,
				entityId, Map.of("name", "a"), Map.of("name", "b")));
		return jdbc.sql("select seq from audit_entry where entity_id = :id").param("id", entityId).query(Long.class)
			.single();
	}

	private Long chainSeq(long seq) {
		return jdbc.sql("select chain_seq from audit_entry where seq = " + seq).query(Long.class).optional()
			.orElse(null);
	}

	@Test
	void anUnsealedEntryIsPendingNotTamperingUntilItWaitsTooLong() throws InterruptedException {
		long seq = record("pending-" + UUID.randomUUID());
		assertThat(chainSeq(seq)).isNull();
		var result = verify();
		assertThat(result.intact()).isTrue();
		assertThat(result.pending()).isGreaterThanOrEqualTo(1);
		assertThat(result.oldestPendingSeconds()).isNotNull();

		Thread.sleep(1200);
		var late = transactions.execute(status -> verification.verify(HOSPITAL, java.time.Duration.ofSeconds(1)));
		assertThat(late.intact()).isFalse();
		assertThat(late.problems()).contains(new ChainVerification.Problem(ChainVerification.ProblemKind.SEAL_OVERDUE, seq));

		assertThat(sealer.sealNow()).isGreaterThanOrEqualTo(1);
		assertThat(chainSeq(seq)).isNotNull();
		var sealed = transactions.execute(status -> verification.verify(HOSPITAL, java.time.Duration.ofSeconds(1)));
		assertThat(sealed.intact()).isTrue();
		assertThat(sealed.entries()).isGreaterThan(result.entries());
	}

	@Test
	void onlyTheSealerSetsTheChainFieldsOnceAndNothingElse() {
		long pending = record("guard-" + UUID.randomUUID());
		String set = "update audit_entry set chain_seq = 999999, prev_hash = repeat('0', 64), hash = repeat('1', 64), "
				+ "sealed_at = now()";
		// not the sealer
		assertThatThrownBy(() -> jdbc.sql(set + " where seq = " + pending).update()).hasMessageContaining("append-only");
		// the sealer's flag, but something else changes too
		assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
			jdbc.sql("select set_config('careqms.audit_sealer', 'on', true)").query().singleRow();
			jdbc.sql(set + ", actor = 'x' where seq = " + pending).update();
		})).hasMessageContaining("append-only");
		// the sealer's flag on an entry already sealed
		long sealed = lastSealedSeq();
		assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
			jdbc.sql("select set_config('careqms.audit_sealer', 'on', true)").query().singleRow();
			jdbc.sql("update audit_entry set hash = repeat('2', 64) where seq = " + sealed).update();
		})).hasMessageContaining("append-only");
		// the head cannot be moved onto an entry that is not sealed there
		assertThatThrownBy(() -> jdbc.sql("update audit_chain_head set seq = seq + 1, hash = repeat('3', 64)").update())
			.hasMessageContaining("audit_chain_head");
		sealer.sealNow();
		assertThat(verify().intact()).isTrue();
	}

	private long lastSealedSeq() {
		return jdbc.sql("select seq from audit_entry where chain_seq = (select max(chain_seq) from audit_entry)")
			.query(Long.class).single();
	}

	@Test
	void theChainOrderIsTheOrderOfCommitsNotOfNumbers() throws Exception {
		var recorded = new java.util.concurrent.CountDownLatch(1);
		var commit = new java.util.concurrent.CountDownLatch(1);
		String early = "early-" + UUID.randomUUID();
		var slow = java.util.concurrent.CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
			trail.record(HOSPITAL, "Department", early, AuditAction.UPDATE, early, null, Map.of("name", "early"));
			recorded.countDown();
			try {
				commit.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}));
		recorded.await();
		long later = record("later-" + UUID.randomUUID());
		sealer.sealNow(); // seals the committed later entry; the earlier one is not committed yet
		assertThat(chainSeq(later)).isNotNull();
		commit.countDown();
		slow.get();
		long earlier = jdbc.sql("select seq from audit_entry where entity_id = :id").param("id", early)
			.query(Long.class).single();
		assertThat(earlier).isLessThan(later);
		assertThat(chainSeq(earlier)).isNull();
		sealer.sealNow();
		assertThat(chainSeq(earlier)).isGreaterThan(chainSeq(later));
		assertThat(verify().intact()).isTrue();
	}

	@Test
	void entriesLeftUnsealedByAStoppedProcessAreSealedWhenTheSealerStarts() throws InterruptedException {
		long seq = record("restart-" + UUID.randomUUID());
		assertThat(chainSeq(seq)).isNull();
		// a fresh sealer, as after a restart, with the same settings as this test (no nudges, hourly runs)
		var restarted = new AuditSealer(jdbc, new org.springframework.jdbc.core.JdbcTemplate(dataSource),
				transactionManager, settings);
		restarted.start();
		try {
			for (int i = 0; i < 100 && chainSeq(seq) == null; i++) {
				Thread.sleep(100);
			}
		}
		finally {
			restarted.stop();
		}
		assertThat(chainSeq(seq)).isNotNull();
		assertThat(verify().intact()).isTrue();
	}

	@Autowired
	javax.sql.DataSource dataSource;

	@Autowired
	org.springframework.transaction.PlatformTransactionManager transactionManager;

	@Autowired
	AuditSettings settings;
}
