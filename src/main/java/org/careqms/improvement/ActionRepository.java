package org.careqms.improvement;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

interface ActionRepository extends Repository<ImprovementAction, UUID> {

	ImprovementAction save(ImprovementAction action);

	Optional<ImprovementAction> findByIdAndHospitalId(UUID id, UUID hospitalId);

	@Query("select count(*) > 0 from improvement_action where hospital_id = :hospital and source_type = :type and source_id = :source")
	boolean existsBySource(@Param("hospital") UUID hospitalId, @Param("type") String sourceType,
			@Param("source") String sourceId);

	@Query("select * from improvement_action where status in ('OPEN', 'IN_PROGRESS', 'AWAITING_VERIFICATION') and due_date < :today")
	List<ImprovementAction> findOverdue(@Param("today") java.time.LocalDate today);
}
