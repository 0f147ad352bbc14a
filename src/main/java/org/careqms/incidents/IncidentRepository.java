package org.careqms.incidents;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.Repository;

interface IncidentRepository extends Repository<Incident, UUID> {

	Incident save(Incident incident);

	Optional<Incident> findByIdAndHospitalId(UUID id, UUID hospitalId);
}
