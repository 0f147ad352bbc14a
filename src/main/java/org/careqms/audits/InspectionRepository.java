package org.careqms.audits;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

interface InspectionRepository extends Repository<Inspection, UUID> {

	Inspection save(Inspection inspection);

	Optional<Inspection> findByIdAndHospitalId(UUID id, UUID hospitalId);

	@Query("select * from inspection where plan_id = :plan order by planned_on, reference")
	List<Inspection> findByPlan(@Param("plan") UUID planId);

	/** Locks the inspection's row: answers and the submission of one inspection take turns. */
	@Query("select * from inspection where id = :id and hospital_id = :hospital for update")
	Optional<Inspection> lock(@Param("id") UUID id, @Param("hospital") UUID hospitalId);
}
