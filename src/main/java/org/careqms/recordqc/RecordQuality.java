package org.careqms.recordqc;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other modules may ask record QC, and the summaries its pages show: grades of the records by
 * month of discharge (the indicator 甲级病历率 is {@code gradeA / total}), defects by department, rule
 * and doctor, and the history of runs. Every figure is that of the latest run over each encounter.
 */
@Service
public class RecordQuality {

	/** How many judged records of a month (or of one department in it) got each grade. */
	public record GradeCounts(YearMonth month, UUID departmentId, long gradeA, long gradeB, long gradeC) {

		public long total() {
			return gradeA + gradeB + gradeC;
		}
	}

	/** One run in the history. */
	record RunView(UUID id, LocalDate from, LocalDate to, String trigger, String startedBy, Instant startedAt,
			Instant finishedAt, int encounters, int defects) {
	}

	/** Defects of one department, rule or doctor. */
	record DefectCount(String key, String documentType, long missing, long late, java.math.BigDecimal points) {

		public long total() {
			return missing + late;
		}
	}

	private final JdbcClient jdbc;

	RecordQuality(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The grades of the hospital's records discharged in the month, hospital-wide (departmentId null). */
	@Transactional(readOnly = true)
	public GradeCounts gradeCounts(UUID hospitalId, YearMonth month) {
		return grades(hospitalId, month.atDay(1), month.atEndOfMonth(), null, false).stream()
			.findFirst()
			.map(g -> new GradeCounts(month, null, g.gradeA(), g.gradeB(), g.gradeC()))
			.orElse(new GradeCounts(month, null, 0, 0, 0));
	}

	/**
	 * The grades by month of discharge and discharge department, from {@code from} to {@code to}
	 * (inclusive); months and departments without judged records are left out.
	 */
	@Transactional(readOnly = true)
	public List<GradeCounts> gradeCountsByDepartment(UUID hospitalId, YearMonth from, YearMonth to) {
		return jdbc.sql("""
				select date_trunc('month', discharge_time)::date as month, department_id,
				       count(*) filter (where grade = 'A') as a, count(*) filter (where grade = 'B') as b,
				       count(*) filter (where grade = 'C') as c
				from record_qc_grade
				where hospital_id = :hospital and discharge_time >= :from and discharge_time < :to
				group by 1, 2 order by 1, 2""")
			.param("hospital", hospitalId)
			.param("from", from.atDay(1).atStartOfDay())
			.param("to", to.plusMonths(1).atDay(1).atStartOfDay())
			.query((rs, n) -> new GradeCounts(YearMonth.from(rs.getObject("month", LocalDate.class)),
					rs.getObject("department_id", UUID.class), rs.getLong("a"), rs.getLong("b"), rs.getLong("c")))
			.list();
	}

	/** Grades of the records discharged in the range: one row, or one per department with {@code byDepartment}. */
	List<GradeCounts> grades(UUID hospitalId, LocalDate from, LocalDate to, Collection<UUID> departments,
			boolean byDepartment) {
		String group = byDepartment ? "department_id" : "null::uuid";
		var statement = jdbc.sql("""
				select %s as department_id, count(*) filter (where grade = 'A') as a,
				       count(*) filter (where grade = 'B') as b, count(*) filter (where grade = 'C') as c
				from record_qc_grade
				where hospital_id = :hospital and discharge_time >= :from and discharge_time < :to %s
				group by 1 having count(*) > 0 order by 1""".formatted(group,
				departments == null ? "" : "and department_id = any(:departments)"))
			.param("hospital", hospitalId)
			.param("from", from.atStartOfDay())
			.param("to", to.plusDays(1).atStartOfDay());
		if (departments != null) {
			statement = statement.param("departments", departments.toArray(UUID[]::new));
		}
		return statement
			.query((rs, n) -> new GradeCounts(null, rs.getObject("department_id", UUID.class), rs.getLong("a"),
					rs.getLong("b"), rs.getLong("c")))
			.list();
	}

	/** Defects of the range counted by {@code department}, {@code rule} or {@code author} (known authors only). */
	List<DefectCount> defectCounts(UUID hospitalId, LocalDate from, LocalDate to, Collection<UUID> departments,
			String by) {
		String key = switch (by) {
			case "department" -> "department_id::text";
			case "rule" -> "rule_id";
			case "author" -> "author_id";
			default -> throw new IllegalArgumentException(by);
		};
		String documentType = by.equals("rule") ? "min(document_type)" : "null";
		var statement = jdbc.sql("""
				select %s as key, %s as document_type, count(*) filter (where kind = 'MISSING') as missing,
				       count(*) filter (where kind = 'LATE') as late, sum(deduction) as points
				from record_qc_defect
				where hospital_id = :hospital and discharge_time >= :from and discharge_time < :to %s %s
				group by 1 order by count(*) desc, 1 limit 50""".formatted(key, documentType,
				departments == null ? "" : "and department_id = any(:departments)",
				by.equals("author") ? "and author_id is not null" : ""))
			.param("hospital", hospitalId)
			.param("from", from.atStartOfDay())
			.param("to", to.plusDays(1).atStartOfDay());
		if (departments != null) {
			statement = statement.param("departments", departments.toArray(UUID[]::new));
		}
		return statement.query((rs, n) -> new DefectCount(rs.getString("key"), rs.getString("document_type"),
				rs.getLong("missing"), rs.getLong("late"), rs.getBigDecimal("points"))).list();
	}

	List<RunView> runs(UUID hospitalId, int limit) {
		return jdbc.sql("""
				select id, from_date, to_date, trigger, started_by, started_at, finished_at, encounters, defects
				from record_qc_run where hospital_id = :hospital order by started_at desc limit :limit""")
			.param("hospital", hospitalId)
			.param("limit", limit)
			.query((rs, n) -> new RunView(rs.getObject("id", UUID.class), rs.getObject("from_date", LocalDate.class),
					rs.getObject("to_date", LocalDate.class), rs.getString("trigger"), rs.getString("started_by"),
					rs.getObject("started_at", OffsetDateTime.class).toInstant(),
					rs.getObject("finished_at", OffsetDateTime.class) == null ? null
							: rs.getObject("finished_at", OffsetDateTime.class).toInstant(),
					rs.getInt("encounters"), rs.getInt("defects")))
			.list();
	}
}
