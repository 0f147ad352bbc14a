package org.careqms.improvement;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

interface CycleRepository extends Repository<PdcaCycle, UUID> {

	PdcaCycle save(PdcaCycle cycle);

	Optional<PdcaCycle> findByIdAndHospitalId(UUID id, UUID hospitalId);

	@Query("select * from improvement_cycle where hospital_id = :hospital and kind = :kind and idempotency_key = :key")
	Optional<PdcaCycle> findByIdempotencyKey(@Param("hospital") UUID hospitalId, @Param("kind") String kind,
			@Param("key") String key);

	/** Cycles whose current stage is past its due date and not yet escalated. */
	@Query("""
			select c.* from improvement_cycle c
			join improvement_cycle_stage s on s.cycle_id = c.id and s.stage = c.stage
			where not c.voided and c.stage <> 'COMPLETED' and s.due_date < :today and s.escalated_at is null""")
	List<PdcaCycle> findOverdueUnescalated(@Param("today") java.time.LocalDate today);
}
