package org.careqms.indicators;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes indicator results in PostgreSQL straight from the imported data (never loading
 * encounters into the JVM), so every answer reflects every import that has been committed. Each
 * computation yields (period, department, numerator, denominator) per month of discharge and
 * discharge department; hospital-wide figures are sums over departments; groups with a zero
 * denominator are left out (data-formats.md, "The five core indicators").
 */
@Repository
public class IndicatorResults {

	/** Discharges of the hospital in the period: the base every clinical definition starts from. */
	static final String DISCHARGES = """
			e as (select * from clinical_encounter
			      where hospital_id = :hospital and discharge_time >= :from and discharge_time < :to)""";

	private static final String OPERATED = """
			exists (select 1 from clinical_procedure p where p.hospital_id = e.hospital_id
			        and p.encounter_id = e.encounter_id and p.surgery_level between 1 and 4)""";

	static final Map<Computation, String> SQL = new HashMap<>();

	static {
		SQL.put(Computation.MORTALITY, """
				select date_trunc('month', discharge_time)::date as period, discharge_dept_id as department_id,
				       count(*) filter (where discharge_disposition = 5) as numerator, count(*) as denominator
				from e group by 1, 2""");
		SQL.put(Computation.LENGTH_OF_STAY, """
				select date_trunc('month', discharge_time)::date as period, discharge_dept_id as department_id,
				       sum(greatest(discharge_time::date - admit_time::date, 1)) as numerator, count(*) as denominator
				from e group by 1, 2""");
		// the readmission may fall after the requested period: it is looked up among all encounters. The
		// readmitted discharges are found with a semi-join (a hash join over the patients) rather than an
		// exists() per discharge inside the count: 3x faster at 1M discharges (docs/benchmarks.md)
		SQL.put(Computation.UNPLANNED_READMISSION_31, """
				select date_trunc('month', e.discharge_time)::date as period, e.discharge_dept_id as department_id,
				       count(x.encounter_id) as numerator, count(*) as denominator
				from e left join (
				    select i.encounter_id from e i
				    where i.readmission_plan_31d = 1 and i.discharge_disposition <> 5 and exists (
				        select 1 from clinical_encounter r
				        where r.hospital_id = i.hospital_id and r.patient_id = i.patient_id
				          and r.encounter_id <> i.encounter_id and r.admit_time > i.discharge_time
				          and r.admit_time::date - i.discharge_time::date <= 31)) x on x.encounter_id = e.encounter_id
				where e.discharge_disposition <> 5 group by 1, 2""");
		SQL.put(Computation.SSI_CLASS_I, """
				select date_trunc('month', e.discharge_time)::date as period, e.discharge_dept_id as department_id,
				       count(*) filter (where p.healing_grade = 'C') as numerator, count(*) as denominator
				from e join clinical_procedure p on p.hospital_id = e.hospital_id and p.encounter_id = e.encounter_id
				where p.incision_class = 'I' group by 1, 2""");
		SQL.put(Computation.UNPLANNED_REOPERATION, """
				select date_trunc('month', s.discharge_time)::date as period, s.discharge_dept_id as department_id,
				       count(*) filter (where s.unplanned) as numerator, count(*) as denominator
				from (select e.discharge_time, e.discharge_dept_id, bool_or(p.unplanned_return) as unplanned
				      from e join clinical_procedure p on p.hospital_id = e.hospital_id and p.encounter_id = e.encounter_id
				      group by e.hospital_id, e.encounter_id, e.discharge_time, e.discharge_dept_id
				      having bool_or(p.surgery_level between 1 and 4)) s
				group by 1, 2""");
		SQL.put(Computation.SURGICAL_MORTALITY, """
				select date_trunc('month', discharge_time)::date as period, discharge_dept_id as department_id,
				       count(*) filter (where discharge_disposition = 5) as numerator, count(*) as denominator
				from e where %s group by 1, 2""".formatted(OPERATED));
		// a neonate is admitted before the 28th day of life (days 0–27)
		SQL.put(Computation.NEONATAL_MORTALITY, """
				select date_trunc('month', discharge_time)::date as period, discharge_dept_id as department_id,
				       count(*) filter (where discharge_disposition = 5) as numerator, count(*) as denominator
				from e where admit_time::date - birth_date < 28 group by 1, 2""");
		SQL.put(Computation.SURGERY_SHARE, """
				select date_trunc('month', discharge_time)::date as period, discharge_dept_id as department_id,
				       count(*) filter (where %s) as numerator, count(*) as denominator
				from e group by 1, 2""".formatted(OPERATED));
		SQL.put(Computation.GRADE4_OPERATION_SHARE, """
				select date_trunc('month', e.discharge_time)::date as period, e.discharge_dept_id as department_id,
				       count(*) filter (where p.surgery_level = 4) as numerator, count(*) as denominator
				from e join clinical_procedure p on p.hospital_id = e.hospital_id and p.encounter_id = e.encounter_id
				where p.surgery_level between 1 and 4 group by 1, 2""");
		// the earliest document of the type is judged; written exactly at the deadline is on time
		SQL.put(Computation.ADMISSION_RECORD_24H, """
				select date_trunc('month', discharge_time)::date as period, discharge_dept_id as department_id,
				       count(*) filter (where (select min(d.written_time) from record_document d
				                               where d.hospital_id = e.hospital_id and d.encounter_id = e.encounter_id
				                                 and d.doc_type = 'ADMISSION_RECORD') <= admit_time + interval '24 hours')
				           as numerator,
				       count(*) as denominator
				from e where discharge_time - admit_time >= interval '24 hours' group by 1, 2""");
		SQL.put(Computation.DISCHARGE_RECORD_24H, """
				select date_trunc('month', discharge_time)::date as period, discharge_dept_id as department_id,
				       count(*) filter (where (select min(d.written_time) from record_document d
				                               where d.hospital_id = e.hospital_id and d.encounter_id = e.encounter_id
				                                 and d.doc_type = 'DISCHARGE_RECORD') <= discharge_time + interval '24 hours')
				           as numerator,
				       count(*) as denominator
				from e where discharge_disposition <> 5 and discharge_time - admit_time >= interval '24 hours'
				group by 1, 2""");
	}

	static {
		// grades are record QC's (its latest judgement of each record); read here like the imported rows
		SQL.put(Computation.RECORD_GRADE_A, """
				select date_trunc('month', discharge_time)::date as period, department_id,
				       count(*) filter (where grade = 'A') as numerator, count(*) as denominator
				from record_qc_grade
				where hospital_id = :hospital and discharge_time >= :from and discharge_time < :to
				group by 1, 2""");
	}

	/**
	 * Runs {@code work} with nested-loop joins disabled for the current transaction when
	 * {@code hashJoinsOnly}, then restores the setting. For the readmission's self-join
	 * ({@link Computation#selfJoin()}): the planner estimates a hospital that is missing from the table's
	 * statistics (a new or small hospital in a database shared with a large one, before the next ANALYZE)
	 * at one row, and then nests three loops over its discharges, the inner one scanning every stay of the
	 * hospital instead of the patient's (O(n³): 8–10 s for 400 discharges beside 1M others,
	 * docs/benchmarks.md "A small hospital beside a large one"; hours for a few thousand). Hash joins are
	 * linear whatever the estimate, and they are what the planner picks for large data anyway.
	 */
	static <T> T withHashJoins(JdbcClient jdbc, boolean hashJoinsOnly, Supplier<T> work) {
		if (!hashJoinsOnly) {
			return work.get();
		}
		String before = jdbc.sql("select current_setting('enable_nestloop')").query(String.class).single();
		jdbc.sql("select set_config('enable_nestloop', 'off', true)").query(String.class).single();
		T result = work.get();
		// not in a finally: after an error the transaction is aborted and rolls back, setting and all
		jdbc.sql("select set_config('enable_nestloop', :before, true)").param("before", before).query(String.class).single();
		return result;
	}

	private static final String MANUAL = """
			select period, department_id, numerator, denominator from indicator_manual_value
			where hospital_id = :hospital and indicator_code = :code and not voided
			  and period >= cast(:from as date) and period < cast(:to as date)""";

	private static final String STATISTICS = """
			select period, department_id, numerator, denominator from indicator_month
			where hospital_id = :hospital and computation = :computation
			  and period >= cast(:from as date) and period < cast(:to as date)""";

	private final JdbcClient jdbc;

	IndicatorResults(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Where results come from: the stored monthly statistics or the imported rows themselves. */
	enum Source {
		/** {@code indicator_month}, kept by {@link IndicatorMonths} (aggregated computations only). */
		MONTHLY_STATISTICS,
		/** The definition's SQL over the imported rows (or the manual values). */
		ROWS
	}

	/**
	 * Monthly results from {@code from} to {@code to} (both inclusive): from the monthly statistics
	 * when the indicator has them and every change of the hospital's rows is reflected in them (always
	 * the case after an import, which recomputes them before it commits), else from the rows.
	 *
	 * @param departments restrict to these departments (null: every department)
	 * @param hospitalWide one row per month for the hospital instead of one per department
	 */
	@Transactional(readOnly = true)
	public List<IndicatorResult> results(Indicator indicator, UUID hospitalId, YearMonth from, YearMonth to,
			Collection<UUID> departments, boolean hospitalWide) {
		Source source = indicator.computation().aggregated() && !IndicatorMonths.outstanding(jdbc, hospitalId)
				? Source.MONTHLY_STATISTICS : Source.ROWS;
		return results(indicator, hospitalId, from, to, departments, hospitalWide, source);
	}

	/** Monthly results from the given source (both must agree: {@code IndicatorMonthsTests}). */
	@Transactional(readOnly = true)
	List<IndicatorResult> results(Indicator indicator, UUID hospitalId, YearMonth from, YearMonth to,
			Collection<UUID> departments, boolean hospitalWide, Source source) {
		String rows;
		if (source == Source.MONTHLY_STATISTICS) {
			if (!indicator.computation().aggregated()) {
				throw new IllegalArgumentException(indicator.code() + " has no monthly statistics");
			}
			rows = "with rows as (" + STATISTICS + ")";
		}
		else {
			rows = indicator.computation().computed()
					? "with " + DISCHARGES + ", rows as (" + SQL.get(indicator.computation()) + ")"
					: "with rows as (" + MANUAL + ")";
		}
		String scope = departments == null ? "" : " and department_id = any(:departments)";
		String select = hospitalWide ? """
				select period, null::uuid as department_id, sum(numerator) as numerator, sum(denominator) as denominator
				from rows where true %s group by period having sum(denominator) > 0 order by period""".formatted(scope)
				: """
						select period, department_id, numerator, denominator from rows
						where denominator > 0 %s order by period, department_id""".formatted(scope);
		var statement = jdbc.sql(rows + " " + select)
			.param("hospital", hospitalId)
			.param("from", from.atDay(1).atStartOfDay())
			.param("to", to.plusMonths(1).atDay(1).atStartOfDay());
		if (source == Source.MONTHLY_STATISTICS) {
			statement = statement.param("computation", indicator.computation().name());
		}
		else if (!indicator.computation().computed()) {
			statement = statement.param("code", indicator.code());
		}
		if (departments != null) {
			statement = statement.param("departments", departments.toArray(UUID[]::new));
		}
		double multiplier = indicator.multiplier();
		List<IndicatorResult> results = new ArrayList<>();
		var query = statement;
		// the monthly statistics are a plain read; only the rows are joined
		withHashJoins(jdbc, source == Source.ROWS && indicator.computation().selfJoin(), () -> {
			query.query(rs -> {
				BigDecimal numerator = rs.getBigDecimal("numerator");
				BigDecimal denominator = rs.getBigDecimal("denominator");
				double value = numerator.multiply(BigDecimal.valueOf(multiplier))
					.divide(denominator, 4, RoundingMode.HALF_UP)
					.doubleValue();
				results.add(new IndicatorResult(YearMonth.from(rs.getObject("period", LocalDate.class)),
						rs.getObject("department_id", UUID.class), plain(numerator), plain(denominator), value));
			});
			return null;
		});
		return results;
	}

	/** 120, not 1.2E+2; 2.5, not 2.5000. */
	static BigDecimal plain(BigDecimal number) {
		BigDecimal stripped = number.stripTrailingZeros();
		return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
	}
}
