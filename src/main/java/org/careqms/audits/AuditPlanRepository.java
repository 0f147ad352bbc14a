package org.careqms.audits;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.Repository;

interface AuditPlanRepository extends Repository<AuditPlan, UUID> {

	AuditPlan save(AuditPlan plan);

	Optional<AuditPlan> findByIdAndHospitalId(UUID id, UUID hospitalId);
}
