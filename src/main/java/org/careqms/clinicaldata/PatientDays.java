package org.careqms.clinicaldata;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Occupied patient-days per calendar month from the imported discharges, the exposure for rates
 * per 1,000 patient-days. A stay counts its nights in each month (admission day counted, discharge
 * day not; a same-day stay is one day), all attributed to the discharging department. Only stays
 * already discharged are imported, so a month is complete only once every patient in hospital in
 * that month has been discharged and imported — callers check {@link Exposure#latestDischarge()}.
 */
@Component
public class PatientDays {

	private final JdbcClient jdbc;

	PatientDays(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param days patient-days per month from {@code from} to {@code to}, 0 where none
	 * @param latestDischarge the latest imported discharge of the hospital, {@code null} without data
	 */
	public record Exposure(Map<YearMonth, Long> days, LocalDateTime latestDischarge) {
	}

	/**
	 * Patient-days per month of the hospital, or of stays discharged from {@code departments}.
	 *
	 * @param departments {@code null} for the whole hospital
	 */
	@Transactional(readOnly = true)
	public Exposure monthly(UUID hospitalId, Collection<UUID> departments, YearMonth from, YearMonth to) {
		Map<YearMonth, Long> days = new LinkedHashMap<>();
		for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
			days.put(m, 0L);
		}
		jdbc.sql("""
				select to_char(m, 'YYYY-MM') as month,
				       sum(case when e.discharge_time::date = e.admit_time::date then 1
				                else greatest(0, least(e.discharge_time::date, (m + interval '1 month')::date)
				                                 - greatest(e.admit_time::date, m::date)) end) as days
				from generate_series(cast(:from as timestamp), cast(:last as timestamp), interval '1 month') as m
				join clinical_encounter e on e.hospital_id = :hospital
				     and e.admit_time < m + interval '1 month' and e.discharge_time >= m
				where :all or e.discharge_dept_id = any(:departments)
				group by 1""")
			.param("from", from.atDay(1).atStartOfDay())
			.param("last", to.atDay(1).atStartOfDay())
			.param("hospital", hospitalId)
			.param("all", departments == null)
			.param("departments", departments == null ? new UUID[0] : departments.toArray(UUID[]::new))
			.query(rs -> {
				days.put(YearMonth.parse(rs.getString("month")), rs.getLong("days"));
			});
		var latest = jdbc.sql("select max(discharge_time) from clinical_encounter where hospital_id = :hospital")
			.param("hospital", hospitalId)
			.query((rs, n) -> rs.getObject(1, LocalDateTime.class))
			.list();
		return new Exposure(days, latest.isEmpty() ? null : latest.get(0));
	}
}
