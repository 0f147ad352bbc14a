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

	/** Counts for the analysis page, over the reports the reader may analyse. */
	record Analysis(List<String> months, java.util.Map<String, List<Long>> byLevel, List<Object[]> pareto,
			List<Object[]> byDepartment, Double medianHoursToTriage, Double medianDaysToClose, long total) {
	}

	@Transactional(readOnly = true)
	Analysis analysis(CareQmsUser user, java.time.YearMonth from, java.time.YearMonth to) {
		boolean quality = user.hasRole(Role.QUALITY_MANAGER) || user.hasRole(Role.SYSTEM_ADMIN);
		// department readers analyse their departments' named reports; anonymous ones stay with the quality office
		String scope = quality ? "true" : "not anonymous and department_id = any(:scope)";
		var params = new java.util.HashMap<String, Object>();
		params.put("hospital", user.hospitalId());
		params.put("from", from.atDay(1).atStartOfDay());
		params.put("to", to.plusMonths(1).atDay(1).atStartOfDay());
		params.put("scope", user.departmentIds().toArray(UUID[]::new));
		String where = " where hospital_id = :hospital and occurred_at >= :from and occurred_at < :to and " + scope;
		List<String> months = new ArrayList<>();
		for (var m = from; !m.isAfter(to); m = m.plusMonths(1)) {
			months.add(m.toString());
		}
		java.util.Map<String, List<Long>> byLevel = new java.util.LinkedHashMap<>();
		for (String level : List.of("CN-I", "CN-II", "CN-III", "CN-IV", "NONE")) {
			byLevel.put(level, new ArrayList<>(java.util.Collections.nCopies(months.size(), 0L)));
		}
		jdbc.sql("select to_char(occurred_at, 'YYYY-MM') as month, coalesce(level, 'NONE') as level, count(*) as n"
				+ " from incident" + where + " group by 1, 2")
			.params(params)
			.query(rs -> {
				int index = months.indexOf(rs.getString("month"));
				if (index >= 0) {
					byLevel.get(rs.getString("level")).set(index, rs.getLong("n"));
				}
			});
		List<Object[]> pareto = new ArrayList<>();
		jdbc.sql("select category, count(*) as n from incident" + where + " group by 1 order by 2 desc, 1")
			.params(params)
			.query(rs -> {
				pareto.add(new Object[] { rs.getString("category"), rs.getLong("n") });
			});
		List<Object[]> byDepartment = new ArrayList<>();
		jdbc.sql("select department_id, count(*) as n, count(*) filter (where level in ('CN-I', 'CN-II')) as serious"
				+ " from incident" + where + " group by 1 order by 2 desc")
			.params(params)
			.query(rs -> {
				byDepartment.add(new Object[] { rs.getObject("department_id", UUID.class), rs.getLong("n"),
						rs.getLong("serious") });
			});
		var medians = jdbc.sql("""
				select percentile_cont(0.5) within group (order by extract(epoch from triaged_at - submitted_at) / 3600)
				           filter (where triaged_at is not null) as triage_hours,
				       percentile_cont(0.5) within group (order by extract(epoch from closed_at - submitted_at) / 86400)
				           filter (where closed_at is not null) as close_days,
				       count(*) as total
				from incident""" + where)
			.params(params)
			.query((rs, n) -> new Object[] { rs.getObject("triage_hours"), rs.getObject("close_days"), rs.getLong("total") })
			.single();
		return new Analysis(months, byLevel, pareto, byDepartment,
				medians[0] == null ? null : ((Number) medians[0]).doubleValue(),
				medians[1] == null ? null : ((Number) medians[1]).doubleValue(), (Long) medians[2]);
	}
}
