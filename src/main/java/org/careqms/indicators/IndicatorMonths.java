package org.careqms.indicators;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.careqms.clinicaldata.ClinicalDataImported;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the monthly statistics ({@code indicator_month}) of the computations that need only encounters
 * and procedures (ADR 0013). Triggers on the clinical tables mark the department-months a statement
 * changed ({@code indicator_month_dirty}, V20); {@link #refresh(UUID)} recomputes exactly those with the
 * definitions' own SQL ({@link IndicatorResults#SQL}) restricted to them. An import refreshes inside its
 * own transaction, before it commits, so its results are never stale; rows written any other way leave
 * their marks, and the hospital's results are computed from the rows until the next refresh.
 */
@Component
class IndicatorMonths {

	private static final Logger log = LoggerFactory.getLogger(IndicatorMonths.class);

	/**
	 * The discharges of the refreshed departments between the first and the last refreshed month: a
	 * superset of the refreshed department-months (temporary table {@code indicator_refresh}) in plain
	 * predicates the planner estimates well (a join with the marks made it misjudge the size of the
	 * readmission's self-join by orders of magnitude); only the marked groups are stored. Not
	 * materialised: the readmission reads it twice, and materialising every column of a million
	 * discharges into a temporary store took 3–12 s where scanning the table twice takes 1.5–2 s.
	 */
	private static final String REFRESHED_DISCHARGES = """
			e as not materialized (select * from clinical_encounter
			      where hospital_id = :hospital and discharge_time >= :from and discharge_time < :to
			        and discharge_dept_id = any(:departments))""";


	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;

	IndicatorMonths(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/** Whether some change of the hospital's rows is not yet reflected in its monthly statistics. */
	static boolean outstanding(JdbcClient jdbc, UUID hospital) {
		return jdbc.sql("select exists (select 1 from indicator_month_dirty where hospital_id = :hospital)")
			.param("hospital", hospital)
			.query(Boolean.class)
			.single();
	}

	/** Runs inside the import's transaction (a synchronous listener): the import commits with its statistics. */
	@EventListener
	void imported(ClinicalDataImported imported) {
		refresh(imported.hospitalId());
	}

	/**
	 * Recomputes the statistics of every department-month of the hospital marked as changed, in the
	 * current transaction (which must exist), and clears the marks. Returns how many department-months
	 * were recomputed.
	 */
	int refresh(UUID hospital) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("The monthly statistics are refreshed inside a transaction");
		}
		long started = System.nanoTime();
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
			.param("key", "indicator-months:" + hospital)
			.query()
			.singleRow();
		jdbc.sql("drop table if exists indicator_refresh").update();
		jdbc.sql("""
				create temporary table indicator_refresh (department_id uuid not null, period date not null,
				    encounters boolean not null, primary key (department_id, period)) on commit drop""").update();
		int months = jdbc.sql("""
				with marked as (delete from indicator_month_dirty where hospital_id = :hospital
				                returning department_id, period, encounters)
				insert into indicator_refresh select department_id, period, encounters from marked""")
			.param("hospital", hospital)
			.update();
		if (months > 0) {
			jdbc.sql("analyze indicator_refresh").update();
			analyzeIfStale();
			for (Computation computation : Computation.values()) {
				if (computation.aggregated()) {
					refresh(hospital, computation);
				}
			}
		}
		jdbc.sql("drop table indicator_refresh").update();
		if (months > 0) {
			log.info("Indicator statistics of hospital {}: {} department-month(s) recomputed in {} ms", hospital, months,
					(System.nanoTime() - started) / 1_000_000);
		}
		return months;
	}

	/**
	 * The statistics of one computation for the marked department-months: all of them when it reads
	 * procedures, else those where an encounter changed.
	 */
	private void refresh(UUID hospital, Computation computation) {
		String marked = computation.readsProcedures() ? "true" : "t.encounters";
		UUID[] departments = jdbc.sql("select distinct department_id from indicator_refresh t where " + marked)
			.query(UUID.class)
			.list()
			.toArray(UUID[]::new);
		if (departments.length == 0) {
			return;
		}
		var bounds = jdbc.sql("select min(period) as first, max(period) as last from indicator_refresh t where " + marked)
			.query((rs, n) -> new LocalDate[] { rs.getObject("first", LocalDate.class),
					rs.getObject("last", LocalDate.class) })
			.single();
		// computed by a plain SELECT and stored by a second statement: PostgreSQL never runs an INSERT … SELECT
		// in parallel, and a parallel SELECT of these joins takes half the time at 10M discharges (SSI-I 3.0 s
		// against 6.5 s serial; the recompute after 10M encounters 15.0 s against 21.5 s, docs/benchmarks.md
		// run N). At most one row per marked department-month comes back.
		var select = jdbc.sql("with " + REFRESHED_DISCHARGES + ", rows as (" + IndicatorResults.SQL.get(computation) + """
				)
				select period::text, department_id::text, numerator::text, denominator::text from rows r
				where exists (select 1 from indicator_refresh t
				              where t.department_id = r.department_id and t.period = r.period and %s)""".formatted(marked))
			.param("hospital", hospital)
			.param("departments", departments)
			.param("from", bounds[0].atStartOfDay())
			.param("to", bounds[1].plusMonths(1).atStartOfDay());
		List<String[]> rows = IndicatorResults.withHashJoins(jdbc, computation.selfJoin(), () -> select
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4) })
			.list());
		jdbc.sql("""
				delete from indicator_month m using indicator_refresh t
				where m.hospital_id = :hospital and m.computation = :computation and m.department_id = t.department_id
				  and m.period = t.period and %s""".formatted(marked))
			.param("hospital", hospital)
			.param("computation", computation.name())
			.update();
		if (!rows.isEmpty()) {
			jdbc.sql("""
					insert into indicator_month (hospital_id, computation, period, department_id, numerator, denominator)
					select :hospital, :computation, cast(u.period as date), cast(u.department_id as uuid),
					       cast(u.numerator as numeric), cast(u.denominator as numeric)
					from unnest(cast(:periods as text[]), cast(:departments as text[]), cast(:numerators as text[]),
					            cast(:denominators as text[])) as u (period, department_id, numerator, denominator)""")
				.param("hospital", hospital)
				.param("computation", computation.name())
				.param("periods", column(rows, 0))
				.param("departments", column(rows, 1))
				.param("numerators", column(rows, 2))
				.param("denominators", column(rows, 3))
				.update();
		}
	}

	private static String[] column(List<String[]> rows, int index) {
		return rows.stream().map(row -> row[index]).toArray(String[]::new);
	}

	/**
	 * A large import (or the first one) leaves the planner with statistics of a much smaller or empty
	 * table, and the readmission's self-join planned for a few rows takes hours instead of seconds. When
	 * a clinical table was never analysed or has more than doubled (by more than 8 MB) since, that table
	 * is analysed first; ANALYZE inside the transaction sees its own rows.
	 */
	private void analyzeIfStale() {
		List<String> stale = jdbc.sql("""
				select relname from pg_class
				where oid in ('clinical_encounter'::regclass, 'clinical_procedure'::regclass)
				  and (reltuples < 0
				       or pg_relation_size(oid) / current_setting('block_size')::int > 2 * greatest(relpages, 1000))
				order by relname""")
			.query(String.class)
			.list();
		// only the stale ones: a large import has just analysed its own table (ImportClinicalData)
		for (String table : stale) {
			jdbc.sql("analyze " + table).update();
		}
	}

	/**
	 * At start-up: a definition whose SQL changed since its statistics were computed (or statistics never
	 * computed, as after the upgrade that introduced them) has every department-month recomputed; marks
	 * left by rows written outside an import are cleared.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void bringUpToDate() {
		Map<String, String> current = definitions();
		transactions.executeWithoutResult(status -> {
			jdbc.sql("lock table indicator_month_definition in exclusive mode").update();
			Map<String, String> stored = new TreeMap<>();
			jdbc.sql("select computation, sql_hash from indicator_month_definition")
				.query(rs -> {
					stored.put(rs.getString(1), rs.getString(2));
				});
			if (stored.equals(current)) {
				return;
			}
			log.info("Indicator definitions changed: every month's statistics are recomputed");
			jdbc.sql("delete from indicator_month").update();
			jdbc.sql("""
					insert into indicator_month_dirty (hospital_id, department_id, period, encounters)
					select distinct hospital_id, discharge_dept_id, date_trunc('month', discharge_time)::date, true
					from clinical_encounter
					on conflict (hospital_id, department_id, period) do update set encounters = true""").update();
			jdbc.sql("delete from indicator_month_definition").update();
			current.forEach((computation, hash) -> jdbc
				.sql("insert into indicator_month_definition (computation, sql_hash) values (:computation, :hash)")
				.param("computation", computation)
				.param("hash", hash)
				.update());
		});
		List<UUID> hospitals = jdbc.sql("select distinct hospital_id from indicator_month_dirty").query(UUID.class).list();
		for (UUID hospital : hospitals) {
			transactions.executeWithoutResult(status -> refresh(hospital));
		}
	}

	/** The aggregated computations and a hash of the SQL that computes them. */
	static Map<String, String> definitions() {
		Map<String, String> hashes = new TreeMap<>();
		for (Computation computation : Computation.values()) {
			if (computation.aggregated()) {
				hashes.put(computation.name(), sha256(REFRESHED_DISCHARGES + IndicatorResults.SQL.get(computation)));
			}
		}
		return hashes;
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
