package org.careqms.incidents;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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
	private final Set<String> known = ConcurrentHashMap.newKeySet();

	IncidentReferences(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	static String sequenceName(UUID hospitalId, int year) {
		return "incident_ref_" + hospitalId.toString().replace("-", "") + "_" + year;
	}

	String next(UUID hospitalId, int year) {
		String name = sequenceName(hospitalId, year);
		if (!known.contains(name)) {
			if (exists(name)) {
				known.add(name);
			}
			else {
				create(hospitalId, year, name);
			}
		}
		long number = jdbc.sql("select nextval(cast(:name as regclass))").param("name", name).query(Long.class)
			.single();
		return "INC-" + year + "-" + String.format("%05d", number);
	}

	private boolean exists(String name) {
		return jdbc.sql("select to_regclass(:name) is not null").param("name", name).query(Boolean.class).single();
	}

	/**
	 * In the report's own transaction, under a lock that only the first reports of a year take: if the
	 * report rolls back, so does the new sequence, and the next report creates it. Not remembered as
	 * known until another call finds it committed.
	 */
	private void create(UUID hospitalId, int year, String name) {
		jdbc.sql("select pg_advisory_xact_lock(:space, hashtext(:name))").param("space", LOCK_SPACE)
			.param("name", name).query().singleRow();
		if (exists(name)) {
			return; // created by a report that committed while this one waited
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
	}
}
