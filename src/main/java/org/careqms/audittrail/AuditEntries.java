package org.careqms.audittrail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the audit trail: filtered pages for people, the whole chain in order for verification. */
@Repository
class AuditEntries {

	static final String COLUMNS = """
			seq, chain_seq, hospital_id, occurred_at, actor, actor_user_id, client_address, user_agent, action,
			entity_type, entity_id, summary, before_state::text as before_state, after_state::text as after_state,
			prev_hash, hash, recorded_at, sealed_at""";

	private final JdbcClient jdbc;
	private final JdbcTemplate template;

	AuditEntries(JdbcClient jdbc, javax.sql.DataSource dataSource) {
		this.jdbc = jdbc;
		this.template = new JdbcTemplate(dataSource);
		this.template.setFetchSize(1000);
	}

	/** Filter of the audit-trail list; null fields do not filter. */
	record Filter(String entityType, String entityId, String actor, LocalDate from, LocalDate to) {
	}

	record Page(List<AuditEntry> entries, long total, int page, int size) {

		public int pages() {
			return (int) Math.max(1, (total + size - 1) / size);
		}
	}

	Page find(UUID hospitalId, Filter filter, int page, int size, ZoneId zone) {
		var where = new StringBuilder("(hospital_id = :hospital or hospital_id is null)");
		var params = new java.util.HashMap<String, Object>();
		params.put("hospital", hospitalId);
		if (filter.entityType() != null && !filter.entityType().isBlank()) {
			where.append(" and entity_type = :type");
			params.put("type", filter.entityType());
		}
		if (filter.entityId() != null && !filter.entityId().isBlank()) {
			where.append(" and entity_id = :id");
			params.put("id", filter.entityId().trim());
		}
		if (filter.actor() != null && !filter.actor().isBlank()) {
			where.append(" and lower(actor) = lower(:actor)");
			params.put("actor", filter.actor().trim());
		}
		if (filter.from() != null) {
			where.append(" and occurred_at >= :from");
			params.put("from", filter.from().atStartOfDay(zone).toOffsetDateTime());
		}
		if (filter.to() != null) {
			where.append(" and occurred_at < :to");
			params.put("to", filter.to().plusDays(1).atStartOfDay(zone).toOffsetDateTime());
		}
		long total = jdbc.sql("select count(*) from audit_entry where " + where).params(params).query(Long.class)
			.single();
		List<AuditEntry> entries = jdbc
			.sql("select " + COLUMNS + " from audit_entry where " + where + " order by seq desc limit :size offset :offset")
			.params(params)
			.param("size", size)
			.param("offset", (long) page * size)
			.query(AuditEntries::map)
			.list();
		return new Page(entries, total, page, size);
	}

	Optional<AuditEntry> find(UUID hospitalId, long seq) {
		return jdbc.sql("select " + COLUMNS + " from audit_entry where seq = :seq and (hospital_id = :hospital or hospital_id is null)")
			.param("seq", seq)
			.param("hospital", hospitalId)
			.query(AuditEntries::map)
			.optional();
	}

	List<String> entityTypes() {
		return jdbc.sql("select distinct entity_type from audit_entry order by 1").query(String.class).list();
	}

	/** Streams the sealed chain in chain order without holding it in memory (call inside a transaction). */
	void forEachInOrder(Consumer<AuditEntry> consumer) {
		template.query("select " + COLUMNS + " from audit_entry where chain_seq is not null order by chain_seq", rs -> {
			consumer.accept(map(rs, 0));
		});
	}

	/** Entries not sealed yet, oldest first, with how long each has waited (database clock). */
	void forEachUnsealed(java.util.function.BiConsumer<AuditEntry, java.time.Duration> consumer) {
		template.query("select " + COLUMNS + """
				, extract(epoch from (now() - recorded_at)) as waited
				from audit_entry where chain_seq is null order by seq""", rs -> {
			consumer.accept(map(rs, 0), java.time.Duration.ofMillis(Math.round(rs.getDouble("waited") * 1000)));
		});
	}

	/** The newest link as recorded beside the chain: seq and hash. */
	Optional<Head> head() {
		return jdbc.sql("select seq, hash from audit_chain_head where id = 1")
			.query((rs, n) -> new Head(rs.getLong("seq"), rs.getString("hash")))
			.optional();
	}

	record Head(long seq, String hash) {
	}

	static AuditEntry map(ResultSet rs, int row) throws SQLException {
		OffsetDateTime sealedAt = rs.getObject("sealed_at", OffsetDateTime.class);
		return new AuditEntry(rs.getLong("seq"), rs.getObject("chain_seq", Long.class), rs.getObject("hospital_id", UUID.class),
				rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
				rs.getObject("actor_user_id", UUID.class), rs.getString("client_address"), rs.getString("user_agent"),
				rs.getString("action"), rs.getString("entity_type"), rs.getString("entity_id"), rs.getString("summary"),
				rs.getString("before_state"), rs.getString("after_state"), rs.getString("prev_hash"),
				rs.getString("hash"), rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
				sealedAt == null ? null : sealedAt.toInstant());
	}

}
