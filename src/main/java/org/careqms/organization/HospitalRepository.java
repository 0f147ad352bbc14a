package org.careqms.organization;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.Repository;

interface HospitalRepository extends Repository<Hospital, UUID> {

	Hospital save(Hospital hospital);

	Optional<Hospital> findById(UUID id);

	Optional<Hospital> findByCode(String code);

	List<Hospital> findAll();

	long count();
}
