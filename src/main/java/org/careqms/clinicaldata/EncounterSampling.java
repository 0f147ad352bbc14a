package org.careqms.clinicaldata;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reproducible random samples of discharged inpatients (抽查) for other modules: the order is
 * {@code md5(seed || ':' || key)}, so the same seed over the same records draws the same sample
 * whatever order the rows are stored in, and anyone can redo the draw from the seed.
 */
@Service
public class EncounterSampling {

	/** What is drawn: discharges, or patients (a patient's latest discharge in the period stands for them). */
	public enum Unit {
		ENCOUNTER, PATIENT
	}

	/** One drawn discharge. */
	public record SampledEncounter(String encounterId, String patientId, UUID departmentId, LocalDateTime admitTime,
			LocalDateTime dischargeTime) {
	}

	private final JdbcClient jdbc;

	EncounterSampling(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Draws up to {@code size} discharges of the departments, discharged from {@code from} to {@code to}
	 * (both days included).
	 */
	@Transactional(readOnly = true)
	public List<SampledEncounter> sample(UUID hospitalId, List<UUID> departmentIds, LocalDate from, LocalDate to,
			Unit unit, String seed, int size) {
		String pool = unit == Unit.PATIENT ? """
				select * from (
				    select distinct on (patient_id) encounter_id, patient_id, discharge_dept_id, admit_time, discharge_time,
				        md5(:seed || ':' || patient_id) as draw
				    from clinical_encounter
				    where hospital_id = :hospital and discharge_dept_id = any(:departments)
				      and discharge_time >= :from and discharge_time < :until
				    order by patient_id, discharge_time desc, encounter_id) patients"""
				: """
						select encounter_id, patient_id, discharge_dept_id, admit_time, discharge_time,
						    md5(:seed || ':' || encounter_id) as draw
						from clinical_encounter
						where hospital_id = :hospital and discharge_dept_id = any(:departments)
						  and discharge_time >= :from and discharge_time < :until""";
		return jdbc.sql("select encounter_id, patient_id, discharge_dept_id, admit_time, discharge_time from ("
				+ pool + ") drawn order by draw, encounter_id limit :size")
			.param("hospital", hospitalId)
			.param("departments", departmentIds.toArray(UUID[]::new))
			.param("from", from.atStartOfDay())
			.param("until", to.plusDays(1).atStartOfDay())
			.param("seed", seed)
			.param("size", size)
			.query((rs, n) -> new SampledEncounter(rs.getString("encounter_id"), rs.getString("patient_id"),
					rs.getObject("discharge_dept_id", UUID.class), rs.getObject("admit_time", LocalDateTime.class),
					rs.getObject("discharge_time", LocalDateTime.class)))
			.list();
	}

	/** How many discharges (or patients) the period holds, to show the sampling fraction. */
	@Transactional(readOnly = true)
	public long population(UUID hospitalId, List<UUID> departmentIds, LocalDate from, LocalDate to, Unit unit) {
		return jdbc.sql("select count(" + (unit == Unit.PATIENT ? "distinct patient_id" : "*") + """
				) from clinical_encounter
				where hospital_id = :hospital and discharge_dept_id = any(:departments)
				  and discharge_time >= :from and discharge_time < :until""")
			.param("hospital", hospitalId)
			.param("departments", departmentIds.toArray(UUID[]::new))
			.param("from", from.atStartOfDay())
			.param("until", to.plusDays(1).atStartOfDay())
			.query(Long.class)
			.single();
	}
}
