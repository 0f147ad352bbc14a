package org.careqms.improvement;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.careqms.audittrail.AuditAction;
import org.careqms.audittrail.AuditTrail;
import org.careqms.indicators.IndicatorCatalog;
import org.careqms.notification.Notifications;
import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.NotFoundException;
import org.careqms.platform.Role;
import org.careqms.platform.RuleViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * PDCA cycles and QCC projects: who may do what, the stage rules applied through the aggregate, the
 * next round, escalation of late stages (督办) and the audit trail of every change.
 */
@Service
class CycleManagement {

	static final String ENTITY = "PdcaCycle";

	private final CycleRepository cycles;
	private final CycleQueries queries;
	private final ActionManagement actions;
	private final OrganizationDirectory organization;
	private final IndicatorCatalog indicators;
	private final Notifications notifications;
	private final AuditTrail audit;
	private final JdbcClient jdbc;
	private final Clock clock;

	CycleManagement(CycleRepository cycles, CycleQueries queries, ActionManagement actions,
			OrganizationDirectory organization, IndicatorCatalog indicators, Notifications notifications,
			AuditTrail audit, JdbcClient jdbc, Clock clock) {
		this.cycles = cycles;
		this.queries = queries;
		this.actions = actions;
		this.organization = organization;
		this.indicators = indicators;
		this.notifications = notifications;
		this.audit = audit;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** What a cycle is about, who works it and when its stages are due. */
	record CycleDraft(String title, String problemStatement, UUID departmentId, UUID ownerUserId,
			String indicatorCode, Set<UUID> memberStaff, PdcaCycle.DueDates due) {
	}

	/** A QC circle: name, slogan, leader (圈长) and facilitator (辅导员). */
	record CircleDraft(String circleName, String slogan, UUID leaderStaffId, UUID facilitatorStaffId) {
	}

	/** The measure: direction, baseline (现况值), target, and the QCC formula's inputs. */
	record Measure(GoalDirection direction, BigDecimal baseline, BigDecimal target, BigDecimal improvementFocus,
			BigDecimal circleCapability) {
	}

	/** How Act ends. */
	record ActDecision(ActOutcome outcome, String standardization, Set<UUID> carryOver, String carryNote) {
	}

	static boolean visible(CareQmsUser user, PdcaCycle cycle) {
		return user.hospitalWide() || user.id().equals(cycle.getOwnerUserId())
				|| user.canSeeDepartment(cycle.getDepartmentId());
	}

	/** The quality office, the owner, and the department's head and QC officer work a cycle. */
	static boolean mayWork(CareQmsUser user, PdcaCycle cycle) {
		if (user.hasRole(Role.QUALITY_MANAGER) || user.hasRole(Role.SYSTEM_ADMIN)
				|| user.id().equals(cycle.getOwnerUserId())) {
			return true;
		}
		return (user.hasRole(Role.DEPARTMENT_HEAD) || user.hasRole(Role.QC_OFFICER))
				&& user.canSeeDepartment(cycle.getDepartmentId());
	}

	static boolean mayVoid(CareQmsUser user) {
		return user.hasRole(Role.QUALITY_MANAGER) || user.hasRole(Role.SYSTEM_ADMIN);
	}

	@Transactional(readOnly = true)
	public PdcaCycle get(UUID id, CycleKind kind) {
		CareQmsUser user = CurrentUser.require();
		PdcaCycle cycle = cycles.findByIdAndHospitalId(id, user.hospitalId())
			.filter(c -> kind == null || c.getKind() == kind)
			.orElseThrow(NotFoundException::new);
		if (!visible(user, cycle)) {
			throw new NotFoundException();
		}
		return cycle;
	}

	/** Opens a cycle in Plan; a repeated Idempotency-Key returns the first cycle and creates nothing. */
	@Transactional
	public Created create(CycleKind kind, CycleDraft draft, CircleDraft circle, Measure measure,
			String idempotencyKey) {
		return create(kind, draft, circle, measure, null, null, List.of(), idempotencyKey);
	}

	/** Plan content sent with a new cycle. */
	record PlanContent(String problemAnalysis, String rootCauses, String goal, String plan) {
	}

	/** A candidate theme sent with a new QCC project. */
	record ThemeInput(String theme, BigDecimal policy, BigDecimal importance, BigDecimal urgency,
			BigDecimal capability) {
	}

	/** Opens a cycle with its plan content and, for a QCC project, its weights and candidate themes. */
	@Transactional
	public Created create(CycleKind kind, CycleDraft draft, CircleDraft circle, Measure measure, PlanContent plan,
			QccFormulas.Weights weights, List<ThemeInput> themes, String idempotencyKey) {
		CareQmsUser user = CurrentUser.require();
		if (!user.hospitalWide() && (draft.departmentId() == null || !user.canSeeDepartment(draft.departmentId()))) {
			throw new AccessDeniedException("may open cycles only for own departments");
		}
		UUID hospital = user.hospitalId();
		String reference = nextReference(hospital, kind);
		if (idempotencyKey != null) {
			var earlier = cycles.findByIdempotencyKey(hospital, kind.name(), idempotencyKey);
			if (earlier.isPresent()) {
				return new Created(earlier.get(), true);
			}
		}
		var cycle = new PdcaCycle(hospital, kind, reference, null, 1, null);
		cycle.setIdempotencyKey(idempotencyKey);
		describe(cycle, draft, circle);
		if (measure != null) {
			cycle.measure(measure.direction(), measure.baseline(), measure.target(), measure.improvementFocus(),
					measure.circleCapability());
		}
		cycle.created(CurrentUser.name(), now(), today());
		if (plan != null && (plan.problemAnalysis() != null || plan.rootCauses() != null || plan.goal() != null
				|| plan.plan() != null)) {
			cycle.plan(blank(plan.problemAnalysis()), blank(plan.rootCauses()), blank(plan.goal()), blank(plan.plan()),
					CurrentUser.name(), now());
		}
		if (weights != null) {
			cycle.weigh(weights.policy(), weights.importance(), weights.urgency(), weights.capability());
		}
		for (ThemeInput t : themes) {
			cycle.addTheme(t.theme(), t.policy(), t.importance(), t.urgency(), t.capability());
		}
		PdcaCycle saved = cycles.save(cycle);
		audit.record(hospital, ENTITY, saved.getId(), AuditAction.CREATE, summary(saved), null, saved.auditState());
		if (saved.getOwnerUserId() != null && !saved.getOwnerUserId().equals(user.id())) {
			notifications.send(hospital, List.of(saved.getOwnerUserId()), "CYCLE_ASSIGNED", "pdca.notification.assigned",
					List.of(saved.getReference(), saved.getTitle()), link(saved), "cycle:" + saved.getId() + ":assigned");
		}
		return new Created(saved, false);
	}

	/** A created cycle, and whether an earlier request with the same key had made it. */
	record Created(PdcaCycle cycle, boolean repeated) {
	}

	@Transactional
	public PdcaCycle update(UUID id, CycleKind kind, CycleDraft draft, CircleDraft circle, Integer version) {
		PdcaCycle cycle = workable(id, kind);
		if (version != null && !version.equals(cycle.getVersion())) {
			throw new OptimisticLockingFailureException("cycle changed by someone else");
		}
		if (!CurrentUser.require().canSeeDepartment(draft.departmentId())) {
			throw new RuleViolationException("departmentId", "cycle.department-unknown");
		}
		var before = cycle.auditState();
		describe(cycle, draft, circle);
		return save(cycle, before);
	}

	@Transactional
	public PdcaCycle plan(UUID id, CycleKind kind, String analysis, String rootCauses, String goal, String plan,
			Measure measure) {
		PdcaCycle cycle = workable(id, kind);
		var before = cycle.auditState();
		cycle.plan(blank(analysis), blank(rootCauses), blank(goal), blank(plan), CurrentUser.name(), now());
		if (measure != null) {
			cycle.measure(measure.direction(), measure.baseline(), measure.target(), measure.improvementFocus(),
					measure.circleCapability());
		}
		return save(cycle, before);
	}

	@Transactional
	public PdcaCycle weigh(UUID id, QccFormulas.Weights weights) {
		PdcaCycle cycle = workable(id, CycleKind.QCC);
		var before = cycle.auditState();
		cycle.weigh(weights.policy(), weights.importance(), weights.urgency(), weights.capability());
		return save(cycle, before);
	}

	@Transactional
	public PdcaCycle addTheme(UUID id, String theme, BigDecimal policy, BigDecimal importance, BigDecimal urgency,
			BigDecimal capability) {
		PdcaCycle cycle = workable(id, CycleKind.QCC);
		var before = cycle.auditState();
		cycle.addTheme(theme, policy, importance, urgency, capability);
		return save(cycle, before);
	}

	@Transactional
	public PdcaCycle removeTheme(UUID id, UUID themeId) {
		PdcaCycle cycle = workable(id, CycleKind.QCC);
		var before = cycle.auditState();
		cycle.removeTheme(themeId);
		return save(cycle, before);
	}

	@Transactional
	public PdcaCycle chooseTheme(UUID id) {
		PdcaCycle cycle = workable(id, CycleKind.QCC);
		var before = cycle.auditState();
		cycle.chooseTheme(CurrentUser.name(), now());
		return save(cycle, before);
	}

	@Transactional
	public PdcaCycle recordStep(UUID id, QccStep step, String content, LocalDate completedOn) {
		PdcaCycle cycle = workable(id, CycleKind.QCC);
		var before = cycle.auditState();
		cycle.recordStep(step, blank(content), completedOn, today());
		return save(cycle, before);
	}

	/** Links an action of the register the caller can see; another department's action is not found. */
	@Transactional
	public PdcaCycle link(UUID id, CycleKind kind, UUID actionId) {
		PdcaCycle cycle = workable(id, kind);
		ImprovementAction action = actions.get(actionId);
		if (action.getStatus() == ActionStatus.CANCELLED) {
			throw new RuleViolationException("actionId", "cycle.action-cancelled");
		}
		var before = cycle.auditState();
		cycle.link(action.getId(), action.getReference(), CurrentUser.name(), now());
		return save(cycle, before);
	}

	/** Opens a new action for the cycle's department and links it. */
	@Transactional
	public ImprovementAction createAction(UUID id, CycleKind kind, ActionManagement.ActionDraft draft) {
		PdcaCycle cycle = workable(id, kind);
		var before = cycle.auditState();
		// checked before the action exists, so a refused link leaves no orphan action behind
		if (cycle.getStage() != PdcaStage.PLAN && cycle.getStage() != PdcaStage.DO) {
			throw new RuleViolationException("cycle.actions-only-plan-or-do");
		}
		ImprovementAction action = actions.create(draft);
		cycle.link(action.getId(), action.getReference(), CurrentUser.name(), now());
		save(cycle, before);
		return action;
	}

	@Transactional
	public PdcaCycle check(UUID id, CycleKind kind, BigDecimal afterValue, String conclusion) {
		PdcaCycle cycle = workable(id, kind);
		var before = cycle.auditState();
		cycle.check(afterValue, blank(conclusion), CurrentUser.name(), now());
		return save(cycle, before);
	}

	/** Leaves Plan, Do or Check. */
	@Transactional
	public PdcaCycle advance(UUID id, CycleKind kind, String note) {
		PdcaCycle cycle = workable(id, kind);
		var before = cycle.auditState();
		cycle.advance(blank(note), today(), CurrentUser.name(), now());
		return save(cycle, before);
	}

	/** Ends Act; with NEXT_ROUND, opens round n+1 of the same project with the carried-over actions. */
	@Transactional
	public PdcaCycle completeAct(UUID id, CycleKind kind, ActDecision decision) {
		PdcaCycle cycle = workable(id, kind);
		var before = cycle.auditState();
		endAct(cycle, decision);
		return save(cycle, before);
	}

	/** One QCC step as the API sends it. */
	record StepInput(QccStep step, String content, LocalDate completedOn) {
	}

	/**
	 * What an API client sends to finish the current stage: the stage's content (saved first) and, for
	 * Act, how it ends. All or nothing: a refused move saves none of it.
	 */
	record StageInput(PdcaStage expectedStage, String note, String problemAnalysis, String rootCauses, String goal,
			String plan, Measure measure, List<StepInput> steps, boolean chooseTheme, BigDecimal afterValue,
			String checkConclusion, ActDecision act) {
	}

	@Transactional
	public PdcaCycle advance(UUID id, CycleKind kind, StageInput input) {
		PdcaCycle cycle = workable(id, kind);
		if (input.expectedStage() != null && input.expectedStage() != cycle.getStage()) {
			throw new RuleViolationException("expectedStage", "cycle.stage-moved");
		}
		var before = cycle.auditState();
		String by = CurrentUser.name();
		Instant now = now();
		if (input.steps() != null) {
			for (StepInput step : input.steps()) {
				if (step.step() == null) {
					throw new RuleViolationException("steps", "qcc.step-unknown");
				}
				cycle.recordStep(step.step(), blank(step.content()), step.completedOn(), today());
			}
		}
		switch (cycle.getStage()) {
			case PLAN -> {
				if (input.problemAnalysis() != null || input.rootCauses() != null || input.goal() != null
						|| input.plan() != null) {
					cycle.plan(or(input.problemAnalysis(), cycle.getProblemAnalysis()),
							or(input.rootCauses(), cycle.getRootCauses()), or(input.goal(), cycle.getGoal()),
							or(input.plan(), cycle.getPlan()), by, now);
				}
				if (input.measure() != null) {
					Measure m = input.measure();
					cycle.measure(m.direction() == null ? cycle.getGoalDirection() : m.direction(),
							m.baseline() == null ? cycle.getBaselineValue() : m.baseline(), m.target(),
							m.improvementFocus(), m.circleCapability());
				}
				if (input.chooseTheme()) {
					cycle.chooseTheme(by, now);
				}
			}
			case CHECK -> {
				if (input.afterValue() != null || input.checkConclusion() != null) {
					cycle.check(input.afterValue() == null ? cycle.getAfterValue() : input.afterValue(),
							or(input.checkConclusion(), cycle.getCheckConclusion()), by, now);
				}
			}
			default -> {
			}
		}
		if (cycle.getStage() == PdcaStage.ACT) {
			if (input.act() == null) {
				throw new RuleViolationException("act", "cycle.act-needs-outcome");
			}
			endAct(cycle, input.act());
		}
		else {
			cycle.advance(blank(input.note()), today(), by, now);
		}
		return save(cycle, before);
	}

	private static String or(String value, String fallback) {
		String v = blank(value);
		return v == null ? fallback : v;
	}

	private void endAct(PdcaCycle cycle, ActDecision decision) {
		Set<UUID> linked = cycle.linkedActions().stream().map(PdcaCycle.LinkedAction::actionId).collect(Collectors.toSet());
		Map<UUID, ActionStatus> statuses = new HashMap<>();
		queries.actions(cycle.getHospitalId(), linked)
			.forEach((actionId, line) -> statuses.put(actionId, ActionStatus.valueOf(line.status())));
		Set<UUID> carry = decision.carryOver() == null ? Set.of() : decision.carryOver();
		if (!linked.containsAll(carry)) {
			throw new RuleViolationException("carryOver", "cycle.carry-over-unknown");
		}
		String carryNote = blank(decision.carryNote());
		boolean carrying = carry.stream().anyMatch(a -> statuses.getOrDefault(a, ActionStatus.OPEN).active());
		if (carrying && carryNote == null) {
			throw new RuleViolationException("carryNote", "cycle.carry-note-required");
		}
		cycle.completeAct(decision.outcome(), blank(decision.standardization()), carry, carryNote, statuses, today(),
				CurrentUser.name(), now());
		if (decision.outcome() == ActOutcome.NEXT_ROUND) {
			PdcaCycle next = nextRound(cycle, carry.stream()
				.filter(a -> statuses.getOrDefault(a, ActionStatus.OPEN).active())
				.collect(Collectors.toCollection(LinkedHashSet::new)));
			cycle.nextRound(next.getId());
		}
	}

	private PdcaCycle nextRound(PdcaCycle previous, Set<UUID> carried) {
		LocalDate today = today();
		LocalDate start = previous.stageMap().get(PdcaStage.PLAN).startedOn();
		if (start == null) {
			start = previous.getCreatedAt().atZone(clock.getZone()).toLocalDate();
		}
		Map<PdcaStage, PdcaCycle.StageDates> old = previous.stageMap();
		long shift = ChronoUnit.DAYS.between(start, today);
		var due = new PdcaCycle.DueDates(old.get(PdcaStage.PLAN).dueDate().plusDays(shift),
				old.get(PdcaStage.DO).dueDate().plusDays(shift), old.get(PdcaStage.CHECK).dueDate().plusDays(shift),
				old.get(PdcaStage.ACT).dueDate().plusDays(shift));
		var next = new PdcaCycle(previous.getHospitalId(), previous.getKind(),
				nextReference(previous.getHospitalId(), previous.getKind()), previous.getProjectId(),
				previous.getRound() + 1, previous.getId());
		next.describe(previous.getTitle(), previous.getProblemStatement(), previous.getDepartmentId(),
				previous.getOwnerUserId(), previous.getIndicatorCode(), previous.memberStaff(), due);
		if (previous.getKind() == CycleKind.QCC) {
			next.circle(previous.getCircleName(), previous.getSlogan(), previous.getLeaderStaffId(),
					previous.getFacilitatorStaffId());
			next.weigh(previous.getWeightPolicy(), previous.getWeightImportance(), previous.getWeightUrgency(),
					previous.getWeightCapability());
		}
		// the new round starts from where the last one ended
		BigDecimal baseline = previous.getAfterValue() != null ? previous.getAfterValue() : previous.getBaselineValue();
		next.measure(previous.getGoalDirection(), baseline, null, null, null);
		Instant now = now();
		next.created(CurrentUser.name(), now, today);
		carried.forEach(a -> next.inherit(a, now));
		PdcaCycle saved = cycles.save(next);
		audit.record(saved.getHospitalId(), ENTITY, saved.getId(), AuditAction.CREATE, summary(saved), null,
				saved.auditState());
		return saved;
	}

	@Transactional
	public PdcaCycle note(UUID id, CycleKind kind, String note) {
		PdcaCycle cycle = workable(id, kind);
		if (note == null || note.isBlank()) {
			throw new RuleViolationException("note", "cycle.note-required");
		}
		var before = cycle.auditState();
		cycle.note(note.trim(), CurrentUser.name(), now());
		return save(cycle, before);
	}

	@Transactional
	public PdcaCycle voidCycle(UUID id, CycleKind kind, String reason) {
		PdcaCycle cycle = get(id, kind);
		if (!mayVoid(CurrentUser.require())) {
			throw new AccessDeniedException("voiding is the quality office's");
		}
		var before = cycle.auditState();
		cycle.voidCycle(reason == null ? null : reason.trim(), CurrentUser.name(), now());
		PdcaCycle saved = cycles.save(cycle);
		audit.record(saved.getHospitalId(), ENTITY, saved.getId(), AuditAction.VOID, summary(saved), before,
				saved.auditState());
		return saved;
	}

	/**
	 * 督办 of late stages, beside the actions' escalation: a stage past its due date is escalated once to
	 * the department's head, the quality office, the owner and the circle leader, and written on the trail.
	 */
	@Transactional
	public int escalateOverdue() {
		LocalDate today = today();
		int escalated = 0;
		for (PdcaCycle cycle : cycles.findOverdueUnescalated(today)) {
			var before = cycle.auditState();
			PdcaStage stage = cycle.getStage();
			long days = ChronoUnit.DAYS.between(cycle.stageMap().get(stage).dueDate(), today);
			if (!cycle.escalate(today, now())) {
				continue;
			}
			PdcaCycle saved = cycles.save(cycle);
			audit.record(saved.getHospitalId(), ENTITY, saved.getId(), AuditAction.UPDATE, summary(saved), before,
					saved.auditState());
			List<UUID> recipients = new ArrayList<>(organization.responsibleUsers(saved.getHospitalId(),
					saved.getDepartmentId(), EnumSet.of(Role.DEPARTMENT_HEAD), EnumSet.of(Role.QUALITY_MANAGER)));
			if (saved.getOwnerUserId() != null) {
				recipients.add(saved.getOwnerUserId());
			}
			if (saved.getLeaderStaffId() != null) {
				organization.activeStaff(saved.getHospitalId()).stream()
					.filter(s -> s.id().equals(saved.getLeaderStaffId()) && s.userId() != null)
					.forEach(s -> recipients.add(s.userId()));
			}
			notifications.send(saved.getHospitalId(), recipients, "CYCLE_OVERDUE", "pdca.notification.overdue",
					List.of(saved.getReference(), saved.getTitle(), stage.name(), String.valueOf(days)), link(saved),
					"cycle:" + saved.getId() + ":stage:" + stage + ":overdue");
			escalated++;
		}
		return escalated;
	}

	static String link(PdcaCycle cycle) {
		return "/" + cycle.getKind().path() + "/" + cycle.getId();
	}

	private void describe(PdcaCycle cycle, CycleDraft draft, CircleDraft circle) {
		UUID hospital = cycle.getHospitalId();
		if (draft.departmentId() == null || organization.department(hospital, draft.departmentId()).isEmpty()) {
			throw new RuleViolationException("departmentId", "cycle.department-unknown");
		}
		if (draft.indicatorCode() != null && indicators.find(draft.indicatorCode()).isEmpty()) {
			throw new RuleViolationException("indicatorCode", "cycle.indicator-unknown");
		}
		if (draft.ownerUserId() != null
				&& organization.activeUsers(hospital).stream().noneMatch(u -> u.id().equals(draft.ownerUserId()))) {
			throw new RuleViolationException("ownerUserId", "cycle.owner-unknown");
		}
		Set<UUID> staff = organization.activeStaff(hospital).stream()
			.map(OrganizationDirectory.StaffSummary::id)
			.collect(Collectors.toSet());
		Set<UUID> members = draft.memberStaff() == null ? Set.of() : draft.memberStaff();
		if (!staff.containsAll(members)) {
			throw new RuleViolationException("memberStaff", "cycle.member-unknown");
		}
		cycle.describe(draft.title(), draft.problemStatement(), draft.departmentId(), draft.ownerUserId(),
				draft.indicatorCode(), members, draft.due());
		if (cycle.getKind() == CycleKind.QCC) {
			if (circle == null) {
				throw new RuleViolationException("circleName", "qcc.circle-name-required");
			}
			for (UUID person : new UUID[] { circle.leaderStaffId(), circle.facilitatorStaffId() }) {
				if (person != null && !staff.contains(person)) {
					throw new RuleViolationException("leaderStaffId", "cycle.member-unknown");
				}
			}
			cycle.circle(circle.circleName(), blank(circle.slogan()), circle.leaderStaffId(), circle.facilitatorStaffId());
		}
	}

	private PdcaCycle workable(UUID id, CycleKind kind) {
		PdcaCycle cycle = get(id, kind);
		if (!mayWork(CurrentUser.require(), cycle)) {
			throw new AccessDeniedException("may not work on this cycle");
		}
		return cycle;
	}

	private PdcaCycle save(PdcaCycle cycle, Map<String, Object> before) {
		PdcaCycle saved = cycles.save(cycle);
		audit.record(saved.getHospitalId(), ENTITY, saved.getId(), AuditAction.UPDATE, summary(saved), before,
				saved.auditState());
		return saved;
	}

	private static String summary(PdcaCycle cycle) {
		return cycle.getReference() + " " + cycle.getTitle();
	}

	/** PDCA-2026-0001 / QCC-2026-0001: numbered per hospital, kind and year under a lock. */
	private String nextReference(UUID hospitalId, CycleKind kind) {
		jdbc.sql("select pg_advisory_xact_lock(hashtext(:key))").param("key", "cycle-ref:" + hospitalId).query()
			.singleRow();
		String prefix = kind.name() + "-" + today().getYear() + "-";
		Integer last = jdbc.sql("""
				select max(cast(split_part(reference, '-', 3) as integer)) from improvement_cycle
				where hospital_id = :hospital and reference like :prefix""")
			.param("hospital", hospitalId)
			.param("prefix", prefix + "%")
			.query(Integer.class)
			.optional()
			.orElse(null);
		return prefix + String.format("%04d", last == null ? 1 : last + 1);
	}

	static String blank(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

	private LocalDate today() {
		return LocalDate.now(clock);
	}

	private Instant now() {
		return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
	}
}
