package org.careqms.recordqc;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the stored judgement — the defects of the latest run over each encounter — by discharge date,
 * optionally restricted to departments: pages of it, or all of it written as JSON while PostgreSQL
 * sends it (a server-side cursor), so millions of defects never sit in memory.
 */
@Repository
class Defects {

	/** Times in the API: {@code YYYY-MM-DDTHH:MM:SS}, seconds always written. */
	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

	/** Rows fetched from the cursor at a time while streaming. */
	static final int FETCH_SIZE = 5_000;

	/** One defect as the API and the defect list show it. */
	record Defect(String encounterId, String ruleId, String documentType, String kind, String dueTime,
			String writtenTime, UUID departmentId, String authorId, BigDecimal deduction) {
	}

	private final JdbcClient jdbc;
	private final NamedParameterJdbcTemplate cursor;
	private final TransactionTemplate readOnly;
	private final JsonMapper json;

	Defects(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions, JsonMapper json) {
		this.jdbc = jdbc;
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setFetchSize(FETCH_SIZE);
		this.cursor = new NamedParameterJdbcTemplate(template);
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		this.json = json;
	}

	private static final String SELECT = """
			select encounter_id, rule_id, document_type, kind, due_time, written_time, department_id, author_id, deduction
			from record_qc_defect
			where hospital_id = :hospital and discharge_time >= :from and discharge_time < :to""";

	private static final String ORDER = " order by encounter_id, rule_id, due_time";

	private static MapSqlParameterSource parameters(UUID hospitalId, LocalDate from, LocalDate to,
			Collection<UUID> departments) {
		var parameters = new MapSqlParameterSource().addValue("hospital", hospitalId)
			.addValue("from", from.atStartOfDay())
			.addValue("to", to.plusDays(1).atStartOfDay());
		if (departments != null) {
			parameters.addValue("departments", departments.toArray(UUID[]::new));
		}
		return parameters;
	}

	private static String where(Collection<UUID> departments) {
		return departments == null ? "" : " and department_id = any(:departments)";
	}

	/**
	 * A page of the defects of encounters discharged from {@code from} to {@code to} (inclusive).
	 *
	 * @param departments only these discharge departments (null: all)
	 */
	@Transactional(readOnly = true)
	public List<Defect> page(UUID hospitalId, LocalDate from, LocalDate to, Collection<UUID> departments, int page,
			int size) {
		var parameters = parameters(hospitalId, from, to, departments).addValue("limit", size)
			.addValue("offset", (long) page * size);
		return cursor.query(SELECT + where(departments) + ORDER + " limit :limit offset :offset", parameters,
				(rs, n) -> defect(rs));
	}

	@Transactional(readOnly = true)
	public long count(UUID hospitalId, LocalDate from, LocalDate to, Collection<UUID> departments) {
		return cursor.queryForObject("select count(*) from (" + SELECT + where(departments) + ") d",
				parameters(hospitalId, from, to, departments), Long.class);
	}

	/** Writes every defect as one JSON array to {@code out}, row by row from a cursor. */
	void write(UUID hospitalId, LocalDate from, LocalDate to, Collection<UUID> departments, OutputStream out) {
		readOnly.executeWithoutResult(status -> {
			try (JsonGenerator generator = json.createGenerator(out)) {
				generator.writeStartArray();
				cursor.query(SELECT + where(departments) + ORDER, parameters(hospitalId, from, to, departments), rs -> {
					generator.writeStartObject();
					generator.writeStringProperty("encounterId", rs.getString("encounter_id"));
					generator.writeStringProperty("ruleId", rs.getString("rule_id"));
					generator.writeStringProperty("documentType", rs.getString("document_type"));
					generator.writeStringProperty("kind", rs.getString("kind"));
					generator.writeStringProperty("dueTime", time(rs.getTimestamp("due_time")));
					generator.writeStringProperty("writtenTime", time(rs.getTimestamp("written_time")));
					generator.writeEndObject();
				});
				generator.writeEndArray();
			}
		});
	}

	private static Defect defect(ResultSet rs) throws SQLException {
		return new Defect(rs.getString("encounter_id"), rs.getString("rule_id"), rs.getString("document_type"),
				rs.getString("kind"), time(rs.getTimestamp("due_time")), time(rs.getTimestamp("written_time")),
				rs.getObject("department_id", UUID.class), rs.getString("author_id"), rs.getBigDecimal("deduction"));
	}

	static String time(Timestamp timestamp) {
		return timestamp == null ? null : time(timestamp.toLocalDateTime());
	}

	static String time(LocalDateTime time) {
		return time == null ? null : TIME.format(time);
	}

	/** The earliest and latest discharge date of the encounters an import run brought in or touched. */
	@Transactional(readOnly = true)
	public java.util.Optional<LocalDate[]> importedRange(UUID hospitalId, String kind, UUID importRunId) {
		String encounters = "select e.discharge_time from clinical_encounter e where e.hospital_id = :hospital"
				+ " and e.import_run_id = :run";
		String procedures = "select e.discharge_time from clinical_procedure p join clinical_encounter e"
				+ " on e.hospital_id = p.hospital_id and e.encounter_id = p.encounter_id"
				+ " where p.hospital_id = :hospital and p.import_run_id = :run";
		String documents = "select e.discharge_time from record_document d join clinical_encounter e"
				+ " on e.hospital_id = d.hospital_id and e.encounter_id = d.encounter_id"
				+ " where d.hospital_id = :hospital and d.import_run_id = :run";
		// a FHIR bundle brings discharges and their procedures together; any other kind may bring anything
		String rows = switch (kind) {
			case "ENCOUNTERS" -> encounters;
			case "PROCEDURES" -> procedures;
			case "RECORD_DOCUMENTS" -> documents;
			default -> encounters + " union all " + procedures + " union all " + documents;
		};
		return jdbc.sql("select min(discharge_time)::date as first, max(discharge_time)::date as last from (" + rows
				+ ") r")
			.param("hospital", hospitalId)
			.param("run", importRunId)
			.query((rs, n) -> new LocalDate[] { rs.getObject("first", LocalDate.class),
					rs.getObject("last", LocalDate.class) })
			.list()
			.stream()
			.filter(range -> range[0] != null)
			.findFirst();
	}
}
