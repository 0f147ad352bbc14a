package org.careqms.clinicaldata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.careqms.platform.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The history of import runs of a hospital and the rejected rows of each. */
@Service
class ImportRuns {

	private static final TypeReference<List<Text>> TEXTS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final MessageSource messages;

	ImportRuns(JdbcClient jdbc, JsonMapper json, MessageSource messages) {
		this.jdbc = jdbc;
		this.json = json;
		this.messages = messages;
	}

	/** One run as the history shows it; times in the server's time zone. */
	record Run(UUID id, ImportKind kind, String fileName, boolean dryRun, String status, int accepted, int rejected,
			int skipped, List<Text> warnings, String startedBy, LocalDateTime startedAt, LocalDateTime finishedAt) {

		public boolean failed() {
			return "FAILED".equals(status);
		}
	}

	private static final String RUN_COLUMNS = """
			id, kind, file_name, dry_run, status, accepted, rejected, skipped, warnings, started_by, started_at,
			finished_at""";

	/** The hospital's latest runs, newest first. */
	@Transactional(readOnly = true)
	List<Run> latest(UUID hospitalId, int limit) {
		return jdbc.sql("select " + RUN_COLUMNS
				+ " from import_run where hospital_id = :hospital order by started_at desc, id limit :limit")
			.param("hospital", hospitalId)
			.param("limit", limit)
			.query((rs, n) -> run(rs))
			.list();
	}

	/** A run of the hospital; another hospital's run is not found. */
	@Transactional(readOnly = true)
	Run get(UUID hospitalId, UUID runId) {
		return jdbc.sql("select " + RUN_COLUMNS + " from import_run where hospital_id = :hospital and id = :id")
			.param("hospital", hospitalId)
			.param("id", runId)
			.query((rs, n) -> run(rs))
			.optional()
			.orElseThrow(NotFoundException::new);
	}

	/** The first stored rejections of a run, in line order. */
	@Transactional(readOnly = true)
	List<RowProblem> errors(UUID runId, int limit) {
		return jdbc.sql("""
				select line, column_name, message_key, message_args from import_error
				where run_id = :run order by line nulls first limit :limit""")
			.param("run", runId)
			.param("limit", limit)
			.query((rs, n) -> problem(rs))
			.list();
	}

	/**
	 * Writes the stored rejections of a run as CSV ({@code line,column,message}, messages in the reader's
	 * language), row by row as the database returns them.
	 */
	@Transactional(readOnly = true)
	void writeErrors(UUID runId, Locale locale, Writer out) {
		try {
			var csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader("line", "column", "message").get());
			jdbc.sql("""
					select line, column_name, message_key, message_args from import_error
					where run_id = :run order by line nulls first""")
				.param("run", runId)
				.withFetchSize(1000)
				.query(rs -> {
					RowProblem problem = problem(rs);
					try {
						csv.printRecord(problem.line() == 0 ? "" : problem.line(), problem.column(),
								problem.reason().render(messages, locale));
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				});
			csv.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Run run(ResultSet rs) throws SQLException {
		return new Run(rs.getObject("id", UUID.class), ImportKind.valueOf(rs.getString("kind")),
				rs.getString("file_name"), rs.getBoolean("dry_run"), rs.getString("status"), rs.getInt("accepted"),
				rs.getInt("rejected"), rs.getInt("skipped"), json.readValue(rs.getString("warnings"), TEXTS), rs.getString("started_by"),
				local(rs.getObject("started_at", OffsetDateTime.class)),
				local(rs.getObject("finished_at", OffsetDateTime.class)));
	}

	private static RowProblem problem(ResultSet rs) throws SQLException {
		long line = rs.getLong("line");
		return new RowProblem(rs.wasNull() ? 0 : line, rs.getString("column_name"),
				new Text(rs.getString("message_key"), List.of((String[]) rs.getArray("message_args").getArray())));
	}

	private static LocalDateTime local(OffsetDateTime time) {
		return time == null ? null : time.atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime();
	}
}
