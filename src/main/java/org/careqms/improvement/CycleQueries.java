package org.careqms.improvement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.careqms.platform.CareQmsUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** PDCA cycles and QCC projects as lists, scoped to what the reader may see; the actions of a cycle. */
@Repository
class CycleQueries {

	private final JdbcClient jdbc;

	CycleQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A line of the list. */
	record Line(UUID id, String kind, String reference, int round, String title, String circleName,
			UUID departmentId, String stage, LocalDate stageDue, boolean escalated, String indicatorCode,
			LocalDate createdOn) {

		public boolean overdue(LocalDate today) {
			return stageDue != null && stageDue.isBefore(today) && !"COMPLETED".equals(stage);
		}
	}

	/** Filter: {@code state} active, completed or all; a null stage or department and false overdue do not filter. */
	record Filter(CycleKind kind, String state, String stage, UUID department, boolean overdue) {
	}

	@Transactional(readOnly = true)
	List<Line> find(CareQmsUser user, Filter filter, LocalDate today, int limit) {
		var where = new StringBuilder("c.hospital_id = :hospital and c.kind = :kind and not c.voided");
		Map<String, Object> params = new HashMap<>();
		params.put("hospital", user.hospitalId());
		params.put("kind", filter.kind().name());
		switch (filter.state() == null ? "active" : filter.state()) {
			case "completed" -> where.append(" and c.stage = 'COMPLETED'");
			case "all" -> {
			}
			default -> where.append(" and c.stage <> 'COMPLETED'");
		}
		if (filter.stage() != null && !filter.stage().isBlank()) {
			where.append(" and c.stage = :stage");
			params.put("stage", filter.stage());
		}
		if (filter.department() != null) {
			where.append(" and c.department_id = :department");
			params.put("department", filter.department());
		}
		if (filter.overdue()) {
			where.append(" and c.stage <> 'COMPLETED' and s.due_date < :today");
			params.put("today", today);
		}
		if (!user.hospitalWide()) {
			where.append(" and (c.owner_user_id = :user or c.department_id = any(:scope))");
			params.put("user", user.id());
			params.put("scope", user.departmentIds().toArray(UUID[]::new));
		}
		List<Line> lines = new ArrayList<>();
		jdbc.sql("""
				select c.id, c.kind, c.reference, c.round, c.title, c.circle_name, c.department_id, c.stage,
				       c.indicator_code, c.created_at, s.due_date, s.escalated_at
				from improvement_cycle c
				left join improvement_cycle_stage s on s.cycle_id = c.id and s.stage = c.stage
				where\s""" + where + " order by s.due_date nulls last, c.reference limit :limit")
			.params(params)
			.param("limit", limit)
			.query(rs -> {
				lines.add(new Line(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("reference"),
						rs.getInt("round"), rs.getString("title"), rs.getString("circle_name"),
						rs.getObject("department_id", UUID.class), rs.getString("stage"),
						rs.getObject("due_date", LocalDate.class), rs.getObject("escalated_at") != null,
						rs.getString("indicator_code"),
						rs.getObject("created_at", java.time.OffsetDateTime.class).toLocalDate()));
			});
		return lines;
	}

	/** An action linked to a cycle, as the cycle shows it. */
	record ActionLine(UUID id, String reference, String title, String status, LocalDate dueDate,
			UUID responsibleDepartmentId) {

		public boolean closed() {
			return status.equals("CLOSED") || status.equals("CANCELLED");
		}
	}

	@Transactional(readOnly = true)
	Map<UUID, ActionLine> actions(UUID hospitalId, Collection<UUID> ids) {
		Map<UUID, ActionLine> lines = new HashMap<>();
		if (ids.isEmpty()) {
			return lines;
		}
		jdbc.sql("""
				select id, reference, title, status, due_date, responsible_department_id from improvement_action
				where hospital_id = :hospital and id = any(:ids)""")
			.param("hospital", hospitalId)
			.param("ids", ids.toArray(UUID[]::new))
			.query(rs -> {
				UUID id = rs.getObject("id", UUID.class);
				lines.put(id, new ActionLine(id, rs.getString("reference"), rs.getString("title"), rs.getString("status"),
						rs.getObject("due_date", LocalDate.class), rs.getObject("responsible_department_id", UUID.class)));
			});
		return lines;
	}

	/** Active actions of a department that a cycle could take in (not yet linked to it). */
	@Transactional(readOnly = true)
	List<ActionLine> linkable(UUID hospitalId, UUID departmentId, UUID cycleId) {
		return jdbc.sql("""
				select id, reference, title, status, due_date, responsible_department_id from improvement_action a
				where hospital_id = :hospital and responsible_department_id = :department
				  and status in ('OPEN', 'IN_PROGRESS', 'AWAITING_VERIFICATION')
				  and not exists (select 1 from improvement_cycle_action l where l.cycle_id = :cycle and l.action_id = a.id)
				order by reference desc limit 200""")
			.param("hospital", hospitalId)
			.param("department", departmentId)
			.param("cycle", cycleId)
			.query((rs, n) -> new ActionLine(rs.getObject("id", UUID.class), rs.getString("reference"),
					rs.getString("title"), rs.getString("status"), rs.getObject("due_date", LocalDate.class),
					rs.getObject("responsible_department_id", UUID.class)))
			.list();
	}

	/** The rounds of one project, in order: round number and cycle id. */
	@Transactional(readOnly = true)
	List<Map<String, Object>> rounds(UUID hospitalId, UUID projectId) {
		return jdbc.sql("""
				select id, reference, round, stage from improvement_cycle
				where hospital_id = :hospital and project_id = :project and not voided order by round""")
			.param("hospital", hospitalId)
			.param("project", projectId)
			.query()
			.listOfRows();
	}

	/** A cycle an action is worked in, for the action's page. */
	record CycleRef(UUID id, String kind, String reference, int round, boolean carriedOver) {

		public String path() {
			return kind.toLowerCase(java.util.Locale.ROOT);
		}
	}

	@Transactional(readOnly = true)
	List<CycleRef> cyclesOf(UUID hospitalId, UUID actionId) {
		return jdbc.sql("""
				select c.id, c.kind, c.reference, c.round, l.carried_over from improvement_cycle c
				join improvement_cycle_action l on l.cycle_id = c.id
				where c.hospital_id = :hospital and l.action_id = :action and not c.voided order by c.reference""")
			.param("hospital", hospitalId)
			.param("action", actionId)
			.query((rs, n) -> new CycleRef(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("reference"),
					rs.getInt("round"), rs.getBoolean("carried_over")))
			.list();
	}

	static BigDecimal scale(BigDecimal value) {
		return value == null ? null : value.stripTrailingZeros();
	}
}
