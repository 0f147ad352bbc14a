package org.careqms.improvement;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.careqms.audittrail.AuditAction;
import org.careqms.audittrail.AuditTrail;
import org.careqms.notification.Notifications;
import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.NotFoundException;
import org.careqms.platform.Role;
import org.careqms.platform.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The action register's commands, with who may do what and the audit trail of every change. */
@Service
class ActionManagement {

	static final String ENTITY = "ImprovementAction";

	private final ActionRepository actions;
	private final OrganizationDirectory organization;
	private final Notifications notifications;
	private final AuditTrail audit;
	private final JdbcClient jdbc;
	private final Clock clock;
	private final org.careqms.indicators.IndicatorCatalog indicators;
	private final org.careqms.incidents.IncidentRootCauses rootCauses;

	ActionManagement(ActionRepository actions, OrganizationDirectory organization, Notifications notifications,
			AuditTrail audit, JdbcClient jdbc, Clock clock, org.careqms.indicators.IndicatorCatalog indicators,
			org.careqms.incidents.IncidentRootCauses rootCauses) {
		this.actions = actions;
		this.organization = organization;
		this.notifications = notifications;
		this.audit = audit;
		this.jdbc = jdbc;
		this.clock = clock;
		this.indicators = indicators;
		this.rootCauses = rootCauses;
	}

	/** What an action is about and who answers for it. */
	record ActionDraft(String title, String description, UUID responsibleDepartmentId, UUID ownerUserId,
			LocalDate dueDate, String expectedResult, ActionStrength strength, Set<UUID> collaborating,
			String indicatorCode, UUID indicatorDepartmentId) {
	}

	/** Visible to the user: hospital-wide roles see all, others their departments' actions and their own. */
	static boolean visible(CareQmsUser user, ImprovementAction action) {
		return user.hospitalWide() || user.id().equals(action.getOwnerUserId())
				|| action.getResponsibleDepartmentId() != null && user.canSeeDepartment(action.getResponsibleDepartmentId())
				|| action.collaboratingDepartments().stream().anyMatch(user::canSeeDepartment);
	}

	/** May change the action: the quality office, its owner, the responsible department's head and QC officer. */
	static boolean mayWork(CareQmsUser user, ImprovementAction action) {
		if (user.hasRole(Role.QUALITY_MANAGER) || user.hasRole(Role.SYSTEM_ADMIN)
				|| user.id().equals(action.getOwnerUserId())) {
			return true;
		}
		boolean departmentRole = user.hasRole(Role.DEPARTMENT_HEAD) || user.hasRole(Role.QC_OFFICER);
		return departmentRole && action.getResponsibleDepartmentId() != null
				&& user.canSeeDepartment(action.getResponsibleDepartmentId());
	}

	static boolean mayVerify(CareQmsUser user) {
		return user.hasRole(Role.QUALITY_MANAGER) || user.hasRole(Role.SYSTEM_ADMIN);
	}

	@Transactional(readOnly = true)
	public ImprovementAction get(UUID id) {
		CareQmsUser user = CurrentUser.require();
		ImprovementAction action = actions.findByIdAndHospitalId(id, user.hospitalId()).orElseThrow(NotFoundException::new);
		if (!visible(user, action)) {
			throw new NotFoundException();
		}
		return action;
	}

	@Transactional
	public ImprovementAction create(ActionDraft draft) {
		CareQmsUser user = CurrentUser.require();
		if (!user.hospitalWide()
				&& (draft.responsibleDepartmentId() == null || !user.canSeeDepartment(draft.responsibleDepartmentId()))) {
			throw new AccessDeniedException("may create actions only for own departments");
		}
		return register(user.hospitalId(), ActionSource.MANUAL, null, draft, CurrentUser.name());
	}

	/**
	 * Registers an action for a finding of another module, once per source (a redelivered event creates
	 * nothing new); returns null when the source already has its action.
	 */
	@Transactional
	public ImprovementAction register(UUID hospitalId, ActionSource source, String sourceId, ActionDraft draft,
			String by) {
		return register(hospitalId, source, sourceId, draft, by, null, null);
	}

	/**
	 * Plans an action on a root cause of an adverse event's analysis (RCA²: graded strong,
	 * intermediate or weak). The first one moves the event to action planning.
	 */
	@Transactional
	public ImprovementAction planForRootCause(UUID incidentId, String rootCause, ActionDraft draft) {
		CareQmsUser user = CurrentUser.require();
		var analysed = rootCauses.find(incidentId);
		if (!analysed.mayPlan()) {
			throw new AccessDeniedException("actions on an analysis are planned by the quality office and the handling department");
		}
		if (rootCause == null || !analysed.rootCauses().contains(rootCause)) {
			throw new RuleViolationException("rootCause", "action.root-cause-unknown");
		}
		if (draft.strength() == null) {
			throw new RuleViolationException("strength", "action.strength-required");
		}
		if (!user.hospitalWide()
				&& (draft.responsibleDepartmentId() == null || !user.canSeeDepartment(draft.responsibleDepartmentId()))) {
			throw new AccessDeniedException("may create actions only for own departments");
		}
		ImprovementAction action = register(user.hospitalId(), ActionSource.INCIDENT, null, draft, CurrentUser.name(),
				incidentId, rootCause);
		rootCauses.actionPlanned(incidentId);
		return action;
	}

	@Transactional
	ImprovementAction register(UUID hospitalId, ActionSource source, String sourceId, ActionDraft draft, String by,
			UUID incidentId, String rootCause) {
		check(hospitalId, draft);
		// numbering takes the hospital's lock first, so a finding delivered twice at once is seen here
		String reference = nextReference(hospitalId);
		if (sourceId != null && actions.existsBySource(hospitalId, source.name(), sourceId)) {
			return null;
		}
		var action = new ImprovementAction(hospitalId, reference, source, sourceId);
		action.answers(incidentId, rootCause);
		action.describe(draft.title(), draft.description(), draft.responsibleDepartmentId(), draft.ownerUserId(),
				draft.dueDate(), draft.expectedResult(), draft.strength(),
				draft.collaborating() == null ? Set.of() : draft.collaborating());
		if (draft.indicatorCode() != null) {
			action.linkIndicator(draft.indicatorCode(), draft.indicatorDepartmentId());
		}
		Instant now = now();
		action.opened(by, now);
		ImprovementAction saved = actions.save(action);
		audit.record(hospitalId, ENTITY, saved.getId(), AuditAction.CREATE, saved.getReference() + " " + saved.getTitle(),
				null, saved.auditState());
		tell(saved, "ACTION_ASSIGNED", "improvement.notification.assigned", "action:" + saved.getId() + ":assigned");
		return saved;
	}

	@Transactional
	public ImprovementAction update(UUID id, ActionDraft draft, Integer version) {
		ImprovementAction action = workable(id);
		if (version != null && !version.equals(action.getVersion())) {
			throw new org.springframework.dao.OptimisticLockingFailureException("action changed by someone else");
		}
		check(action.getHospitalId(), draft);
		var before = action.auditState();
		action.describe(draft.title(), draft.description(), draft.responsibleDepartmentId(), draft.ownerUserId(),
				draft.dueDate(), draft.expectedResult(), draft.strength(),
				draft.collaborating() == null ? Set.of() : draft.collaborating());
		action.linkIndicator(draft.indicatorCode(), draft.indicatorDepartmentId());
		return save(action, AuditAction.UPDATE, before);
	}

	@Transactional
	public ImprovementAction note(UUID id, String note) {
		ImprovementAction action = workable(id);
		if (note == null || note.isBlank()) {
			throw new RuleViolationException("note", "action.note-required");
		}
		var before = action.auditState();
		action.note(note.trim(), CurrentUser.name(), now());
		return save(action, AuditAction.UPDATE, before);
	}

	@Transactional
	public ImprovementAction start(UUID id) {
		ImprovementAction action = workable(id);
		var before = action.auditState();
		action.start(CurrentUser.name(), now());
		return save(action, AuditAction.UPDATE, before);
	}

	@Transactional
	public ImprovementAction complete(UUID id, String note, YearMonth effectiveFrom) {
		ImprovementAction action = workable(id);
		var before = action.auditState();
		action.complete(note, effectiveFrom, CurrentUser.name(), now());
		ImprovementAction saved = save(action, AuditAction.UPDATE, before);
		var quality = organization.responsibleUsers(saved.getHospitalId(), null, EnumSet.noneOf(Role.class),
				EnumSet.of(Role.QUALITY_MANAGER));
		notifications.send(saved.getHospitalId(), quality, "ACTION_TO_VERIFY", "improvement.notification.to-verify",
				List.of(saved.getReference(), saved.getTitle()), "/actions/" + saved.getId(),
				"action:" + saved.getId() + ":verify:" + saved.getVersion());
		return saved;
	}

	@Transactional
	public ImprovementAction verify(UUID id, boolean effective, String note) {
		CareQmsUser user = CurrentUser.require();
		ImprovementAction action = get(id);
		if (!mayVerify(user)) {
			throw new AccessDeniedException("verification is the quality office's");
		}
		var before = action.auditState();
		action.verify(effective, note == null ? null : note.trim(), CurrentUser.name(), now());
		ImprovementAction saved = save(action, AuditAction.UPDATE, before);
		tell(saved, "ACTION_VERIFIED", effective ? "improvement.notification.closed" : "improvement.notification.reopened",
				"action:" + saved.getId() + ":verified:" + saved.getVersion());
		return saved;
	}

	@Transactional
	public ImprovementAction cancel(UUID id, String reason) {
		CareQmsUser user = CurrentUser.require();
		ImprovementAction action = get(id);
		if (!mayVerify(user)) {
			throw new AccessDeniedException("cancelling is the quality office's");
		}
		var before = action.auditState();
		action.cancel(reason == null ? null : reason.trim(), CurrentUser.name(), now());
		return save(action, AuditAction.VOID, before);
	}

	/**
	 * 督办: every overdue action climbs one escalation level per week overdue; each new level notifies
	 * the responsible department's head and the quality office, and is written on the action's trail.
	 */
	@Transactional
	public int escalateOverdue() {
		LocalDate today = LocalDate.now(clock);
		int escalated = 0;
		for (ImprovementAction action : actions.findOverdue(today)) {
			long daysOverdue = ChronoUnit.DAYS.between(action.getDueDate(), today);
			int level = (int) (1 + daysOverdue / 7);
			if (level <= action.getEscalationLevel()) {
				continue;
			}
			var before = action.auditState();
			action.escalate(level, String.valueOf(daysOverdue), now());
			ImprovementAction saved = actions.save(action);
			audit.record(saved.getHospitalId(), ENTITY, saved.getId(), AuditAction.UPDATE, saved.getReference(), before,
					saved.auditState());
			List<UUID> recipients = new java.util.ArrayList<>(organization.responsibleUsers(saved.getHospitalId(),
					saved.getResponsibleDepartmentId(), EnumSet.of(Role.DEPARTMENT_HEAD), EnumSet.of(Role.QUALITY_MANAGER)));
			if (saved.getOwnerUserId() != null) {
				recipients.add(saved.getOwnerUserId());
			}
			notifications.send(saved.getHospitalId(), recipients, "ACTION_OVERDUE", "improvement.notification.overdue",
					List.of(saved.getReference(), saved.getTitle(), String.valueOf(daysOverdue), String.valueOf(level)),
					"/actions/" + saved.getId(), "action:" + saved.getId() + ":escalation:" + level);
			escalated++;
		}
		return escalated;
	}

	private void tell(ImprovementAction action, String kind, String key, String dedupe) {
		List<UUID> recipients = new java.util.ArrayList<>(action.getResponsibleDepartmentId() == null
				? organization.responsibleUsers(action.getHospitalId(), null, EnumSet.noneOf(Role.class),
						EnumSet.of(Role.QUALITY_MANAGER))
				: organization.responsibleUsers(action.getHospitalId(), action.getResponsibleDepartmentId(),
						EnumSet.of(Role.DEPARTMENT_HEAD, Role.QC_OFFICER), EnumSet.noneOf(Role.class)));
		if (action.getOwnerUserId() != null) {
			recipients.add(action.getOwnerUserId());
		}
		notifications.send(action.getHospitalId(), recipients, kind, key,
				List.of(action.getReference(), action.getTitle()), "/actions/" + action.getId(), dedupe);
	}

	private ImprovementAction workable(UUID id) {
		ImprovementAction action = get(id);
		if (!mayWork(CurrentUser.require(), action)) {
			throw new AccessDeniedException("may not work on this action");
		}
		return action;
	}

	private ImprovementAction save(ImprovementAction action, AuditAction kind, java.util.Map<String, Object> before) {
		ImprovementAction saved = actions.save(action);
		audit.record(saved.getHospitalId(), ENTITY, saved.getId(), kind, saved.getReference() + " " + saved.getTitle(),
				before, saved.auditState());
		return saved;
	}

	private void check(UUID hospitalId, ActionDraft draft) {
		if (draft.responsibleDepartmentId() != null
				&& organization.department(hospitalId, draft.responsibleDepartmentId()).isEmpty()) {
			throw new RuleViolationException("responsibleDepartmentId", "action.department-unknown");
		}
		if (draft.indicatorCode() != null && indicators.find(draft.indicatorCode()).isEmpty()) {
			throw new RuleViolationException("indicatorCode", "action.indicator-unknown");
		}
		if (draft.dueDate() == null) {
			throw new RuleViolationException("dueDate", "action.due-date-required");
		}
	}

	/** ACT-2026-0001: numbered per hospital and year, under a lock so two actions never share a number. */
	private String nextReference(UUID hospitalId) {
		jdbc.sql("select pg_advisory_xact_lock(hashtext(:key))").param("key", "action-ref:" + hospitalId).query()
			.singleRow();
		String prefix = "ACT-" + LocalDate.now(clock).getYear() + "-";
		Integer last = jdbc.sql("""
				select max(cast(substring(reference from 10) as integer)) from improvement_action
				where hospital_id = :hospital and reference like :prefix""")
			.param("hospital", hospitalId)
			.param("prefix", prefix + "%")
			.query(Integer.class)
			.optional()
			.orElse(null);
		return prefix + String.format("%04d", last == null ? 1 : last + 1);
	}

	private Instant now() {
		return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
	}
}
