package org.careqms.organization;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.Repository;

interface StaffRepository extends Repository<Staff, UUID> {

	Staff save(Staff staff);

	Optional<Staff> findByIdAndHospitalId(UUID id, UUID hospitalId);

	Optional<Staff> findByHospitalIdAndEmployeeNo(UUID hospitalId, String employeeNo);

	List<Staff> findByIdIn(Collection<UUID> ids);

	List<Staff> findByHospitalIdAndRetiredFalseOrderByEmployeeNo(UUID hospitalId);

	boolean existsByHospitalIdAndEmployeeNo(UUID hospitalId, String employeeNo);
}
