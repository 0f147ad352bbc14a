package org.careqms.improvement;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.careqms.platform.CareQmsUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The register as lists: filtered, scoped to what the reader may see, newest due first. */
@Repository
class ActionQueries {

	private final JdbcClient jdbc;

	ActionQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A line of the register. */
	record Line(UUID id, String reference, String title, String sourceType, UUID responsibleDepartmentId,
			LocalDate dueDate, String status, int escalationLevel, String indicatorCode, String strength,
			UUID incidentId, String rootCause) {

		public boolean overdue(LocalDate today) {
			return dueDate.isBefore(today)
					&& (status.equals("OPEN") || status.equals("IN_PROGRESS") || status.equals("AWAITING_VERIFICATION"));
		}
	}

	/** An action planned on an adverse event, with the root cause it answers. */
	record EventAction(UUID id, String reference, String title, String rootCause, String strength, String status,
			LocalDate dueDate) {

		public boolean counts() {
			return !status.equals("CANCELLED");
		}

		public boolean strongEnough() {
			return counts() && ("STRONG".equals(strength) || "INTERMEDIATE".equals(strength));
		}
	}

	@Transactional(readOnly = true)
	List<EventAction> findForIncident(org.careqms.incidents.IncidentRootCauses.Analysed analysed) {
		return forIncident(analysed.hospitalId(), analysed.incidentId());
	}

	@Transactional(readOnly = true)
	List<EventAction> forIncident(UUID hospitalId, UUID incidentId) {
		return jdbc.sql("""
				select id, reference, title, root_cause, strength, status, due_date from improvement_action
				where hospital_id = :hospital and incident_id = :incident order by created_at, reference""")
			.param("hospital", hospitalId)
			.param("incident", incidentId)
			.query((rs, n) -> new EventAction(rs.getObject("id", UUID.class), rs.getString("reference"),
					rs.getString("title"), rs.getString("root_cause"), rs.getString("strength"), rs.getString("status"),
					rs.getObject("due_date", LocalDate.class)))
			.list();
	}

	/** Filter: {@code state} is active, closed or all; null department and false overdue do not filter. */
	record Filter(String state, UUID department, boolean overdue, String source) {
	}

	@Transactional(readOnly = true)
	List<Line> find(CareQmsUser user, Filter filter, LocalDate today, int limit) {
		var where = new StringBuilder("a.hospital_id = :hospital");
		Map<String, Object> params = new HashMap<>();
		params.put("hospital", user.hospitalId());
		switch (filter.state() == null ? "active" : filter.state()) {
			case "closed" -> where.append(" and a.status in ('CLOSED', 'CANCELLED')");
			case "all" -> {
			}
			default -> where.append(" and a.status in ('OPEN', 'IN_PROGRESS', 'AWAITING_VERIFICATION')");
		}
		if (filter.department() != null) {
			where.append(" and a.responsible_department_id = :department");
			params.put("department", filter.department());
		}
		if (filter.overdue()) {
			where.append(" and a.due_date < :today and a.status in ('OPEN', 'IN_PROGRESS', 'AWAITING_VERIFICATION')");
			params.put("today", today);
		}
		if (filter.source() != null && !filter.source().isBlank()) {
			where.append(" and a.source_type = :source");
			params.put("source", filter.source());
		}
		if (!user.hospitalWide()) {
			where.append(" and (a.owner_user_id = :user or a.responsible_department_id = any(:scope)"
					+ " or exists (select 1 from improvement_action_department c"
					+ " where c.action_id = a.id and c.department_id = any(:scope)))");
			params.put("user", user.id());
			params.put("scope", user.departmentIds().toArray(UUID[]::new));
		}
		List<Line> lines = new ArrayList<>();
		jdbc.sql("""
				select a.id, a.reference, a.title, a.source_type, a.responsible_department_id, a.due_date, a.status,
				       a.escalation_level, a.indicator_code, a.strength, a.incident_id, a.root_cause
				from improvement_action a where\s""" + where + " order by a.due_date, a.reference limit :limit")
			.params(params)
			.param("limit", limit)
			.query(rs -> {
				lines.add(new Line(rs.getObject("id", UUID.class), rs.getString("reference"), rs.getString("title"),
						rs.getString("source_type"), rs.getObject("responsible_department_id", UUID.class),
						rs.getObject("due_date", LocalDate.class), rs.getString("status"), rs.getInt("escalation_level"),
						rs.getString("indicator_code"), rs.getString("strength"), rs.getObject("incident_id", UUID.class),
						rs.getString("root_cause")));
			});
		return lines;
	}
}
