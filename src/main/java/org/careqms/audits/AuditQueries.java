package org.careqms.audits;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.careqms.platform.CareQmsUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Calendars, lists and scores over the inspections each reader may see, in SQL. */
@Repository
class AuditQueries {

	/** A submitted inspection counts for scores unless a submitted amendment has replaced it. */
	static final String COUNTS = "i.status = 'SUBMITTED' and not exists (select 1 from inspection a"
			+ " where a.amends_id = i.id and a.status = 'SUBMITTED') ";

	private final JdbcClient jdbc;

	AuditQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One inspection in a list or on the calendar. */
	record Line(UUID id, String reference, AuditType auditType, UUID departmentId, String templateName,
			LocalDate plannedOn, InspectionStatus status, BigDecimal scorePercent, Boolean vetoed, boolean assigned,
			UUID planId) {
	}

	@Transactional(readOnly = true)
	List<Line> inspections(CareQmsUser user, LocalDate from, LocalDate to, UUID department, String status, boolean mine,
			int limit) {
		StringBuilder where = new StringBuilder("i.hospital_id = :hospital and i.planned_on between :from and :to and ")
			.append(AuditAccess.visibleSql(user));
		Map<String, Object> params = new LinkedHashMap<>();
		if (department != null) {
			where.append(" and i.department_id = :department");
			params.put("department", department);
		}
		if (status != null && !status.isBlank()) {
			where.append(" and i.status = :status");
			params.put("status", status);
		}
		else {
			where.append(" and i.status <> 'VOIDED'");
		}
		if (mine) {
			where.append(" and exists (select 1 from inspection_auditor m where m.inspection_id = i.id and m.user_id = :user)");
		}
		return jdbc.sql("""
				select i.id, i.reference, i.audit_type, i.department_id, i.template_name, i.planned_on, i.status,
				    i.score_percent, i.vetoed, i.plan_id,
				    exists (select 1 from inspection_auditor x where x.inspection_id = i.id and x.user_id = :user) assigned
				from inspection i where\s""" + where + " order by i.planned_on, i.reference limit :limit")
			.params(params)
			.param("hospital", user.hospitalId())
			.param("from", from)
			.param("to", to)
			.param("user", user.id())
			.param("scope", user.departmentIds().toArray(UUID[]::new))
			.param("limit", limit)
			.query((rs, n) -> new Line(rs.getObject("id", UUID.class), rs.getString("reference"),
					AuditType.valueOf(rs.getString("audit_type")), rs.getObject("department_id", UUID.class),
					rs.getString("template_name"), rs.getObject("planned_on", LocalDate.class),
					InspectionStatus.valueOf(rs.getString("status")), rs.getBigDecimal("score_percent"),
					(Boolean) rs.getObject("vetoed"), rs.getBoolean("assigned"), rs.getObject("plan_id", UUID.class)))
			.list();
	}

	/** A plan in the plan list. */
	record PlanLine(UUID id, String title, AuditType auditType, String templateName, String schedule,
			LocalDate plannedOn, LocalDate firstMonth, LocalDate lastMonth, Integer dayOfMonth, int departments,
			int inspections, int submitted, boolean voided) {
	}

	/** Plans touching the year; department users see the plans of inspections they may see. */
	@Transactional(readOnly = true)
	List<PlanLine> plans(CareQmsUser user, int year) {
		return jdbc.sql("""
				select p.id, p.title, p.audit_type, p.template_name, p.schedule, p.planned_on, p.first_month,
				    p.last_month, p.day_of_month, p.voided,
				    (select count(*) from audit_plan_department d where d.plan_id = p.id) departments,
				    count(i.id) inspections, count(i.id) filter (where i.status = 'SUBMITTED') submitted
				from audit_plan p
				join inspection i on i.plan_id = p.id and i.amends_id is null and\s""" + AuditAccess.visibleSql(user) + """

				where p.hospital_id = :hospital
				  and coalesce(p.planned_on, p.first_month) <= :yearEnd
				  and coalesce(p.planned_on, p.last_month) >= :yearStart
				group by p.id
				order by coalesce(p.planned_on, p.first_month), p.title""")
			.param("hospital", user.hospitalId())
			.param("user", user.id())
			.param("scope", user.departmentIds().toArray(UUID[]::new))
			.param("yearStart", LocalDate.of(year, 1, 1))
			.param("yearEnd", LocalDate.of(year, 12, 31))
			.query((rs, n) -> new PlanLine(rs.getObject("id", UUID.class), rs.getString("title"),
					AuditType.valueOf(rs.getString("audit_type")), rs.getString("template_name"),
					rs.getString("schedule"), rs.getObject("planned_on", LocalDate.class),
					rs.getObject("first_month", LocalDate.class), rs.getObject("last_month", LocalDate.class),
					(Integer) rs.getObject("day_of_month"), rs.getInt("departments"), rs.getInt("inspections"),
					rs.getInt("submitted"), rs.getBoolean("voided")))
			.list();
	}

	/** The annual calendar: inspections per month and type, planned and submitted. */
	record MonthCount(int month, AuditType auditType, int planned, int submitted) {
	}

	@Transactional(readOnly = true)
	List<MonthCount> year(CareQmsUser user, int year) {
		return jdbc.sql("""
				select extract(month from i.planned_on)::int as month, i.audit_type, count(*) planned,
				    count(*) filter (where i.status = 'SUBMITTED') submitted
				from inspection i
				where i.hospital_id = :hospital and i.status <> 'VOIDED'
				  and i.planned_on between :yearStart and :yearEnd and\s""" + AuditAccess.visibleSql(user) + """

				group by 1, 2 order by 1, 2""")
			.param("hospital", user.hospitalId())
			.param("user", user.id())
			.param("scope", user.departmentIds().toArray(UUID[]::new))
			.param("yearStart", LocalDate.of(year, 1, 1))
			.param("yearEnd", LocalDate.of(year, 12, 31))
			.query((rs, n) -> new MonthCount(rs.getInt("month"), AuditType.valueOf(rs.getString("audit_type")),
					rs.getInt("planned"), rs.getInt("submitted")))
			.list();
	}

	/** Scores of one department in one month: the mean percent of its inspections that count. */
	record MonthlyScore(UUID departmentId, YearMonth month, BigDecimal meanPercent, int inspections, int vetoed) {
	}

	@Transactional(readOnly = true)
	List<MonthlyScore> monthlyScores(CareQmsUser user, YearMonth from, YearMonth to, UUID department) {
		return jdbc.sql("""
				select i.department_id, date_trunc('month', i.planned_on)::date as month,
				    round(avg(i.score_percent), 2) mean, count(*) inspections, count(*) filter (where i.vetoed) vetoed
				from inspection i
				where i.hospital_id = :hospital and\s""" + COUNTS + """
				 and i.planned_on >= :from and i.planned_on < :until
				  and (cast(:department as uuid) is null or i.department_id = :department)
				  and\s""" + AuditAccess.visibleSql(user) + """

				group by 1, 2 order by 1, 2""")
			.param("hospital", user.hospitalId())
			.param("user", user.id())
			.param("scope", user.departmentIds().toArray(UUID[]::new))
			.param("from", from.atDay(1))
			.param("until", to.plusMonths(1).atDay(1))
			.param("department", department)
			.query((rs, n) -> new MonthlyScore(rs.getObject("department_id", UUID.class),
					YearMonth.from(rs.getObject("month", LocalDate.class)), rs.getBigDecimal("mean"),
					rs.getInt("inspections"), rs.getInt("vetoed")))
			.list();
	}

	/** One row of the hospital table: a department over the period. */
	record DepartmentScore(UUID departmentId, int inspections, BigDecimal meanPercent, BigDecimal lastPercent,
			int vetoed, int findings, int criticalFindings) {
	}

	@Transactional(readOnly = true)
	List<DepartmentScore> departmentScores(CareQmsUser user, YearMonth from, YearMonth to) {
		List<DepartmentScore> rows = new ArrayList<>();
		jdbc.sql("""
				select i.department_id, count(*) inspections, round(avg(i.score_percent), 2) mean,
				    (array_agg(i.score_percent order by i.planned_on desc, i.submitted_at desc))[1] last,
				    count(*) filter (where i.vetoed) vetoed,
				    coalesce(sum((select count(*) from inspection_finding f where f.inspection_id = i.id)), 0) findings,
				    coalesce(sum((select count(*) from inspection_finding f where f.inspection_id = i.id and f.critical)), 0) critical
				from inspection i
				where i.hospital_id = :hospital and\s""" + COUNTS + """
				 and i.planned_on >= :from and i.planned_on < :until and\s""" + AuditAccess.visibleSql(user) + """

				group by i.department_id order by mean nulls last""")
			.param("hospital", user.hospitalId())
			.param("user", user.id())
			.param("scope", user.departmentIds().toArray(UUID[]::new))
			.param("from", from.atDay(1))
			.param("until", to.plusMonths(1).atDay(1))
			.query(rs -> {
				rows.add(new DepartmentScore(rs.getObject("department_id", UUID.class), rs.getInt("inspections"),
						rs.getBigDecimal("mean"), rs.getBigDecimal("last"), rs.getInt("vetoed"), rs.getInt("findings"),
						rs.getInt("critical")));
			});
		return rows;
	}
}
