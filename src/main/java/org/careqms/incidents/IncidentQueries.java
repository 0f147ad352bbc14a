package org.careqms.incidents;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

	/** What the analysis narrows the reports to; {@code null} means any. Level {@code NONE}: not yet triaged. */
	record Filter(String category, String level, UUID departmentId) {

		static final Filter NONE = new Filter(null, null, null);
	}

	/**
	 * Counts for the analysis page, over the reports the reader may analyse: per month (index into
	 * {@code months}) by level, category and department; the Pareto of categories; departments with
	 * their level I/II reports; median times to triage (hours) and to close (days), overall and per
	 * month of the event.
	 */
	record Analysis(List<String> months, Map<String, List<Long>> byLevel, Map<String, List<Long>> byCategory,
			Map<UUID, List<Long>> byDepartmentMonthly, List<Object[]> pareto, List<Object[]> byDepartment,
			Double medianHoursToTriage, Double medianDaysToClose, long total, List<Long> totals,
			List<Double> monthlyHoursToTriage, List<Double> monthlyDaysToClose) {
	}

	/** The reports a reader analyses: the quality office all of them, others their departments' named reports. */
	static boolean analysesAll(CareQmsUser user) {
		return user.hasRole(Role.QUALITY_MANAGER) || user.hasRole(Role.SYSTEM_ADMIN);
	}

	@Transactional(readOnly = true)
	Analysis analysis(CareQmsUser user, YearMonth from, YearMonth to, Filter filter) {
		// department readers analyse their departments' named reports; anonymous ones stay with the quality office
		String scope = analysesAll(user) ? "true" : "not anonymous and department_id = any(:scope)";
		var params = new HashMap<String, Object>();
		params.put("hospital", user.hospitalId());
		params.put("from", from.atDay(1).atStartOfDay());
		params.put("to", to.plusMonths(1).atDay(1).atStartOfDay());
		params.put("scope", user.departmentIds().toArray(UUID[]::new));
		StringBuilder where = new StringBuilder(
				" where hospital_id = :hospital and occurred_at >= :from and occurred_at < :to and " + scope);
		if (filter.category() != null) {
			where.append(" and category = :category");
			params.put("category", filter.category());
		}
		if ("NONE".equals(filter.level())) {
			where.append(" and level is null");
		}
		else if (filter.level() != null) {
			where.append(" and level = :level");
			params.put("level", filter.level());
		}
		if (filter.departmentId() != null) {
			where.append(" and department_id = :department");
			params.put("department", filter.departmentId());
		}
		List<String> months = new ArrayList<>();
		for (var m = from; !m.isAfter(to); m = m.plusMonths(1)) {
			months.add(m.toString());
		}
		Map<String, List<Long>> byLevel = new LinkedHashMap<>();
		for (String level : List.of("CN-I", "CN-II", "CN-III", "CN-IV", "NONE")) {
			byLevel.put(level, zeros(months.size()));
		}
		Map<String, List<Long>> byCategory = new LinkedHashMap<>();
		Map<UUID, List<Long>> byDepartmentMonthly = new LinkedHashMap<>();
		List<Long> totals = zeros(months.size());
		jdbc.sql("select to_char(occurred_at, 'YYYY-MM') as month, coalesce(level, 'NONE') as level, category,"
				+ " department_id, count(*) as n from incident" + where + " group by 1, 2, 3, 4 order by 3, 4")
			.params(params)
			.query(rs -> {
				int index = months.indexOf(rs.getString("month"));
				if (index >= 0) {
					long n = rs.getLong("n");
					add(byLevel.get(rs.getString("level")), index, n);
					add(byCategory.computeIfAbsent(rs.getString("category"), c -> zeros(months.size())), index, n);
					add(byDepartmentMonthly.computeIfAbsent(rs.getObject("department_id", UUID.class),
							d -> zeros(months.size())), index, n);
					add(totals, index, n);
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
		String medians = """
				select %s
				       percentile_cont(0.5) within group (order by extract(epoch from triaged_at - submitted_at) / 3600)
				           filter (where triaged_at is not null) as triage_hours,
				       percentile_cont(0.5) within group (order by extract(epoch from closed_at - submitted_at) / 86400)
				           filter (where closed_at is not null) as close_days,
				       count(*) as total
				from incident""";
		var overall = jdbc.sql(medians.formatted("") + where)
			.params(params)
			.query((rs, n) -> new Object[] { rs.getObject("triage_hours"), rs.getObject("close_days"), rs.getLong("total") })
			.single();
		List<Double> monthlyTriage = new ArrayList<>(java.util.Collections.nCopies(months.size(), (Double) null));
		List<Double> monthlyClose = new ArrayList<>(java.util.Collections.nCopies(months.size(), (Double) null));
		jdbc.sql(medians.formatted("to_char(occurred_at, 'YYYY-MM') as month,") + where + " group by 1")
			.params(params)
			.query(rs -> {
				int index = months.indexOf(rs.getString("month"));
				if (index >= 0) {
					monthlyTriage.set(index, number(rs.getObject("triage_hours")));
					monthlyClose.set(index, number(rs.getObject("close_days")));
				}
			});
		return new Analysis(months, byLevel, byCategory, byDepartmentMonthly, pareto, byDepartment,
				number(overall[0]), number(overall[1]), (Long) overall[2], totals, monthlyTriage, monthlyClose);
	}

	private static List<Long> zeros(int size) {
		return new ArrayList<>(java.util.Collections.nCopies(size, 0L));
	}

	private static void add(List<Long> counts, int index, long n) {
		counts.set(index, counts.get(index) + n);
	}

	private static Double number(Object value) {
		return value == null ? null : ((Number) value).doubleValue();
	}
}
