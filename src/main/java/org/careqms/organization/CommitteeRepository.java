package org.careqms.organization;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

interface CommitteeRepository extends Repository<Committee, UUID> {

	Committee save(Committee committee);

	Optional<Committee> findByIdAndHospitalId(UUID id, UUID hospitalId);

	List<Committee> findByHospitalIdOrderByCode(UUID hospitalId);

	boolean existsByHospitalIdAndCode(UUID hospitalId, String code);

	@Query("""
			select count(*) > 0 from committee
			where hospital_id = :hospital and type = 'DEPARTMENT_QC_GROUP' and department_id = :department
			  and not retired and id <> :committee""")
	boolean otherActiveQcGroup(@Param("hospital") UUID hospitalId, @Param("department") UUID departmentId,
			@Param("committee") UUID committeeId);
}
