package org.careqms.clinicaldata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.careqms.audittrail.AuditAction;
import org.careqms.audittrail.AuditTrail;
import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.CurrentUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports one CSV file of data-formats.md in one transaction: rows are read and checked one at a
 * time and the acceptable ones streamed with COPY into a temporary staging table; checks that need
 * the whole file or the database (a key twice in the file, an encounter that does not exist) run in
 * SQL on the staging table; then the department-months the rows change are marked from the staging
 * table, stored rows whose values differ are updated and new keys inserted (unchanged rows are not
 * written). A failure anywhere imports nothing of the file. The run, its rejected rows (up to
 * {@link #STORED_ERRORS}) and an audit entry are recorded; a file that cannot be read at all is
 * recorded as a FAILED run in a transaction of its own.
 */
@Service
class ImportClinicalData {

	/** Rejections stored (and answered) per run; all are counted. */
	static final int STORED_ERRORS = 10_000;

	/** Accepted rows from which an import refreshes the planner's statistics of its table. */
	static final int ANALYZE_FROM = 5_000;

	private static final Map<ImportKind, String> TABLES = Map.of(ImportKind.ENCOUNTERS, "clinical_encounter",
			ImportKind.PROCEDURES, "clinical_procedure", ImportKind.RECORD_DOCUMENTS, "record_document");

	private static final Logger log = LoggerFactory.getLogger(ImportClinicalData.class);

	private final DataSource dataSource;
	private final JdbcClient jdbc;
	private final JdbcTemplate batch;
	private final TransactionTemplate transactions;
	private final OrganizationDirectory directory;
	private final AuditTrail audit;
	private final ApplicationEventPublisher events;
	private final MessageSource messages;
	private final JsonMapper json;
	private final Clock clock;
	private final ZoneId hospitalZone;
	private final String workMem;
	private final Map<ImportKind, ImportFormat> formats = new EnumMap<>(ImportKind.class);

	ImportClinicalData(DataSource dataSource, JdbcClient jdbc, JdbcTemplate batch,
			PlatformTransactionManager transactionManager, OrganizationDirectory directory, AuditTrail audit,
			ApplicationEventPublisher events, MessageSource messages, JsonMapper json, Clock clock,
			@Value("${careqms.clinical-data.time-zone:Asia/Shanghai}") ZoneId hospitalZone,
			@Value("${careqms.clinical-data.work-mem:128MB}") String workMem) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.batch = batch;
		this.transactions = new TransactionTemplate(transactionManager);
		this.directory = directory;
		this.audit = audit;
		this.events = events;
		this.messages = messages;
		this.json = json;
		this.clock = clock;
		this.hospitalZone = hospitalZone;
		this.workMem = workMem;
		for (ImportFormat format : List.of(new EncounterFormat(), new ProcedureFormat(), new RecordDocumentFormat(),
				new InpatientFormat(true))) {
			formats.put(format.kind(), format);
		}
	}

	/** The file's particulars, and who imports it into which hospital. */
	record Upload(ImportKind kind, String fileName, boolean dryRun, UUID hospitalId, String startedBy,
			Locale locale) {
	}

	/**
	 * Imports the file into the current user's hospital; stored messages are written in the given
	 * language.
	 *
	 * @throws UnreadableFileException the file cannot be read at all; nothing was imported
	 */
	ImportResult run(ImportKind kind, String fileName, InputStream file, boolean dryRun, Locale locale) {
		var upload = new Upload(kind, shorten(fileName, 300), dryRun, CurrentUser.require().hospitalId(),
				CurrentUser.name(), locale);
		UUID runId = UUID.randomUUID();
		Instant started = Instant.now(clock);
		try {
			ImportResult result = transactions.execute(status -> importFile(upload, runId, started, file));
			log.info("Import {} of {} ({}): {} accepted, {} rejected{}", runId, kind, upload.fileName(),
					result.accepted(), result.rejected(), dryRun ? " (dry run)" : "");
			return result;
		}
		catch (UnreadableFileException ex) {
			transactions.executeWithoutResult(status -> recordFailure(upload, runId, started, ex));
			log.info("Import {} of {} ({}) refused: {}", runId, kind, upload.fileName(), ex.code());
			throw ex;
		}
	}

	private ImportResult importFile(Upload upload, UUID runId, Instant started, InputStream file) {
		ImportFormat format = formats.get(upload.kind());
		UUID hospital = upload.hospitalId();
		if (!upload.dryRun()) {
			lockImports(hospital);
		}
		Map<String, UUID> departments = directory.departmentCodeIndex(hospital);
		try (CsvSource csv = CsvSource.open(file)) {
			List<String> missing = csv.missingColumns(format);
			if (!missing.isEmpty()) {
				throw new UnreadableFileException("missing-columns", String.join(", ", missing));
			}
			List<Text> warnings = csv.unknownColumns(format)
				.stream()
				.map(column -> Text.of("clinicaldata.warning.unknown-column", column))
				.toList();
			var problems = new Problems();
			int[] counts = load(format, hospital, runId, !upload.dryRun(), problems, (staging, checked) -> {
				var hospitals = new Hospitals(hospital, staging);
				var check = new RowCheck(csv.columns(), hospitalZone, departments);
				for (CsvSource.Row row = csv.next(); row != null; row = csv.next()) {
					check.reset(row.values(), row.line());
					if (row.values().size() != csv.width()) {
						check.refuse(null, "clinicaldata.error.field-count", String.valueOf(row.values().size()),
								String.valueOf(csv.width()));
					}
					else {
						hospitals.check(check);
						format.check(check);
					}
					checked.accept(check);
				}
			});
			if (upload.kind() == ImportKind.INPATIENTS && counts[1] > 0 && !upload.dryRun()) {
				warnings = new ArrayList<>(warnings);
				warnings.add(Text.of("clinicaldata.warning.census-incomplete", String.valueOf(counts[1])));
			}
			return finish(upload, runId, started, counts[0], counts[1], 0, warnings, problems);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Imports FHIR R4 Bundles into the current user's hospital in one transaction: their inpatient
	 * Encounters as discharges, then their Procedures (fhir-mapping.md). A dry run stores the
	 * discharges only for the procedures' checks and rolls them back.
	 *
	 * @param defaultDepartment the department code for encounters whose department cannot be mapped,
	 *     or null to reject them
	 * @throws UnreadableFileException a bundle cannot be read, or the default department is unknown;
	 *     nothing was imported
	 */
	ImportResult runFhir(List<FhirFile> bundles, boolean dryRun, String defaultDepartment, Locale locale) {
		UUID hospital = CurrentUser.require().hospitalId();
		String names = bundles.stream()
			.map(bundle -> bundle.name() == null ? "" : bundle.name())
			.reduce((a, b) -> a + ", " + b)
			.orElse("");
		var upload = new Upload(ImportKind.FHIR, shorten(names, 300), dryRun, hospital, CurrentUser.name(), locale);
		Map<String, UUID> departments = directory.departmentCodeIndex(hospital);
		if (defaultDepartment != null && !departments.containsKey(defaultDepartment)) {
			throw new UnreadableFileException("unknown-default-department", defaultDepartment);
		}
		UUID runId = UUID.randomUUID();
		Instant started = Instant.now(clock);
		try {
			ImportResult result = transactions.execute(
					status -> importBundles(upload, runId, started, bundles, departments, defaultDepartment, status));
			log.info("Import {} of FHIR ({}): {} accepted, {} rejected, {} skipped{}", runId, upload.fileName(),
					result.accepted(), result.rejected(), result.skipped(), dryRun ? " (dry run)" : "");
			return result;
		}
		catch (UnreadableFileException ex) {
			transactions.executeWithoutResult(status -> recordFailure(upload, runId, started, ex));
			log.info("Import {} of FHIR ({}) refused: {}", runId, upload.fileName(), ex.code());
			throw ex;
		}
	}

	/** One FHIR Bundle of a request: its file name (null for a request body) and how to read it. */
	record FhirFile(String name, FhirFile.Opener opener) {

		/** Opens the bundle's bytes; called once. */
		@FunctionalInterface
		interface Opener {

			InputStream open() throws IOException;
		}
	}

	private ImportResult importBundles(Upload upload, UUID runId, Instant started, List<FhirFile> bundles,
			Map<String, UUID> departments, String defaultDepartment, TransactionStatus status) {
		UUID hospital = upload.hospitalId();
		// even a dry run stores the discharges for a moment, for the procedures' checks
		lockImports(hospital);
		var mapping = new FhirMapping(departments, defaultDepartment);
		for (FhirFile bundle : bundles) {
			try (InputStream in = bundle.opener().open()) {
				mapping.read(FhirBundles.read(in));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		mapping.finish();
		Object beforeDischarges = upload.dryRun() ? status.createSavepoint() : null;
		var problems = new Problems();
		Set<String> rejectedEncounters = new HashSet<>();
		int[] discharges = load(formats.get(ImportKind.ENCOUNTERS), hospital, runId, true, problems,
				(staging, checked) -> checkMapped(mapping.encounters(), FhirMapping.ENCOUNTER_COLUMNS, departments,
						formats.get(ImportKind.ENCOUNTERS), check -> {
							if (!check.accepted()) {
								rejectedEncounters.add(check.value("encounter_id"));
							}
							checked.accept(check);
						}));
		mapping.dropProceduresOf(rejectedEncounters);
		int[] running = { 0, 0 };
		if (!mapping.running().isEmpty()) {
			var runningFormat = new InpatientFormat(false);
			running = load(runningFormat, hospital, runId, !upload.dryRun(), problems,
					(staging, checked) -> checkMapped(mapping.running(), FhirMapping.INPATIENT_COLUMNS, departments,
							runningFormat, checked));
		}
		int[] procedures = load(formats.get(ImportKind.PROCEDURES), hospital, runId, !upload.dryRun(), problems,
				(staging, checked) -> checkMapped(mapping.procedures(), FhirMapping.PROCEDURE_COLUMNS, departments,
						formats.get(ImportKind.PROCEDURES), checked));
		if (beforeDischarges != null) {
			status.rollbackToSavepoint(beforeDischarges);
		}
		return finish(upload, runId, started, discharges[0] + running[0] + procedures[0],
				discharges[1] + running[1] + procedures[1], mapping.skipped(), mapping.warnings(), problems);
	}

	/** Checks rows mapped from FHIR like rows of a CSV file; a row refused while mapping keeps only that reason. */
	private void checkMapped(List<FhirMapping.MappedRow> rows, Map<String, Integer> columns,
			Map<String, UUID> departments, ImportFormat format, Consumer<RowCheck> checked) {
		var check = new RowCheck(columns, hospitalZone, departments);
		for (FhirMapping.MappedRow row : rows) {
			check.reset(row.values(), row.line());
			if (row.refusals().isEmpty()) {
				format.check(check);
			}
			else {
				row.refusals()
					.forEach(refusal -> check.refuse(refusal.column(), refusal.reason().key(),
							refusal.reason().arguments().toArray(String[]::new)));
			}
			checked.accept(check);
		}
	}

	/** Checks every row; hands each checked row on (the staging COPY is open meanwhile). */
	@FunctionalInterface
	private interface RowFeed {

		void checkEach(StagingCopy staging, Consumer<RowCheck> checked) throws IOException;
	}

	/**
	 * Stages the rows of one format, rejects in SQL what needs the whole set or the database, and
	 * upserts the rest when {@code store}. Rejections go to {@code problems}. Returns the accepted and
	 * the rejected count; the staging tables are dropped again, so that another format can follow in
	 * the same transaction.
	 */
	private int[] load(ImportFormat format, UUID hospital, UUID runId, boolean store, Problems problems,
			RowFeed rows) {
		jdbc.sql("create temporary table import_stage (line bigint not null, " + format.stagingColumns()
				+ ") on commit drop").update();
		jdbc.sql("""
				create temporary table import_reject (line bigint primary key, column_name varchar(64),
				    message_key varchar(100) not null, message_args text[] not null) on commit drop""").update();
		long rejectedRows;
		long staged;
		long started = System.nanoTime();
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try (var staging = new StagingCopy(connection, "import_stage")) {
			long[] rejected = { 0 };
			rows.checkEach(staging, check -> {
				if (check.accepted()) {
					staging.write(check.copyLine());
				}
				else {
					rejected[0]++;
					problems.add(check.problems());
				}
			});
			staging.pause();
			staged = staging.rows();
			rejectedRows = rejected[0];
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		long read = System.nanoTime();
		long rejectedInSql = rejectInSql(format, hospital);
		long checked = System.nanoTime();
		int accepted = (int) (staged - rejectedInSql);
		boolean complete = accepted > 0 && rejectedRows + rejectedInSql == 0;
		Stored stored = Stored.NOTHING;
		if (store && accepted > 0) {
			stored = format.upsert() == null ? store(format, hospital, runId, accepted)
					: upsert(format, hospital, runId);
			if (accepted >= ANALYZE_FROM && TABLES.containsKey(format.kind())) {
				// a large load (a first historical import, the demo's two years) leaves the planner with the
				// statistics of the table before it: the indicators' joins then pick nested loops over tens of
				// thousands of rows and take minutes. Fresh statistics (of a sample; own rows included) now.
				jdbc.sql("analyze " + TABLES.get(format.kind())).update();
			}
		}
		if (store) {
			for (String statement : format.afterStore(complete)) {
				jdbc.sql(statement).param("hospital", hospital).param("run", runId).update();
			}
		}
		long done = System.nanoTime();
		problems.addFromSql(sqlRejections(), rejectedInSql);
		jdbc.sql("drop table import_stage, import_reject").update();
		if (format.marksByEncounter()) {
			jdbc.sql("drop table import_encounter").update();
		}
		log.info("Import {} of {}: {} rows read, checked and staged in {} ms, checked in SQL in {} ms, stored in {} ms"
				+ " (compared in {} ms, months marked in {} ms, {} changed rows updated in {} ms, {} new rows inserted in {} ms,"
				+ " {} unchanged)",
				runId, format.kind(), staged + rejectedRows, (read - started) / 1_000_000, (checked - read) / 1_000_000,
				(done - checked) / 1_000_000, stored.compareMillis(), stored.markMillis(), stored.updated(), stored.updateMillis(),
				stored.inserted(), stored.insertMillis(), store ? accepted - stored.updated() - stored.inserted() : 0);
		return new int[] { accepted, (int) (rejectedRows + rejectedInSql) };
	}

	/** What storing the accepted rows did, and how long each step took. */
	private record Stored(long compareMillis, long markMillis, int updated, long updateMillis, int inserted,
			long insertMillis) {

		static final Stored NOTHING = new Stored(0, 0, 0, 0, 0, 0);
	}

	/**
	 * Stores the accepted staged rows (keys are unique by now). First, before anything is written, the
	 * staged rows whose key is stored already are found, each with whether its values differ
	 * ({@code import_known}); then the department-months the new and changed rows change are marked in one
	 * statement (the format's {@link ImportFormat#marks(String, boolean)}, while the stored rows still have their
	 * old values); then, with the marking triggers of V20 switched off for the import's own writes
	 * ({@code careqms.import}, V26), the changed rows are updated and the new keys inserted. Unchanged
	 * rows are not written; a step with nothing to do is skipped (a first import joins nothing, a
	 * re-import of the same file only compares).
	 */
	private Stored store(ImportFormat format, UUID hospital, UUID runId, int staged) {
		long started = System.nanoTime();
		List<String> key = format.key();
		List<String> columns = format.columns();
		String sameKey = String.join(" and ", key.stream().map(c -> "t." + c + " = s." + c).toList());
		// an anti-join of the insert with the table it writes would be planned for the table's size before
		// the import (empty, at a first import) and could scan the growing table once per staged row
		jdbc.sql("create temporary table import_known (line bigint not null, changed boolean not null) on commit drop")
			.update();
		int known = jdbc.sql("""
				insert into import_known (line, changed)
				select s.line, %s from import_stage s join %s t on t.hospital_id = :hospital and %s""".formatted(
				ImportFormat.differs("t", "s", columns), format.table(), sameKey))
			.param("hospital", hospital)
			.update();
		int changed = 0;
		if (known > 0) {
			jdbc.sql("analyze import_known").update();
			changed = jdbc.sql("select count(*) from import_known where changed").query(Integer.class).single();
		}
		int fresh = staged - known;
		long compared = System.nanoTime();
		if (fresh + changed > 0) {
			String marks = format.marks(known == 0 ? "select s.*, false as known from import_stage s" : """
					select s.*, k.line is not null as known from import_stage s
					left join import_known k on k.line = s.line where k.line is null or k.changed""", known == 0);
			if (marks != null) {
				jdbc.sql(marks).param("hospital", hospital).update();
			}
		}
		long marked = System.nanoTime();
		jdbc.sql("select set_config('careqms.import', 'on', true)").query().singleRow();
		int updated = 0;
		if (changed > 0) {
			updated = jdbc.sql("""
					update %1$s t set %2$s, import_run_id = :run
					from import_stage s join import_known k on k.line = s.line and k.changed
					where t.hospital_id = :hospital and %3$s""".formatted(format.table(),
					String.join(", ", columns.stream().map(c -> c + " = s." + c).toList()), sameKey))
				.param("hospital", hospital)
				.param("run", runId)
				.update();
		}
		long updatedAt = System.nanoTime();
		int inserted = 0;
		if (fresh > 0) {
			inserted = jdbc.sql("""
					insert into %1$s (hospital_id, %2$s, %3$s, import_run_id)
					select :hospital, %4$s, %5$s, :run
					from import_stage s
					%6$s""".formatted(format.table(), String.join(", ", key), String.join(", ", columns),
					String.join(", ", key.stream().map(c -> "s." + c).toList()),
					String.join(", ", columns.stream().map(c -> "s." + c).toList()),
					known == 0 ? "" : "where not exists (select 1 from import_known k where k.line = s.line)"))
				.param("hospital", hospital)
				.param("run", runId)
				.update();
		}
		// whatever else the transaction writes is marked by the triggers again
		jdbc.sql("select set_config('careqms.import', 'off', true)").query().singleRow();
		jdbc.sql("drop table import_known").update();
		long done = System.nanoTime();
		return new Stored(millis(started, compared), millis(compared, marked), updated, millis(marked, updatedAt),
				inserted, millis(updatedAt, done));
	}

	/** Stores the accepted staged rows with the format's own statement ({@link ImportFormat#upsert()}). */
	private Stored upsert(ImportFormat format, UUID hospital, UUID runId) {
		long started = System.nanoTime();
		int written = jdbc.sql(format.upsert()).param("hospital", hospital).param("run", runId).update();
		return new Stored(0, 0, 0, 0, written, millis(started, System.nanoTime()));
	}

	private static long millis(long from, long to) {
		return (to - from) / 1_000_000;
	}

	/** Records the run, its rejections and the audit entry, and tells the other modules. */
	private ImportResult finish(Upload upload, UUID runId, Instant started, int accepted, int rejected, int skipped,
			List<Text> warnings, Problems problems) {
		UUID hospital = upload.hospitalId();
		List<RowProblem> errors = problems.first();
		insertRun(upload, runId, started, "SUCCEEDED", accepted, rejected, skipped, warnings);
		insertErrors(runId, errors, upload.locale());
		audit.record(hospital, "ImportRun", runId, AuditAction.CREATE,
				upload.kind() + " " + (upload.fileName() == null ? "" : upload.fileName()), null,
				auditState(upload, "SUCCEEDED", accepted, rejected, skipped));
		if (!upload.dryRun()) {
			events.publishEvent(new ClinicalDataImported(hospital, upload.kind().name(), runId, accepted));
		}
		return new ImportResult(runId, upload.kind(), upload.dryRun(), accepted, rejected, skipped, warnings, errors,
				problems.count() > errors.size());
	}

	/**
	 * Two imports into one hospital at once would wait on each other's rows anyway; in turn they cannot
	 * deadlock. The import's transaction (its checks, its store and the statistics recomputed before it
	 * commits) hashes up to every key of the file and every discharge of the hospital: with the server's
	 * 32 MB those hashes of a million-row file spilled to disk in batches (the duplicate-key check and
	 * UNPLANNED-REOP's per-encounter aggregate of 493,118 procedures, docs/benchmarks.md run F); the
	 * transaction's own {@code work_mem} keeps them in memory.
	 */
	private void lockImports(UUID hospital) {
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
			.param("key", "clinicaldata-import:" + hospital)
			.query()
			.singleRow();
		jdbc.sql("select set_config('work_mem', :mem, true)").param("mem", workMem).query().singleRow();
	}

	/**
	 * Rejects staged rows whose key an earlier line of the file already had and, for procedures and
	 * documents, rows whose encounter was never imported, and removes them from the staging table. Returns how many
	 * rows were rejected.
	 */
	private long rejectInSql(ImportFormat format, UUID hospital) {
		jdbc.sql("analyze import_stage").update();
		String key = String.join(", ", format.key());
		// the keys staged more than once, found by hashing every key (a window over the keys sorted every
		// staged row, each carrying its key as text: 0.49 s against 0.38 s for 493,118 procedures,
		// docs/benchmarks.md run F); only the rows of such keys are joined back and shown. Staged keys are
		// never null (every key column is required), so equality finds what a partition by the key did.
		String sameKey = String.join(" and ", format.key().stream().map(c -> "s." + c + " = d." + c).toList());
		jdbc.sql("""
				insert into import_reject (line, column_name, message_key, message_args)
				select s.line, :column, 'clinicaldata.error.duplicate-key', array[concat_ws(' / ', %s),
				       d.first_line::text]
				from (select %s, min(line) as first_line from import_stage group by %s having count(*) > 1) d
				join import_stage s on %s and s.line <> d.first_line""".formatted(
				String.join(", ", format.key().stream().map(c -> "s." + c + "::text").toList()), key, key, sameKey))
			.param("column", format.key().get(format.key().size() - 1))
			.update();
		if (format.marksByEncounter()) {
			// one join with the encounters both finds the unknown ones and keeps each line's department-month
			// for the marks (ImportFormat.marksByEncounter)
			jdbc.sql("""
					create temporary table import_encounter on commit drop as
					select s.line, e.discharge_dept_id as department_id, date_trunc('month', e.discharge_time)::date as period
					from import_stage s
					left join clinical_encounter e on e.hospital_id = :hospital and e.encounter_id = s.encounter_id""")
				.param("hospital", hospital)
				.update();
			jdbc.sql("""
					insert into import_reject (line, column_name, message_key, message_args)
					select s.line, 'encounter_id', 'clinicaldata.error.unknown-encounter', array[s.encounter_id::text]
					from import_stage s
					where s.line in (select x.line from import_encounter x where x.department_id is null)
					  and not exists (select 1 from import_reject r where r.line = s.line)""")
				.update();
		}
		else if (format.refersToEncounter()) {
			jdbc.sql("""
					insert into import_reject (line, column_name, message_key, message_args)
					select s.line, 'encounter_id', 'clinicaldata.error.unknown-encounter', array[s.encounter_id::text]
					from import_stage s
					where not exists (select 1 from clinical_encounter e
					                  where e.hospital_id = :hospital and e.encounter_id = s.encounter_id)
					  and not exists (select 1 from import_reject r where r.line = s.line)%s""".formatted(
						format.kind() == ImportKind.RECORD_DOCUMENTS ? """

						  and not exists (select 1 from running_stay w
						                  where w.hospital_id = :hospital and w.encounter_id = s.encounter_id)""" : ""))
				.param("hospital", hospital)
				.update();
		}
		if (format.rejectInSql() != null) {
			jdbc.sql(format.rejectInSql()).param("hospital", hospital).update();
		}
		long rejected = jdbc.sql("select count(*) from import_reject").query(Long.class).single();
		if (rejected > 0) {
			// what is stored from here on: every staged row left, each key once
			jdbc.sql("delete from import_stage s using import_reject r where r.line = s.line").update();
			if (format.marksByEncounter()) {
				jdbc.sql("delete from import_encounter x using import_reject r where r.line = x.line").update();
			}
		}
		return rejected;
	}

	private List<RowProblem> sqlRejections() {
		return jdbc.sql("select line, column_name, message_key, message_args from import_reject order by line limit :limit")
			.param("limit", STORED_ERRORS)
			.query((rs, n) -> new RowProblem(rs.getLong("line"), rs.getString("column_name"),
					new Text(rs.getString("message_key"), List.of((String[]) rs.getArray("message_args").getArray()))))
			.list();
	}

	private void recordFailure(Upload upload, UUID runId, Instant started, UnreadableFileException ex) {
		insertRun(upload, runId, started, "FAILED", 0, 0, 0, List.of());
		insertErrors(runId, List.of(new RowProblem(0, null, ex.reason())), upload.locale());
		audit.record(upload.hospitalId(), "ImportRun", runId, AuditAction.CREATE,
				upload.kind() + " " + (upload.fileName() == null ? "" : upload.fileName()), null,
				auditState(upload, "FAILED", 0, 0, 0));
	}

	private void insertRun(Upload upload, UUID runId, Instant started, String status, int accepted, int rejected,
			int skipped, List<Text> warnings) {
		jdbc.sql("""
				insert into import_run (id, hospital_id, kind, file_name, dry_run, status, accepted, rejected, skipped,
				    warnings, started_by, started_at, finished_at)
				values (:id, :hospital, :kind, :file, :dryRun, :status, :accepted, :rejected, :skipped,
				    cast(:warnings as json), :by, :started, :finished)""")
			.param("id", runId)
			.param("hospital", upload.hospitalId())
			.param("kind", upload.kind().name())
			.param("file", upload.fileName())
			.param("dryRun", upload.dryRun())
			.param("status", status)
			.param("accepted", accepted)
			.param("rejected", rejected)
			.param("skipped", skipped)
			.param("warnings", json.writeValueAsString(warnings))
			.param("by", upload.startedBy())
			.param("started", started.atOffset(ZoneOffset.UTC))
			.param("finished", Instant.now(clock).atOffset(ZoneOffset.UTC))
			.update();
	}

	/** Stores the rejections; {@code line} 0 means the file as a whole and is stored as null. */
	private void insertErrors(UUID runId, List<RowProblem> errors, Locale locale) {
		batch.batchUpdate("""
				insert into import_error (run_id, line, column_name, message, message_key, message_args)
				values (?, ?, ?, ?, ?, ?)""", new BatchPreparedStatementSetter() {

			@Override
			public void setValues(PreparedStatement statement, int i) throws SQLException {
				RowProblem error = errors.get(i);
				statement.setObject(1, runId);
				statement.setObject(2, error.line() == 0 ? null : error.line());
				statement.setString(3, error.column());
				statement.setString(4, shorten(error.reason().render(messages, locale), 500));
				statement.setString(5, error.reason().key());
				Array arguments = statement.getConnection()
					.createArrayOf("text", error.reason().arguments().toArray());
				statement.setArray(6, arguments);
			}

			@Override
			public int getBatchSize() {
				return errors.size();
			}
		});
	}

	private static Map<String, Object> auditState(Upload upload, String status, int accepted, int rejected,
			int skipped) {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("kind", upload.kind().name());
		state.put("file", upload.fileName());
		state.put("dryRun", upload.dryRun());
		state.put("status", status);
		state.put("accepted", accepted);
		state.put("rejected", rejected);
		if (upload.kind() == ImportKind.FHIR) {
			state.put("skipped", skipped);
		}
		return state;
	}

	private static String shorten(String text, int length) {
		return text == null || text.length() <= length ? text : text.substring(0, length);
	}

	/**
	 * The hospital_code column: rows may name the importing user's hospital (or leave it empty), never
	 * another one. Looked-up codes are remembered, and the staging COPY pauses for the few look-ups.
	 */
	private final class Hospitals {

		private final UUID own;
		private final StagingCopy staging;
		private final Map<String, Optional<UUID>> known = new HashMap<>();

		Hospitals(UUID own, StagingCopy staging) {
			this.own = own;
			this.staging = staging;
		}

		void check(RowCheck row) {
			String code = row.value(ImportFormat.HOSPITAL_CODE);
			if (code == null) {
				return;
			}
			Optional<UUID> hospital = known.get(code);
			if (hospital == null) {
				staging.pause();
				hospital = directory.hospitalIdByCode(code);
				known.put(code, hospital);
			}
			if (hospital.isEmpty()) {
				row.refuse(ImportFormat.HOSPITAL_CODE, "clinicaldata.error.hospital-unknown", code);
			}
			else if (!hospital.get().equals(own)) {
				row.refuse(ImportFormat.HOSPITAL_CODE, "clinicaldata.error.hospital-other", code);
			}
		}
	}

	/**
	 * Rejections in line order: those found while reading (the first {@link #STORED_ERRORS} kept) and
	 * those found in SQL (at most as many per format); all are counted.
	 */
	private static final class Problems {

		private final List<RowProblem> kept = new ArrayList<>();
		private final List<RowProblem> fromSql = new ArrayList<>();
		private long count;

		void add(List<RowProblem> problems) {
			for (RowProblem problem : problems) {
				count++;
				if (kept.size() < STORED_ERRORS) {
					kept.add(problem);
				}
			}
		}

		/** Rejections found in SQL: the first ones, and how many there were. */
		void addFromSql(List<RowProblem> first, long total) {
			fromSql.addAll(first);
			count += total;
		}

		long count() {
			return count;
		}

		/** The first {@link #STORED_ERRORS} of all, in line order. */
		List<RowProblem> first() {
			List<RowProblem> all = new ArrayList<>(kept.size() + fromSql.size());
			all.addAll(kept);
			all.addAll(fromSql);
			all.sort(Comparator.comparingLong(RowProblem::line));
			return all.size() > STORED_ERRORS ? List.copyOf(all.subList(0, STORED_ERRORS)) : all;
		}
	}
}
