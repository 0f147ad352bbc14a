package org.careqms.organization;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Counts shown beside departments and committees (plain SQL, nothing loaded). */
@Repository
class StaffDirectoryQueries {

	private final JdbcClient jdbc;

	StaffDirectoryQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long countActiveInDepartment(UUID departmentId) {
		return jdbc.sql("select count(*) from staff where department_id = :id and not retired")
			.param("id", departmentId)
			.query(Long.class)
			.single();
	}
}
