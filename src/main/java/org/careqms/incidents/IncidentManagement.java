package org.careqms.incidents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import tools.jackson.databind.json.JsonMapper;

import org.careqms.audittrail.AuditAction;
import org.careqms.audittrail.AuditTrail;
import org.careqms.notification.Notifications;
import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.careqms.platform.NotFoundException;
import org.careqms.platform.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reporting and handling adverse events. An anonymous report is written as nobody: no user id, no
 * client address, not even the signed-in name in created_by, and its audit entry is anonymous too.
 */
@Service
class IncidentManagement {

	static final String ENTITY = "Incident";

	private final IncidentRepository incidents;
	private final OrganizationDirectory organization;
	private final Notifications notifications;
	private final AuditTrail audit;
	private final ApplicationEventPublisher events;
	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final Clock clock;
	private final int seriousAnalysisDays;
	private final int otherAnalysisDays;
	private final IncidentAttachments attachments;
	private final IncidentReferences references;

	IncidentManagement(IncidentRepository incidents, OrganizationDirectory organization, Notifications notifications,
			AuditTrail audit, ApplicationEventPublisher events, JdbcClient jdbc, JsonMapper json, Clock clock,
			IncidentAttachments attachments, IncidentReferences references,
			@Value("${careqms.incidents.serious-analysis-days:30}") int seriousAnalysisDays,
			@Value("${careqms.incidents.other-analysis-days:14}") int otherAnalysisDays) {
		this.incidents = incidents;
		this.organization = organization;
		this.notifications = notifications;
		this.audit = audit;
		this.events = events;
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.seriousAnalysisDays = seriousAnalysisDays;
		this.otherAnalysisDays = otherAnalysisDays;
		this.attachments = attachments;
		this.references = references;
	}

	/** What a reporter sends. */
	record Report(LocalDateTime occurredAt, UUID departmentId, String category, String level, String description,
			String immediateActions, boolean patientInvolved, boolean anonymous, Map<String, String> details) {
	}

	/** The submitted report, and whether it was created now or by an earlier identical retry. */
	record Submitted(Incident incident, boolean replayed) {
	}

	@Transactional
	public Submitted report(Report report, String idempotencyKey) {
		return report(report, idempotencyKey, List.of());
	}

	/** A report with its files, in one transaction: a refused file reports nothing. */
	@Transactional
	public Submitted report(Report report, String idempotencyKey, List<IncidentAttachments.Upload> uploads) {
		CareQmsUser user = CurrentUser.require();
		return submit(user.hospitalId(), user.id(), report, idempotencyKey, uploads, null, false);
	}

	/**
	 * A report through the hospital's public reporting link: nobody is signed in (or whoever is,
	 * is not recorded); an anonymous one keeps nothing of its sender, a named one only the typed name.
	 */
	@Transactional
	public Submitted reportPublicly(UUID hospital, Report report, String reporterName, String idempotencyKey,
			List<IncidentAttachments.Upload> uploads) {
		if (reporterName != null && reporterName.length() > 100) {
			throw new InvalidInputException("reporterName", "error.incidents.reporter-name");
		}
		return asNobody(() -> submit(hospital, null, report, idempotencyKey, uploads, reporterName, true));
	}

	private Submitted submit(UUID hospital, UUID reporterUserId, Report report, String idempotencyKey,
			List<IncidentAttachments.Upload> uploads, String reporterName, boolean publicLink) {
		Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
		UUID id = UUID.randomUUID();
		if (idempotencyKey != null && !claim(hospital, idempotencyKey, id,
				report.anonymous() ? now.truncatedTo(ChronoUnit.HOURS) : now)) {
			UUID earlier = jdbc.sql("""
					select incident_id from incident_idempotency where hospital_id = :hospital and idempotency_key = :key""")
				.param("hospital", hospital).param("key", idempotencyKey).query(UUID.class).single();
			return new Submitted(incidents.findByIdAndHospitalId(earlier, hospital).orElseThrow(), true);
		}
		validate(hospital, report);
		var incident = new Incident(id, hospital, nextReference(hospital), report.occurredAt(), report.departmentId(),
				report.category(), report.level(), report.description().trim(), blank(report.immediateActions()),
				report.patientInvolved(), report.anonymous(), reporterUserId,
				json.writeValueAsString(report.details() == null ? Map.of() : report.details()),
				report.anonymous() ? now.truncatedTo(ChronoUnit.HOURS) : now);
		if (publicLink) {
			incident.viaPublicLink(reporterName);
		}
		Incident saved = report.anonymous() ? asNobody(() -> insert(incident, now)) : insert(incident, now);
		if (report.anonymous() || publicLink) {
			// no client address, agent or user: the public link's sender is nobody the system knows
			audit.recordAnonymously(hospital, ENTITY, saved.getId(), AuditAction.CREATE, saved.getReference(), null,
					saved.auditState());
		}
		else {
			audit.record(hospital, ENTITY, saved.getId(), AuditAction.CREATE, saved.getReference(), null,
					saved.auditState());
		}
		if (uploads != null && !uploads.isEmpty()) {
			attachments.attach(saved, uploads, report.anonymous() || publicLink);
		}
		var quality = organization.responsibleUsers(hospital, null, EnumSet.noneOf(Role.class),
				EnumSet.of(Role.QUALITY_MANAGER));
		notifications.send(hospital, quality, "INCIDENT_REPORTED", "incidents.notification.reported",
				List.of(saved.getReference()), "/incidents/" + saved.getId(), "incident:" + saved.getId() + ":reported");
		return new Submitted(saved, false);
	}

	/**
	 * Claims the Idempotency-Key for the report about to be stored under {@code id}: false if an earlier
	 * request holds it. A concurrent request with the same key waits here until the one that claimed it
	 * commits (then this one answers its report) or rolls back (then this one claims it). The key's
	 * reference to the report is checked at commit (V28).
	 */
	private boolean claim(UUID hospital, String key, UUID id, Instant at) {
		return jdbc.sql("""
				insert into incident_idempotency (hospital_id, idempotency_key, incident_id, created_at)
				values (:hospital, :key, :incident, :at)
				on conflict do nothing""")
			.param("hospital", hospital).param("key", key).param("incident", id)
			.param("at", at.atOffset(java.time.ZoneOffset.UTC))
			.update() == 1;
	}

	/** The new report's row, created and last changed by whoever is signed in now (nobody for an anonymous one). */
	private Incident insert(Incident incident, Instant now) {
		jdbc.sql(INSERT).params(incident.newRow(CurrentUser.name(), now)).update();
		return incident;
	}

	static final String INSERT = "insert into incident (" + String.join(", ", Incident.COLUMNS) + ") values ("
			+ String.join(", ", Incident.COLUMNS.stream().map(c -> ":" + c).toList()) + ")";

	/** The first action planned on an event's analysis moves it to action planning (audited). */
	@Transactional
	public void actionPlanned(UUID id) {
		Incident incident = get(id);
		var before = incident.auditState();
		if (incident.actionPlanned()) {
			save(incident, before);
		}
	}

	private static <T> T asNobody(Supplier<T> work) {
		var original = SecurityContextHolder.getContext();
		var nobody = SecurityContextHolder.createEmptyContext();
		nobody.setAuthentication(new AnonymousAuthenticationToken("incident", "anonymous",
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
		SecurityContextHolder.setContext(nobody);
		try {
			return work.get();
		}
		finally {
			SecurityContextHolder.setContext(original);
		}
	}

	private void validate(UUID hospital, Report report) {
		if (report.occurredAt() == null || report.occurredAt().isAfter(LocalDateTime.now(clock).plusMinutes(5))) {
			throw new InvalidInputException("occurredAt", "error.incidents.occurred-at");
		}
		if (report.departmentId() == null || organization.department(hospital, report.departmentId())
			.filter(d -> !d.retired())
			.isEmpty()) {
			throw new InvalidInputException("departmentCode", "error.incidents.department");
		}
		if (!Taxonomy.CATEGORIES.contains(report.category())) {
			throw new InvalidInputException("category", "error.incidents.category");
		}
		if (report.level() != null && !Taxonomy.LEVELS.contains(report.level())) {
			throw new InvalidInputException("level", "error.incidents.level");
		}
		if (report.description() == null || report.description().isBlank() || report.description().length() > 4000) {
			throw new InvalidInputException("description", "error.incidents.description");
		}
		Map<String, List<String>> questions = Taxonomy.QUESTIONS.getOrDefault(report.category(), Map.of());
		if (report.details() != null) {
			for (var answer : report.details().entrySet()) {
				List<String> allowed = questions.get(answer.getKey());
				if (allowed == null || !allowed.contains(answer.getValue())) {
					throw new InvalidInputException("details." + answer.getKey(), "error.incidents.detail");
				}
			}
		}
	}

	/** Who may see a report: the quality office all; the reporter their own; departments theirs unless anonymous. */
	static boolean visible(CareQmsUser user, Incident incident) {
		if (user.hasRole(Role.QUALITY_MANAGER) || user.hasRole(Role.SYSTEM_ADMIN)) {
			return true;
		}
		if (!incident.isAnonymous() && user.id().equals(incident.getReporterUserId())) {
			return true;
		}
		if (incident.isAnonymous()) {
			return false;
		}
		return user.canSeeDepartment(incident.getDepartmentId())
				|| incident.getHandlingDepartmentId() != null && user.canSeeDepartment(incident.getHandlingDepartmentId());
	}

	@Transactional(readOnly = true)
	public Incident get(UUID id) {
		CareQmsUser user = CurrentUser.require();
		Incident incident = incidents.findByIdAndHospitalId(id, user.hospitalId()).orElseThrow(NotFoundException::new);
		if (!visible(user, incident)) {
			throw new NotFoundException();
		}
		return incident;
	}

	@Transactional
	public Incident triage(UUID id, String level, String harm, UUID handlingDepartmentId, Set<UUID> collaborating) {
		Incident incident = managed(id);
		if (!Taxonomy.LEVELS.contains(level)) {
			throw new InvalidInputException("level", "error.incidents.level");
		}
		if (harm != null && !Taxonomy.HARMS.contains(harm)) {
			throw new InvalidInputException("harm", "error.incidents.harm");
		}
		var before = incident.auditState();
		Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
		Instant occurred = incident.getOccurredAt().atZone(ZoneId.systemDefault()).toInstant();
		boolean serious = "CN-I".equals(level) || "CN-II".equals(level);
		incident.triage(level, harm, handlingDepartmentId == null ? incident.getDepartmentId() : handlingDepartmentId,
				collaborating, CurrentUser.name(), now, occurred.plus(Duration.ofHours(Taxonomy.reportHours(level))),
				now.plus(Duration.ofDays(serious ? seriousAnalysisDays : otherAnalysisDays)));
		Incident saved = save(incident, before);
		events.publishEvent(new IncidentClassified(saved.getId(), saved.getHospitalId(), saved.getReference(),
				saved.getDepartmentId(), saved.getHandlingDepartmentId(), saved.getCategory(), level));
		var handlers = organization.responsibleUsers(saved.getHospitalId(), saved.getHandlingDepartmentId(),
				EnumSet.of(Role.DEPARTMENT_HEAD, Role.QC_OFFICER), EnumSet.noneOf(Role.class));
		notifications.send(saved.getHospitalId(), handlers, "INCIDENT_ASSIGNED", "incidents.notification.assigned",
				List.of(saved.getReference(), level), "/incidents/" + saved.getId(),
				"incident:" + saved.getId() + ":triaged:" + level);
		return saved;
	}

	@Transactional
	public Incident advance(UUID id, Incident.Status to) {
		Incident incident = handled(id);
		var before = incident.auditState();
		incident.advance(to);
		return save(incident, before);
	}

	@Transactional
	public Incident close(UUID id, String feedback) {
		Incident incident = managed(id);
		var before = incident.auditState();
		incident.close(feedback, Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
		Incident saved = save(incident, before);
		if (!saved.isAnonymous() && saved.getReporterUserId() != null) {
			notifications.send(saved.getHospitalId(), List.of(saved.getReporterUserId()), "INCIDENT_FEEDBACK",
					"incidents.notification.feedback", List.of(saved.getReference()), "/incidents/" + saved.getId(),
					"incident:" + saved.getId() + ":closed");
		}
		return saved;
	}

	private Incident managed(UUID id) {
		CareQmsUser user = CurrentUser.require();
		if (!user.hasRole(Role.QUALITY_MANAGER) && !user.hasRole(Role.SYSTEM_ADMIN)) {
			throw new AccessDeniedException("triage and closure are the quality office's");
		}
		return get(id);
	}

	private Incident handled(UUID id) {
		CareQmsUser user = CurrentUser.require();
		Incident incident = get(id);
		boolean quality = user.hasRole(Role.QUALITY_MANAGER) || user.hasRole(Role.SYSTEM_ADMIN);
		boolean handler = (user.hasRole(Role.DEPARTMENT_HEAD) || user.hasRole(Role.QC_OFFICER))
				&& incident.getHandlingDepartmentId() != null && user.canSeeDepartment(incident.getHandlingDepartmentId());
		if (!quality && !handler) {
			throw new AccessDeniedException("only the quality office and the handling department move an event on");
		}
		return incident;
	}

	private Incident save(Incident incident, Map<String, Object> before) {
		Incident saved = incidents.save(incident);
		audit.record(saved.getHospitalId(), ENTITY, saved.getId(), AuditAction.UPDATE, saved.getReference(), before,
				saved.auditState());
		return saved;
	}

	/** The next report number of the hospital's year: unique, increasing, gaps possible ({@link IncidentReferences}). */
	private String nextReference(UUID hospitalId) {
		return references.next(hospitalId, java.time.LocalDate.now(clock).getYear());
	}

	static String blank(String text) {
		return text == null || text.isBlank() ? null : text.trim();
	}

	Map<String, String> details(Incident incident) {
		Map<String, String> details = new LinkedHashMap<>();
		json.readTree(incident.getDetails()).properties().forEach(e -> details.put(e.getKey(), e.getValue().asString()));
		return details;
	}
}
