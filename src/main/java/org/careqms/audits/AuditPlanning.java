package org.careqms.audits;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.careqms.audittrail.AuditAction;
import org.careqms.audittrail.AuditTrail;
import org.careqms.notification.Notifications;
import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.careqms.platform.NotFoundException;
import org.careqms.platform.Role;
import org.careqms.platform.RuleViolationException;
import org.careqms.standards.ChecklistTemplateVersion;
import org.careqms.standards.ChecklistTemplates;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plans audits and generates their inspections: one per department and date; a self-inspection
 * (科室自查) plan gives each department a monthly inspection done by its own QC officers and head.
 */
@Service
class AuditPlanning {

	static final String PLAN = "AuditPlan";
	static final String INSPECTION = "Inspection";

	/** More inspections than this from one plan is a mistake in the form, not a plan. */
	static final int MAX_INSPECTIONS = 600;

	private final AuditPlanRepository plans;
	private final InspectionRepository inspections;
	private final ChecklistTemplates templates;
	private final OrganizationDirectory organization;
	private final Notifications notifications;
	private final AuditTrail audit;
	private final JdbcClient jdbc;
	private final Clock clock;

	AuditPlanning(AuditPlanRepository plans, InspectionRepository inspections, ChecklistTemplates templates,
			OrganizationDirectory organization, Notifications notifications, AuditTrail audit, JdbcClient jdbc,
			Clock clock) {
		this.plans = plans;
		this.inspections = inspections;
		this.templates = templates;
		this.organization = organization;
		this.notifications = notifications;
		this.audit = audit;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A plan as the quality office writes it: one date, or a day of every month from one month to another. */
	record PlanDraft(String title, AuditType auditType, Long templateVersionId, Set<UUID> departmentIds,
			Set<UUID> auditorIds, LocalDate plannedOn, YearMonth firstMonth, YearMonth lastMonth, Integer dayOfMonth,
			String notes) {

		boolean monthly() {
			return plannedOn == null;
		}
	}

	/** The plan and the inspections it generated. */
	record Planned(AuditPlan plan, List<Inspection> inspections) {
	}

	@Transactional
	public Planned plan(PlanDraft draft) {
		CareQmsUser user = CurrentUser.require();
		if (!AuditAccess.mayPlan(user)) {
			throw new AccessDeniedException("planning is the quality office's");
		}
		UUID hospital = user.hospitalId();
		List<InvalidInputException.FieldProblem> problems = new ArrayList<>();
		if (draft.title() == null || draft.title().isBlank() || draft.title().length() > 200) {
			problems.add(new InvalidInputException.FieldProblem("title", "error.audits.title"));
		}
		if (draft.auditType() == null) {
			problems.add(new InvalidInputException.FieldProblem("auditType", "error.audits.type"));
		}
		ChecklistTemplateVersion checklist = draft.templateVersionId() == null ? null
				: templates.version(hospital, draft.templateVersionId()).filter(ChecklistTemplateVersion::published)
					.orElse(null);
		if (checklist == null) {
			problems.add(new InvalidInputException.FieldProblem("templateVersionId", "error.audits.template"));
		}
		var departments = organization.departments(hospital).stream().filter(d -> !d.retired())
			.collect(Collectors.toMap(OrganizationDirectory.DepartmentSummary::id, d -> d));
		if (draft.departmentIds() == null || draft.departmentIds().isEmpty()
				|| !departments.keySet().containsAll(draft.departmentIds())) {
			problems.add(new InvalidInputException.FieldProblem("departmentIds", "error.audits.departments"));
		}
		Set<UUID> active = organization.activeUsers(hospital).stream().map(OrganizationDirectory.UserSummary::id)
			.collect(Collectors.toSet());
		Set<UUID> auditors = draft.auditorIds() == null ? Set.of() : draft.auditorIds();
		if (!active.containsAll(auditors)) {
			problems.add(new InvalidInputException.FieldProblem("auditorIds", "error.audits.auditors"));
		}
		else if (auditors.isEmpty() && draft.auditType() != AuditType.SELF_INSPECTION) {
			problems.add(new InvalidInputException.FieldProblem("auditorIds", "error.audits.auditors-required"));
		}
		if (draft.monthly()) {
			if (draft.firstMonth() == null || draft.lastMonth() == null || draft.lastMonth().isBefore(draft.firstMonth())
					|| draft.firstMonth().plusMonths(23).isBefore(draft.lastMonth())) {
				problems.add(new InvalidInputException.FieldProblem("lastMonth", "error.audits.months"));
			}
			if (draft.dayOfMonth() == null || draft.dayOfMonth() < 1 || draft.dayOfMonth() > 28) {
				problems.add(new InvalidInputException.FieldProblem("dayOfMonth", "error.audits.day-of-month"));
			}
		}
		if (draft.notes() != null && draft.notes().length() > 2000) {
			problems.add(new InvalidInputException.FieldProblem("notes", "error.audits.notes"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		var plan = new AuditPlan(hospital, draft.title().trim(), draft.auditType(), checklist.templateId(),
				checklist.versionId(), checklist.code(), checklist.name(), new LinkedHashSet<>(draft.departmentIds()),
				new LinkedHashSet<>(auditors), blank(draft.notes()));
		if (draft.monthly()) {
			plan.monthly(draft.firstMonth(), draft.lastMonth(), draft.dayOfMonth());
		}
		else {
			plan.once(draft.plannedOn());
		}
		List<LocalDate> dates = plan.dates();
		if (dates.size() * draft.departmentIds().size() > MAX_INSPECTIONS) {
			throw new RuleViolationException("audits.plan.too-many", MAX_INSPECTIONS);
		}
		AuditPlan saved = plans.save(plan);
		audit.record(hospital, PLAN, saved.getId(), AuditAction.CREATE, saved.getTitle(), null, saved.auditState());
		List<Inspection> created = new ArrayList<>();
		Set<UUID> everyone = new LinkedHashSet<>();
		for (UUID department : saved.departmentIds()) {
			Set<UUID> team = new LinkedHashSet<>(auditors);
			if (saved.getAuditType() == AuditType.SELF_INSPECTION) {
				// the department checks itself: its QC officers and head
				team.addAll(organization.responsibleUsers(hospital, department,
						EnumSet.of(Role.QC_OFFICER, Role.DEPARTMENT_HEAD), EnumSet.noneOf(Role.class)));
			}
			everyone.addAll(team);
			for (LocalDate date : dates) {
				var inspection = new Inspection(hospital, nextReference(hospital), saved.getId(), saved.getAuditType(),
						department, saved.getTemplateId(), saved.getTemplateVersionId(), saved.getTemplateCode(),
						saved.getTemplateName(), date, team);
				Inspection stored = inspections.save(inspection);
				audit.record(hospital, INSPECTION, stored.getId(), AuditAction.CREATE, stored.getReference(), null,
						stored.auditState());
				created.add(stored);
			}
		}
		notifications.send(hospital, everyone, "AUDIT_ASSIGNED", "audits.notification.assigned",
				List.of(saved.getTitle(), String.valueOf(created.size())), "/audits/plans/" + saved.getId(),
				"audit-plan:" + saved.getId() + ":assigned");
		return new Planned(saved, created);
	}

	/** A change of a saved plan: it applies to the plan's inspections that have not started. */
	record PlanChange(Long templateVersionId, Set<UUID> departmentIds, Set<UUID> auditorIds, String reason) {
	}

	/** What a change did to the plan's inspections. */
	record Changed(AuditPlan plan, List<Inspection> updated, List<Inspection> added, List<Inspection> removed,
			List<Inspection> untouched) {
	}

	/**
	 * Changes a saved plan: another published version of its checklist, other auditors, departments added
	 * (their inspections are generated for the plan's dates from today on) or removed (their planned
	 * inspections are voided). Only inspections nobody has started change; started and submitted ones stay
	 * as they are. Every change is on the audit trail with the reason.
	 */
	@Transactional
	public Changed change(UUID id, PlanChange change) {
		CareQmsUser user = CurrentUser.require();
		if (!AuditAccess.mayPlan(user)) {
			throw new AccessDeniedException("planning is the quality office's");
		}
		UUID hospital = user.hospitalId();
		AuditPlan plan = plans.findByIdAndHospitalId(id, hospital).orElseThrow(NotFoundException::new);
		if (plan.isVoided()) {
			throw new RuleViolationException("audits.plan.voided");
		}
		List<InvalidInputException.FieldProblem> problems = new ArrayList<>();
		ChecklistTemplateVersion checklist = change.templateVersionId() == null ? null
				: templates.version(hospital, change.templateVersionId()).filter(ChecklistTemplateVersion::published)
					.filter(v -> v.templateId() == plan.getTemplateId())
					.orElse(null);
		if (checklist == null) {
			problems.add(new InvalidInputException.FieldProblem("templateVersionId", "error.audits.template-version"));
		}
		var departments = organization.departments(hospital).stream().filter(d -> !d.retired())
			.map(OrganizationDirectory.DepartmentSummary::id).collect(Collectors.toSet());
		Set<UUID> wanted = change.departmentIds() == null ? Set.of() : change.departmentIds();
		Set<UUID> kept = new LinkedHashSet<>(plan.departmentIds());
		// a department that has since been retired may stay in the plan, not be added
		if (wanted.isEmpty() || !wanted.stream().allMatch(d -> departments.contains(d) || kept.contains(d))) {
			problems.add(new InvalidInputException.FieldProblem("departmentIds", "error.audits.departments"));
		}
		Set<UUID> active = organization.activeUsers(hospital).stream().map(OrganizationDirectory.UserSummary::id)
			.collect(Collectors.toSet());
		Set<UUID> auditors = change.auditorIds() == null ? Set.of() : change.auditorIds();
		if (!active.containsAll(auditors)) {
			problems.add(new InvalidInputException.FieldProblem("auditorIds", "error.audits.auditors"));
		}
		else if (auditors.isEmpty() && plan.getAuditType() != AuditType.SELF_INSPECTION) {
			problems.add(new InvalidInputException.FieldProblem("auditorIds", "error.audits.auditors-required"));
		}
		if (change.reason() == null || change.reason().isBlank() || change.reason().length() > 500) {
			problems.add(new InvalidInputException.FieldProblem("reason", "error.audits.change-reason"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		String reason = change.reason().trim();
		Map<String, Object> before = plan.auditState();
		Instant now = now();
		LocalDate today = LocalDate.now(clock);
		List<Inspection> existing = inspections.findByPlan(id);
		Set<UUID> added = new LinkedHashSet<>(wanted);
		added.removeAll(kept);
		List<LocalDate> futureDates = plan.dates().stream().filter(d -> !d.isBefore(today)).toList();
		int planned = (int) existing.stream().filter(i -> i.getStatus() != InspectionStatus.VOIDED).count();
		if (planned + added.size() * futureDates.size() > MAX_INSPECTIONS) {
			throw new RuleViolationException("audits.plan.too-many", MAX_INSPECTIONS);
		}
		plan.change(checklist.versionId(), checklist.code(), checklist.name(), new LinkedHashSet<>(wanted),
				new LinkedHashSet<>(auditors));
		AuditPlan saved = plans.save(plan);
		audit.record(hospital, PLAN, saved.getId(), AuditAction.UPDATE, saved.getTitle() + " · " + reason, before,
				saved.auditState());
		List<Inspection> updated = new ArrayList<>();
		List<Inspection> removed = new ArrayList<>();
		List<Inspection> untouched = new ArrayList<>();
		Set<UUID> everyone = new LinkedHashSet<>();
		for (Inspection inspection : existing) {
			if (inspection.getStatus() != InspectionStatus.PLANNED) {
				if (inspection.getStatus() != InspectionStatus.VOIDED) {
					untouched.add(inspection);
				}
				continue;
			}
			var was = inspection.auditState();
			if (!wanted.contains(inspection.getDepartmentId())) {
				inspection.voidInspection(reason, CurrentUser.name(), now);
				Inspection stored = inspections.save(inspection);
				audit.record(hospital, INSPECTION, stored.getId(), AuditAction.VOID, stored.getReference() + " · " + reason,
						was, stored.auditState());
				removed.add(stored);
				continue;
			}
			Set<UUID> team = team(saved, inspection.getDepartmentId(), auditors);
			everyone.addAll(team);
			inspection.reassign(team);
			inspection.useChecklist(checklist.templateId(), checklist.versionId(), checklist.code(), checklist.name());
			if (!was.equals(inspection.auditState())) {
				Inspection stored = inspections.save(inspection);
				audit.record(hospital, INSPECTION, stored.getId(), AuditAction.UPDATE,
						stored.getReference() + " · " + reason, was, stored.auditState());
				updated.add(stored);
			}
		}
		List<Inspection> created = new ArrayList<>();
		for (UUID department : added) {
			Set<UUID> team = team(saved, department, auditors);
			everyone.addAll(team);
			for (LocalDate date : futureDates) {
				Inspection stored = inspections.save(new Inspection(hospital, nextReference(hospital), saved.getId(),
						saved.getAuditType(), department, saved.getTemplateId(), saved.getTemplateVersionId(),
						saved.getTemplateCode(), saved.getTemplateName(), date, team));
				audit.record(hospital, INSPECTION, stored.getId(), AuditAction.CREATE, stored.getReference() + " · " + reason,
						null, stored.auditState());
				created.add(stored);
			}
		}
		// auditors told once per plan: those newly on it hear of it now
		notifications.send(hospital, everyone, "AUDIT_ASSIGNED", "audits.notification.assigned",
				List.of(saved.getTitle(), String.valueOf(updated.size() + created.size())), "/audits/plans/" + saved.getId(),
				"audit-plan:" + saved.getId() + ":assigned");
		return new Changed(saved, updated, created, removed, untouched);
	}

	/** Moves one inspection that has not started to another date (the quality office). */
	@Transactional
	public Inspection reschedule(UUID inspectionId, LocalDate date, String reason) {
		CareQmsUser user = CurrentUser.require();
		if (!AuditAccess.mayPlan(user)) {
			throw new AccessDeniedException("planning is the quality office's");
		}
		List<InvalidInputException.FieldProblem> problems = new ArrayList<>();
		if (date == null || date.isBefore(LocalDate.now(clock)) || date.isAfter(LocalDate.now(clock).plusYears(3))) {
			problems.add(new InvalidInputException.FieldProblem("plannedOn", "error.audits.reschedule-date"));
		}
		if (reason == null || reason.isBlank() || reason.length() > 500) {
			problems.add(new InvalidInputException.FieldProblem("reason", "error.audits.change-reason"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		Inspection inspection = inspections.lock(inspectionId, user.hospitalId()).orElseThrow(NotFoundException::new);
		var before = inspection.auditState();
		inspection.reschedule(date);
		Inspection saved = inspections.save(inspection);
		audit.record(saved.getHospitalId(), INSPECTION, saved.getId(), AuditAction.UPDATE,
				saved.getReference() + " · " + reason.trim(), before, saved.auditState());
		return saved;
	}

	private Set<UUID> team(AuditPlan plan, UUID department, Set<UUID> auditors) {
		Set<UUID> team = new LinkedHashSet<>(auditors);
		if (plan.getAuditType() == AuditType.SELF_INSPECTION) {
			team.addAll(organization.responsibleUsers(plan.getHospitalId(), department,
					EnumSet.of(Role.QC_OFFICER, Role.DEPARTMENT_HEAD), EnumSet.noneOf(Role.class)));
		}
		return team;
	}

	@Transactional(readOnly = true)
	public AuditPlan get(UUID id) {
		CareQmsUser user = CurrentUser.require();
		AuditPlan plan = plans.findByIdAndHospitalId(id, user.hospitalId()).orElseThrow(NotFoundException::new);
		// a department sees a plan through the inspections it may see (an unannounced one not before it starts)
		if (!user.hospitalWide() && inspections.findByPlan(id).stream().noneMatch(i -> AuditAccess.maySee(user, i))) {
			throw new NotFoundException();
		}
		return plan;
	}

	/** The plan's inspections the user may see. */
	@Transactional(readOnly = true)
	public List<Inspection> inspections(AuditPlan plan) {
		CareQmsUser user = CurrentUser.require();
		return inspections.findByPlan(plan.getId()).stream().filter(i -> AuditAccess.maySee(user, i)).toList();
	}

	/** Voids the plan and whatever of it has not started; what has been done stays on record. */
	@Transactional
	public AuditPlan voidPlan(UUID id, String reason) {
		CareQmsUser user = CurrentUser.require();
		if (!AuditAccess.mayPlan(user)) {
			throw new AccessDeniedException("planning is the quality office's");
		}
		if (reason == null || reason.isBlank() || reason.length() > 500) {
			throw new InvalidInputException("reason", "error.audits.void-reason");
		}
		AuditPlan plan = plans.findByIdAndHospitalId(id, user.hospitalId()).orElseThrow(NotFoundException::new);
		Map<String, Object> before = plan.auditState();
		Instant now = now();
		plan.voidPlan(reason.trim(), CurrentUser.name(), now);
		AuditPlan saved = plans.save(plan);
		audit.record(saved.getHospitalId(), PLAN, saved.getId(), AuditAction.VOID, saved.getTitle(), before,
				saved.auditState());
		for (Inspection inspection : inspections.findByPlan(id)) {
			if (inspection.getStatus() == InspectionStatus.PLANNED) {
				var was = inspection.auditState();
				inspection.voidInspection(reason.trim(), CurrentUser.name(), now);
				Inspection stored = inspections.save(inspection);
				audit.record(saved.getHospitalId(), INSPECTION, stored.getId(), AuditAction.VOID, stored.getReference(),
						was, stored.auditState());
			}
		}
		return saved;
	}

	/** AUD-2026-0001: numbered per hospital and year, under a lock so two inspections never share a number. */
	String nextReference(UUID hospitalId) {
		jdbc.sql("select pg_advisory_xact_lock(hashtext(:key))").param("key", "inspection-ref:" + hospitalId).query()
			.singleRow();
		String prefix = "AUD-" + LocalDate.now(clock).getYear() + "-";
		Integer last = jdbc.sql("""
				select max(cast(substring(reference from 10) as integer)) from inspection
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

	private static String blank(String text) {
		return text == null || text.isBlank() ? null : text.trim();
	}
}
