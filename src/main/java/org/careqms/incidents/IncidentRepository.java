package org.careqms.incidents;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

interface IncidentRepository extends Repository<Incident, UUID> {

	Incident save(Incident incident);

	// written out: a derived query renders its SQL again on every call, which was a third of the CPU of
	// reading one report (docs/benchmarks.md)
	@Query("select * from incident where id = :id and hospital_id = :hospitalId")
	Optional<Incident> findByIdAndHospitalId(@Param("id") UUID id, @Param("hospitalId") UUID hospitalId);
}
