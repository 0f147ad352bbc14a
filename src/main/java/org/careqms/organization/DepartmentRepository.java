package org.careqms.organization;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

interface DepartmentRepository extends Repository<Department, UUID> {

	Department save(Department department);

	Optional<Department> findByIdAndHospitalId(UUID id, UUID hospitalId);

	Optional<Department> findByHospitalIdAndCode(UUID hospitalId, String code);

	List<Department> findByHospitalIdOrderByCode(UUID hospitalId);

	boolean existsByHospitalIdAndCode(UUID hospitalId, String code);

	long countByHospitalId(UUID hospitalId);

	@Query("select count(*) from department where parent_id = :id and not retired")
	long countActiveChildren(@Param("id") UUID id);

	/** The department and every department below it. */
	@Query("""
			with recursive tree(id) as (
			    select id from department where id = :id
			    union
			    select d.id from department d join tree t on d.parent_id = t.id)
			select id from tree""")
	List<UUID> findSubtreeIds(@Param("id") UUID id);

	@Query("""
			select count(*) > 0 from department_his_code
			where hospital_id = :hospital and system = :system and code = :code and department_id <> :department""")
	boolean hisCodeTakenByOther(@Param("hospital") UUID hospitalId, @Param("system") String system,
			@Param("code") String code, @Param("department") UUID departmentId);
}
