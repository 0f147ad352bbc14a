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
 * Runs on its own throw-away database (it breaks the chain on purpose).
 */
@SpringBootTest(properties = "careqms.demo=false")
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

	@BeforeEach
	void threeEntries() {
		transactions.executeWithoutResult(status -> {
			for (int i = 1; i <= 3; i++) {
				trail.record(HOSPITAL, "Department", "d" + i, AuditAction.CREATE, "科室 " + i, null,
						Map.of("name", "科室 " + i));
			}
		});
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
				select seq, hospital_id, occurred_at, actor, actor_user_id, client_address, user_agent, action,
				    entity_type, entity_id, summary, before_state::text as before_state, after_state::text as after_state,
				    prev_hash, hash
				from audit_entry where seq = :seq""").param("seq", seq).query().singleRow();
		tamper("delete from audit_entry where seq = " + seq);
		return () -> transactions.executeWithoutResult(status -> {
			jdbc.sql("set local session_replication_role = replica").update();
			jdbc.sql("""
					insert into audit_entry (seq, hospital_id, occurred_at, actor, actor_user_id, client_address,
					    user_agent, action, entity_type, entity_id, summary, before_state, after_state, prev_hash, hash)
					values (:seq, :hospital_id, :occurred_at, :actor, :actor_user_id, :client_address, :user_agent,
					    :action, :entity_type, :entity_id, :summary, cast(:before_state as json),
					    cast(:after_state as json), :prev_hash, :hash)""")
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
}
