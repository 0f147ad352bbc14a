package org.careqms.incidents;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.careqms.platform.CareQmsUser;
import org.careqms.platform.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Report lists as each reader may see them. */
@Repository
class IncidentQueries {

	private final JdbcClient jdbc;

	IncidentQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Line(UUID id, String reference, LocalDateTime occurredAt, UUID departmentId, String category, String level,
			String status, boolean anonymous) {
	}

	@Transactional(readOnly = true)
	List<Line> visibleTo(CareQmsUser user, boolean mine, int limit) {
		String where;
		if (mine) {
			where = "reporter_user_id = :user";
		}
		else if (user.hasRole(Role.QUALITY_MANAGER) || user.hasRole(Role.SYSTEM_ADMIN)) {
			where = "true";
		}
		else {
			where = "(reporter_user_id = :user or (not anonymous and (department_id = any(:scope)"
					+ " or handling_department_id = any(:scope))))";
		}
		List<Line> lines = new ArrayList<>();
		jdbc.sql("select id, reference, occurred_at, department_id, category, level, status, anonymous from incident"
				+ " where hospital_id = :hospital and " + where + " order by submitted_at desc limit :limit")
			.param("hospital", user.hospitalId())
			.param("user", user.id())
			.param("scope", user.departmentIds().toArray(UUID[]::new))
			.param("limit", limit)
			.query(rs -> {
				lines.add(new Line(rs.getObject("id", UUID.class), rs.getString("reference"),
						rs.getObject("occurred_at", LocalDateTime.class), rs.getObject("department_id", UUID.class),
						rs.getString("category"), rs.getString("level"), rs.getString("status"),
						rs.getBoolean("anonymous")));
			});
		return lines;
	}
}
