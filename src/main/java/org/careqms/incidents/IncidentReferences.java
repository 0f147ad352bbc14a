package org.careqms.incidents;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Report numbers ({@code INC-2026-00042}): one PostgreSQL sequence per hospital and year.
 * <p>
 * {@code nextval} never waits for another transaction, so reports submitted at the same time do not
 * queue behind one another's commit (a counter row locked until commit did, ADR 0004). Numbers are
 * unique (a sequence never gives a number twice, and {@code incident.reference} is unique per hospital)
 * and increase in the order reports are submitted; they may have gaps: a report that is refused or
 * rolled back after taking its number does not give it back. The sequence of a new year is created by
 * the first report of that year, starting after the highest number already given that year.
 */
@Component
class IncidentReferences {

	/** First key of the advisory locks taken while a year's sequence is created ("INCR"). */
	static final int LOCK_SPACE = 0x494e4352;

	private final JdbcClient jdbc;

	IncidentReferences(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	static String sequenceName(UUID hospitalId, int year) {
		return "incident_ref_" + hospitalId.toString().replace("-", "") + "_" + year;
	}

	String next(UUID hospitalId, int year) {
		String name = sequenceName(hospitalId, year);
		Long number = nextval(name);
		if (number == null) {
			number = create(hospitalId, year, name);
		}
		String digits = Long.toString(number); // String.format was a noticeable part of a submission's CPU
		return "INC-" + year + "-" + "0".repeat(Math.max(0, 5 - digits.length())) + digits;
	}

	/**
	 * The next value, or null if the sequence does not exist (yet). Found in {@code pg_class} with the
	 * statement's snapshot and used by its oid: a name lookup through the session's catalog cache could
	 * still miss a sequence another session has just created.
	 */
	private Long nextval(String name) {
		return jdbc.sql("""
				select nextval(c.oid::regclass) from pg_class c
				where c.relname = :name and c.relkind = 'S' and c.relnamespace = current_schema()::regnamespace""")
			.param("name", name)
			.query(Long.class)
			.optional()
			.orElse(null);
	}

	/**
	 * In the report's own transaction, under a lock that only the first reports of a year take: if the
	 * report rolls back, so does the new sequence, and the next report creates it.
	 */
	private long create(UUID hospitalId, int year, String name) {
		jdbc.sql("select pg_advisory_xact_lock(:space, hashtext(:name))").param("space", LOCK_SPACE)
			.param("name", name).query().singleRow();
		Long number = nextval(name); // created by a report that committed while this one waited?
		if (number != null) {
			return number;
		}
		Long start = jdbc.sql("""
				select coalesce(max(cast(substring(reference from 10) as bigint)), 0) + 1 from incident
				where hospital_id = :hospital and reference ~ :pattern""")
			.param("hospital", hospitalId)
			.param("pattern", "^INC-" + year + "-[0-9]+$")
			.query(Long.class)
			.single();
		// the name is built from a UUID and a year only: nothing to quote
		jdbc.sql("create sequence " + name + " start with " + start).update();
		return nextval(name);
	}
}
