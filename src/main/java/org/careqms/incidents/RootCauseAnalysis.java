package org.careqms.incidents;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.careqms.audittrail.AuditAction;
import org.careqms.audittrail.AuditTrail;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.careqms.platform.Role;
import org.careqms.platform.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Root-cause analysis of an event: what happened when, which contributing factors (WHO ICPS), five
 * whys, causes on the six bones of a fishbone, and the root causes that actions must address.
 * Texts are kept one item per line, as people type them.
 */
@Service
class RootCauseAnalysis {

	static final String ENTITY = "IncidentRca";

	/** WHO ICPS contributing-factor classes offered as choices (catalog event-taxonomy.yaml). */
	static final List<String> FACTORS = List.of("STAFF", "PATIENT", "WORK_ENVIRONMENT", "ORGANISATION", "EXTERNAL",
			"COMMUNICATION", "TASK_TECHNOLOGY");

	/** The six bones (人机料法环管). */
	static final List<String> BONES = List.of("PEOPLE", "EQUIPMENT", "MATERIALS", "METHODS", "ENVIRONMENT",
			"MANAGEMENT");

	/** An analysis as the page shows it. */
	record Analysis(List<String> timeline, List<String> factors, List<String> whys, Map<String, List<String>> fishbone,
			List<String> rootCauses, String changedBy, Instant changedAt, Integer version) {
	}

	private final JdbcClient jdbc;
	private final AuditTrail audit;
	private final java.time.Clock clock;

	RootCauseAnalysis(JdbcClient jdbc, AuditTrail audit, java.time.Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	/** The quality office and the handling department's head and QC officer analyse. */
	static boolean mayAnalyse(CareQmsUser user, Incident incident) {
		if (user.hasRole(Role.QUALITY_MANAGER) || user.hasRole(Role.SYSTEM_ADMIN)) {
			return true;
		}
		return (user.hasRole(Role.DEPARTMENT_HEAD) || user.hasRole(Role.QC_OFFICER))
				&& incident.getHandlingDepartmentId() != null && user.canSeeDepartment(incident.getHandlingDepartmentId());
	}

	@Transactional(readOnly = true)
	public Optional<Analysis> find(UUID incidentId) {
		return jdbc.sql("select * from incident_rca where incident_id = :id")
			.param("id", incidentId)
			.query((rs, n) -> {
				Map<String, List<String>> fishbone = new LinkedHashMap<>();
				BONES.forEach(bone -> fishbone.put(bone, new ArrayList<>()));
				for (String line : lines(rs.getString("fishbone"))) {
					int colon = line.indexOf(':');
					if (colon > 0 && fishbone.containsKey(line.substring(0, colon))) {
						fishbone.get(line.substring(0, colon)).add(line.substring(colon + 1));
					}
				}
				return new Analysis(lines(rs.getString("timeline")), lines(rs.getString("contributing_factors")),
						lines(rs.getString("five_whys")), fishbone, lines(rs.getString("root_causes")),
						rs.getString("changed_by"), rs.getObject("changed_at", OffsetDateTime.class).toInstant(),
						rs.getInt("version"));
			})
			.optional();
	}

	@Transactional
	public void save(Incident incident, String timeline, List<String> factors, List<String> whys,
			Map<String, String> fishbone, String rootCauses, Integer version) {
		CareQmsUser user = CurrentUser.require();
		if (!mayAnalyse(user, incident)) {
			throw new AccessDeniedException("analysis is for the quality office and the handling department");
		}
		if (incident.getStatus() == Incident.Status.SUBMITTED || incident.getStatus() == Incident.Status.CLOSED) {
			throw new RuleViolationException("incident.rca-not-now");
		}
		if (rootCauses == null || rootCauses.isBlank()) {
			throw new InvalidInputException("rootCauses", "error.incidents.root-causes");
		}
		for (String factor : factors) {
			if (!FACTORS.contains(factor)) {
				throw new InvalidInputException("factors", "error.incidents.factor");
			}
		}
		StringBuilder bones = new StringBuilder();
		for (String bone : BONES) {
			for (String cause : lines(fishbone.get(bone))) {
				bones.append(bone).append(':').append(cause).append('\n');
			}
		}
		var existing = find(incident.getId());
		if (existing.isPresent() && version != null && !version.equals(existing.get().version())) {
			throw new org.springframework.dao.OptimisticLockingFailureException("analysis changed by someone else");
		}
		OffsetDateTime now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
		String joinedWhys = String.join("\n", whys.stream().filter(w -> w != null && !w.isBlank()).map(String::trim).toList());
		jdbc.sql("""
				insert into incident_rca (incident_id, hospital_id, timeline, contributing_factors, five_whys, fishbone,
				    root_causes, version, created_by, created_at, changed_by, changed_at)
				values (:id, :hospital, :timeline, :factors, :whys, :fishbone, :roots, 0, :by, :at, :by, :at)
				on conflict (incident_id) do update set timeline = excluded.timeline,
				    contributing_factors = excluded.contributing_factors, five_whys = excluded.five_whys,
				    fishbone = excluded.fishbone, root_causes = excluded.root_causes,
				    version = incident_rca.version + 1, changed_by = excluded.changed_by, changed_at = excluded.changed_at""")
			.param("id", incident.getId()).param("hospital", incident.getHospitalId())
			.param("timeline", blank(timeline)).param("factors", String.join("\n", factors))
			.param("whys", joinedWhys).param("fishbone", bones.toString()).param("roots", rootCauses.trim())
			.param("by", CurrentUser.name()).param("at", now)
			.update();
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("timeline", blank(timeline));
		after.put("factors", factors);
		after.put("whys", joinedWhys);
		after.put("fishbone", bones.toString());
		after.put("rootCauses", rootCauses.trim());
		audit.record(incident.getHospitalId(), ENTITY, incident.getId(),
				existing.isPresent() ? AuditAction.UPDATE : AuditAction.CREATE, incident.getReference(), null, after);
	}

	static List<String> lines(String text) {
		if (text == null || text.isBlank()) {
			return new ArrayList<>();
		}
		return new ArrayList<>(Arrays.stream(text.split("\\R")).map(String::trim).filter(l -> !l.isEmpty()).toList());
	}

	private static String blank(String text) {
		return text == null || text.isBlank() ? null : text.trim();
	}
}
