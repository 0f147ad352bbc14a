package org.careqms.audittrail;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links committed audit entries into the hash chain, in one place at a time (ADR 0004).
 * <p>
 * Entries are written without any chain lock; the sealer takes the committed, unsealed ones in order of
 * their number, gives each the next chain position, the previous link's hash and its own hash, and moves
 * the recorded head, all in one transaction. It runs every {@code careqms.audit.seal-interval}, shortly
 * after every commit that wrote entries, when the application starts (entries whose transaction
 * committed just before a crash are sealed then) and before it stops. A PostgreSQL advisory lock makes
 * it one sealer for all application nodes; the chain verification takes the same lock.
 * <p>
 * The chain order is therefore the order of sealing, not of the changes: an entry whose transaction
 * commits later than a newer-numbered one is chained after it. Each entry keeps the time of its change
 * ({@code occurred_at}, covered by the hash) and its number.
 */
@Service
public class AuditSealer implements SmartLifecycle {

	/** Arbitrary, fixed key of the advisory lock that allows one sealer (or one verification) at a time. */
	static final long CHAIN_LOCK = 0x43415245514d53L;

	/** Entries sealed per transaction. */
	static final int BATCH = 1000;

	private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final TransactionTemplate transactions;
	private final AuditSettings settings;
	private final AtomicBoolean nudged = new AtomicBoolean();
	private volatile ScheduledExecutorService executor;

	AuditSealer(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactionManager,
			AuditSettings settings) {
		this.jdbc = jdbc;
		this.template = template;
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.settings = settings;
	}

	/**
	 * Seals every entry committed before this call, waiting for a sealer on another thread or node to
	 * finish first. For the verification and for tests.
	 *
	 * @return how many entries this call sealed
	 */
	public long sealNow() {
		return sealAll(true);
	}

	/** Asks for a seal soon (after a commit that wrote entries); many requests make one run. */
	void nudge() {
		ScheduledExecutorService current = executor;
		if (current != null && nudged.compareAndSet(false, true)) {
			try {
				current.schedule(() -> {
					nudged.set(false);
					sealQuietly();
				}, settings.sealNudgeDelay().toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (java.util.concurrent.RejectedExecutionException stopping) {
				nudged.set(false);
			}
		}
	}

	private void sealQuietly() {
		try {
			sealAll(false);
		}
		catch (RuntimeException ex) {
			// the entries stay unsealed and are sealed by the next run; verification reports them if it lasts
			log.warn("Sealing the audit chain failed; will retry", ex);
		}
	}

	private long sealAll(boolean wait) {
		long total = 0;
		while (true) {
			Integer sealed = transactions.execute(status -> sealBatch(wait));
			if (sealed == null || sealed < 0) {
				return total; // another sealer holds the lock and will seal what is there
			}
			total += sealed;
			if (sealed < BATCH) {
				return total;
			}
		}
	}

	/** One transaction: the next batch of committed, unsealed entries, or -1 if another sealer is at work. */
	private int sealBatch(boolean wait) {
		boolean locked = jdbc.sql(wait ? "select pg_advisory_xact_lock(?) is not null" : "select pg_try_advisory_xact_lock(?)")
			.param(CHAIN_LOCK)
			.query(Boolean.class)
			.single();
		if (!locked) {
			return -1;
		}
		List<AuditEntry> unsealed = jdbc
			.sql("select " + AuditEntries.COLUMNS + " from audit_entry where chain_seq is null order by seq limit :batch")
			.param("batch", BATCH)
			.query(AuditEntries::map)
			.list();
		if (unsealed.isEmpty()) {
			return 0;
		}
		var head = jdbc.sql("select seq, hash from audit_chain_head where id = 1 for update")
			.query((rs, n) -> new AuditEntries.Head(rs.getLong("seq"), rs.getString("hash")))
			.optional();
		long position = head.map(AuditEntries.Head::seq).orElse(0L);
		String previous = head.map(AuditEntries.Head::hash).orElse(AuditEntry.GENESIS);
		// the database lets only a transaction that says it is the sealer set the chain fields, once
		jdbc.sql("select set_config('careqms.audit_sealer', 'on', true)").query().singleRow();
		var rows = new java.util.ArrayList<Object[]>(unsealed.size());
		for (AuditEntry entry : unsealed) {
			position++;
			String hash = entry.hashAt(position, previous);
			rows.add(new Object[] { position, previous, hash, entry.seq() });
			previous = hash;
		}
		template.batchUpdate("""
				update audit_entry set chain_seq = ?, prev_hash = ?, hash = ?, sealed_at = now()
				where seq = ? and chain_seq is null""", rows);
		jdbc.sql("""
				insert into audit_chain_head (id, seq, hash) values (1, :seq, :hash)
				on conflict (id) do update set seq = excluded.seq, hash = excluded.hash""")
			.param("seq", position)
			.param("hash", previous)
			.update();
		return unsealed.size();
	}

	@Override
	public void start() {
		ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "audit-sealer");
			thread.setDaemon(true);
			return thread;
		});
		long interval = Math.max(settings.sealInterval().toMillis(), 10);
		// the first run seals what a previous process committed but did not seal
		started.scheduleWithFixedDelay(this::sealQuietly, 0, interval, TimeUnit.MILLISECONDS);
		executor = started;
	}

	@Override
	public void stop() {
		ScheduledExecutorService running = executor;
		executor = null;
		if (running != null) {
			running.shutdown();
			try {
				running.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			sealQuietly();
		}
	}

	@Override
	public boolean isRunning() {
		return executor != null;
	}
}
