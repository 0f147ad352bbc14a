package org.careqms.improvement;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.careqms.platform.RuleViolationException;
import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedBy;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * PDCA循环: a bigger problem worked through Plan, Do, Check and Act, round after round. A QC-circle
 * project (品管圈) is the same cycle run by a circle, with the ten classic steps filled in along the
 * stages, a theme chosen by a scoring matrix and a target set by formula. The methods guard the
 * stage rules: no Do without an action, no Check without a conclusion, no end of Act while an action
 * is still open and not carried over.
 */
@Table("improvement_cycle")
class PdcaCycle {

	@Id
	private UUID id;
	private UUID hospitalId;
	private CycleKind kind;
	private String reference;
	private UUID projectId;
	private int round;
	private UUID previousCycleId;
	private String title;
	private String problemStatement;
	private UUID departmentId;
	private UUID ownerUserId;
	private String indicatorCode;
	private GoalDirection goalDirection = GoalDirection.DECREASE;
	private BigDecimal baselineValue;
	private BigDecimal targetValue;
	private BigDecimal afterValue;
	private PdcaStage stage = PdcaStage.PLAN;
	private String problemAnalysis;
	private String rootCauses;
	private String goal;
	private String plan;
	private String checkConclusion;
	private ActOutcome actOutcome;
	private String standardization;
	private UUID nextCycleId;
	private String circleName;
	private String slogan;
	private UUID leaderStaffId;
	private UUID facilitatorStaffId;
	private BigDecimal improvementFocus;
	private BigDecimal circleCapability;
	private BigDecimal weightPolicy;
	private BigDecimal weightImportance;
	private BigDecimal weightUrgency;
	private BigDecimal weightCapability;
	private String idempotencyKey;
	private boolean voided;
	private String voidedBy;
	private Instant voidedAt;
	private String voidReason;
	@MappedCollection(idColumn = "cycle_id")
	private Set<StageDates> stages = new LinkedHashSet<>();
	@MappedCollection(idColumn = "cycle_id")
	private Set<LinkedAction> actions = new LinkedHashSet<>();
	@MappedCollection(idColumn = "cycle_id")
	private Set<Member> members = new LinkedHashSet<>();
	@MappedCollection(idColumn = "cycle_id")
	private Set<StepEntry> steps = new LinkedHashSet<>();
	@MappedCollection(idColumn = "cycle_id")
	private Set<ThemeCandidate> themes = new LinkedHashSet<>();
	@MappedCollection(idColumn = "cycle_id")
	private Set<CycleEvent> events = new LinkedHashSet<>();
	@Version
	private Integer version;
	@CreatedBy
	private String createdBy;
	@CreatedDate
	private Instant createdAt;
	@LastModifiedBy
	private String changedBy;
	@LastModifiedDate
	private Instant changedAt;

	/** When a stage is due, when it started and ended, and when its lateness was escalated (once). */
	@Table("improvement_cycle_stage")
	record StageDates(PdcaStage stage, LocalDate dueDate, LocalDate startedOn, LocalDate completedOn,
			Instant escalatedAt) {

		public boolean overdue(LocalDate today) {
			return completedOn == null && dueDate.isBefore(today);
		}
	}

	/** An action of the register worked in this cycle; carried over when Act ended with it still open. */
	@Table("improvement_cycle_action")
	record LinkedAction(UUID actionId, Instant linkedAt, boolean carriedOver, String carryNote) {
	}

	/** A team (circle) member. */
	@Table("improvement_cycle_member")
	record Member(UUID staffId) {
	}

	/** One of the ten QCC steps: what was done and when it was finished. */
	@Table("improvement_qcc_step")
	record StepEntry(QccStep step, String content, LocalDate completedOn) {

		public boolean done() {
			return content != null && !content.isBlank() && completedOn != null;
		}
	}

	/** A candidate theme with its four criterion scores. */
	@Table("improvement_qcc_theme")
	record ThemeCandidate(UUID id, int position, String theme, BigDecimal policy, BigDecimal importance,
			BigDecimal urgency, BigDecimal capability, boolean chosen) {
	}

	/** One entry of the cycle's trail. */
	@Table("improvement_cycle_event")
	record CycleEvent(UUID id, String kind, PdcaStage stage, String note, String byName, Instant at) {
	}

	/** Due dates of the four stages, in order. */
	record DueDates(LocalDate plan, LocalDate doing, LocalDate check, LocalDate act) {

		LocalDate of(PdcaStage stage) {
			return switch (stage) {
				case PLAN -> plan;
				case DO -> doing;
				case CHECK -> check;
				case ACT -> act;
				case COMPLETED -> null;
			};
		}
	}

	PdcaCycle() {
	}

	PdcaCycle(UUID hospitalId, CycleKind kind, String reference, UUID projectId, int round, UUID previousCycleId) {
		this.id = UUID.randomUUID();
		this.hospitalId = hospitalId;
		this.kind = kind;
		this.reference = reference;
		this.projectId = projectId == null ? id : projectId;
		this.round = round;
		this.previousCycleId = previousCycleId;
		if (kind == CycleKind.QCC) {
			for (QccStep step : QccStep.values()) {
				steps.add(new StepEntry(step, null, null));
			}
			QccFormulas.Weights equal = QccFormulas.Weights.EQUAL;
			weigh(equal.policy(), equal.importance(), equal.urgency(), equal.capability());
		}
	}

	void describe(String title, String problemStatement, UUID departmentId, UUID ownerUserId, String indicatorCode,
			Set<UUID> memberStaff, DueDates due) {
		requireOpen();
		if (due.plan() == null || due.doing() == null || due.check() == null || due.act() == null) {
			throw new RuleViolationException("planDue", "cycle.due-dates-required");
		}
		if (due.doing().isBefore(due.plan()) || due.check().isBefore(due.doing()) || due.act().isBefore(due.check())) {
			throw new RuleViolationException("doDue", "cycle.due-dates-order");
		}
		if (this.departmentId != null && !this.departmentId.equals(departmentId) && stage != PdcaStage.PLAN) {
			throw new RuleViolationException("departmentId", "cycle.department-fixed");
		}
		this.title = title;
		this.problemStatement = problemStatement;
		this.departmentId = departmentId;
		this.ownerUserId = ownerUserId;
		this.indicatorCode = indicatorCode;
		this.members = memberStaff.stream().map(Member::new).collect(Collectors.toCollection(LinkedHashSet::new));
		Map<PdcaStage, StageDates> current = stageMap();
		Set<StageDates> updated = new LinkedHashSet<>();
		for (PdcaStage s : PdcaStage.working()) {
			StageDates old = current.get(s);
			updated.add(old == null ? new StageDates(s, due.of(s), null, null, null)
					: new StageDates(s, due.of(s), old.startedOn(), old.completedOn(),
							// a new due date for a late stage may be escalated again when it is missed again
							due.of(s).equals(old.dueDate()) ? old.escalatedAt() : null));
		}
		this.stages = updated;
	}

	void circle(String circleName, String slogan, UUID leaderStaffId, UUID facilitatorStaffId) {
		requireKind(CycleKind.QCC);
		requireOpen();
		if (circleName == null || circleName.isBlank()) {
			throw new RuleViolationException("circleName", "qcc.circle-name-required");
		}
		if (leaderStaffId == null) {
			throw new RuleViolationException("leaderStaffId", "qcc.leader-required");
		}
		this.circleName = circleName;
		this.slogan = slogan;
		this.leaderStaffId = leaderStaffId;
		this.facilitatorStaffId = facilitatorStaffId;
	}

	void created(String by, Instant at, LocalDate today) {
		replaceStage(PdcaStage.PLAN, d -> new StageDates(d.stage(), d.dueDate(), today, null, d.escalatedAt()));
		events.add(new CycleEvent(UUID.randomUUID(), "CREATED", PdcaStage.PLAN, null, by, at));
	}

	/** Plan: the problem's analysis, its root causes, the goal and the plan to reach it. */
	void plan(String problemAnalysis, String rootCauses, String goal, String plan, String by, Instant at) {
		requireStage(PdcaStage.PLAN);
		this.problemAnalysis = problemAnalysis;
		this.rootCauses = rootCauses;
		this.goal = goal;
		this.plan = plan;
		events.add(new CycleEvent(UUID.randomUUID(), "UPDATE", PdcaStage.PLAN, null, by, at));
	}

	/** The measure's direction, baseline and target; a QCC decrease goal gets its target by formula. */
	void measure(GoalDirection direction, BigDecimal baseline, BigDecimal target, BigDecimal focus,
			BigDecimal capability) {
		requireStage(PdcaStage.PLAN);
		this.goalDirection = direction == null ? GoalDirection.DECREASE : direction;
		this.baselineValue = baseline;
		if (kind == CycleKind.QCC) {
			check(focus, "improvementFocus");
			check(capability, "circleCapability");
			this.improvementFocus = focus;
			this.circleCapability = capability;
			if (goalDirection == GoalDirection.DECREASE && baseline != null && focus != null && capability != null) {
				target = QccFormulas.decreaseTarget(baseline, focus, capability);
			}
		}
		if (baseline != null && target != null) {
			boolean wrongWay = goalDirection == GoalDirection.DECREASE ? target.compareTo(baseline) >= 0
					: target.compareTo(baseline) <= 0;
			if (wrongWay) {
				throw new RuleViolationException("targetValue", "cycle.target-direction");
			}
		}
		this.targetValue = target;
	}

	private static void check(BigDecimal percent, String field) {
		if (percent != null && (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0)) {
			throw new RuleViolationException(field, "qcc.percent-range");
		}
	}

	void weigh(BigDecimal policy, BigDecimal importance, BigDecimal urgency, BigDecimal capability) {
		requireKind(CycleKind.QCC);
		for (BigDecimal w : List.of(policy, importance, urgency, capability)) {
			if (w == null || w.signum() < 0) {
				throw new RuleViolationException("weightPolicy", "qcc.weight-invalid");
			}
		}
		this.weightPolicy = policy;
		this.weightImportance = importance;
		this.weightUrgency = urgency;
		this.weightCapability = capability;
	}

	QccFormulas.Weights weights() {
		return new QccFormulas.Weights(weightPolicy, weightImportance, weightUrgency, weightCapability);
	}

	void addTheme(String theme, BigDecimal policy, BigDecimal importance, BigDecimal urgency, BigDecimal capability) {
		requireKind(CycleKind.QCC);
		requireStage(PdcaStage.PLAN);
		if (theme == null || theme.isBlank()) {
			throw new RuleViolationException("theme", "qcc.theme-required");
		}
		for (BigDecimal s : List.of(policy, importance, urgency, capability)) {
			if (s == null || s.signum() < 0 || s.compareTo(BigDecimal.valueOf(1000)) > 0) {
				throw new RuleViolationException("policy", "qcc.score-range");
			}
		}
		int position = themes.stream().mapToInt(ThemeCandidate::position).max().orElse(0) + 1;
		themes.add(new ThemeCandidate(UUID.randomUUID(), position, theme.trim(), policy, importance, urgency,
				capability, false));
		unchoose();
	}

	void removeTheme(UUID themeId) {
		requireKind(CycleKind.QCC);
		requireStage(PdcaStage.PLAN);
		if (!themes.removeIf(t -> t.id().equals(themeId))) {
			throw new RuleViolationException("qcc.theme-unknown");
		}
		unchoose();
	}

	private void unchoose() {
		themes = themes.stream()
			.map(t -> t.chosen() ? new ThemeCandidate(t.id(), t.position(), t.theme(), t.policy(), t.importance(),
					t.urgency(), t.capability(), false) : t)
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	public BigDecimal score(ThemeCandidate t) {
		return QccFormulas.weightedScore(t.policy(), t.importance(), t.urgency(), t.capability(), weights());
	}

	/** 主题选定: the candidate with the highest weighted score becomes the project's theme. */
	ThemeCandidate chooseTheme(String by, Instant at) {
		requireKind(CycleKind.QCC);
		requireStage(PdcaStage.PLAN);
		ThemeCandidate top = QccFormulas.top(themeList(), this::score);
		themes = themes.stream()
			.map(t -> new ThemeCandidate(t.id(), t.position(), t.theme(), t.policy(), t.importance(), t.urgency(),
					t.capability(), t.id().equals(top.id())))
			.collect(Collectors.toCollection(LinkedHashSet::new));
		this.title = top.theme();
		events.add(new CycleEvent(UUID.randomUUID(), "UPDATE", PdcaStage.PLAN, top.theme(), by, at));
		return top;
	}

	/** A QCC step of the current stage: what was done and when it was finished. */
	void recordStep(QccStep step, String content, LocalDate completedOn, LocalDate today) {
		requireKind(CycleKind.QCC);
		requireOpen();
		if (step.stage() != stage) {
			throw new RuleViolationException("step", "qcc.step-not-in-stage");
		}
		if (completedOn != null && completedOn.isAfter(today)) {
			throw new RuleViolationException("completedOn", "qcc.step-date-future");
		}
		steps.removeIf(s -> s.step() == step);
		steps.add(new StepEntry(step, content, completedOn));
	}

	/** Do: an action of the register becomes part of the cycle (planned in Plan, worked in Do). */
	void link(UUID actionId, String actionReference, String by, Instant at) {
		requireOpen();
		if (stage != PdcaStage.PLAN && stage != PdcaStage.DO) {
			throw new RuleViolationException("cycle.actions-only-plan-or-do");
		}
		if (actions.stream().anyMatch(a -> a.actionId().equals(actionId))) {
			throw new RuleViolationException("actionId", "cycle.action-already-linked");
		}
		actions.add(new LinkedAction(actionId, at, false, null));
		events.add(new CycleEvent(UUID.randomUUID(), "ACTION", stage, actionReference, by, at));
	}

	/** Carried over from the previous round: already linked there, still open. */
	void inherit(UUID actionId, Instant at) {
		actions.add(new LinkedAction(actionId, at, false, null));
	}

	/** Check: the value after the change and what the check concluded. */
	void check(BigDecimal afterValue, String conclusion, String by, Instant at) {
		requireStage(PdcaStage.CHECK);
		this.afterValue = afterValue;
		this.checkConclusion = conclusion;
		events.add(new CycleEvent(UUID.randomUUID(), "UPDATE", PdcaStage.CHECK, null, by, at));
	}

	/** Leaves Plan, Do or Check for the next stage, when the stage's rules are met. */
	void advance(String note, LocalDate today, String by, Instant at) {
		requireOpen();
		switch (stage) {
			case PLAN -> {
				require(rootCauses, "rootCauses", "cycle.root-causes-required");
				require(goal, "goal", "cycle.goal-required");
				require(plan, "plan", "cycle.plan-required");
				if (kind == CycleKind.QCC) {
					if (themes.stream().noneMatch(ThemeCandidate::chosen)) {
						throw new RuleViolationException("theme", "qcc.theme-not-chosen");
					}
					if (baselineValue == null || targetValue == null) {
						throw new RuleViolationException("targetValue", "qcc.target-required");
					}
				}
			}
			case DO -> {
				if (actions.isEmpty()) {
					throw new RuleViolationException("actions", "cycle.do-needs-action");
				}
			}
			case CHECK -> {
				require(checkConclusion, "checkConclusion", "cycle.check-conclusion-required");
				if (kind == CycleKind.QCC && afterValue == null) {
					throw new RuleViolationException("afterValue", "qcc.after-value-required");
				}
			}
			case ACT -> throw new RuleViolationException("cycle.act-needs-outcome");
			case COMPLETED -> throw new RuleViolationException("cycle.completed");
		}
		requireSteps();
		move(stage.next(), note, today, by, at);
	}

	/**
	 * Act: ends the cycle. Every action must be closed (or cancelled) or explicitly carried over; what
	 * worked is written down as standard, or the problem goes into the next round.
	 */
	void completeAct(ActOutcome outcome, String standardization, Set<UUID> carryOver, String carryNote,
			Map<UUID, ActionStatus> actionStatuses, LocalDate today, String by, Instant at) {
		requireStage(PdcaStage.ACT);
		if (outcome == null) {
			throw new RuleViolationException("outcome", "cycle.act-needs-outcome");
		}
		if (outcome == ActOutcome.STANDARDIZED) {
			require(standardization, "standardization", "cycle.standardization-required");
		}
		List<UUID> open = actions.stream()
			.map(LinkedAction::actionId)
			.filter(a -> actionStatuses.getOrDefault(a, ActionStatus.OPEN).active())
			.filter(a -> !carryOver.contains(a))
			.toList();
		if (!open.isEmpty()) {
			throw new RuleViolationException("carryOver", "cycle.actions-still-open");
		}
		requireSteps();
		this.actOutcome = outcome;
		this.standardization = standardization;
		this.actions = actions.stream()
			.map(a -> carryOver.contains(a.actionId()) && actionStatuses.getOrDefault(a.actionId(), ActionStatus.OPEN).active()
					? new LinkedAction(a.actionId(), a.linkedAt(), true, carryNote)
					: a)
			.collect(Collectors.toCollection(LinkedHashSet::new));
		move(PdcaStage.COMPLETED, outcome == ActOutcome.STANDARDIZED ? standardization : carryNote, today, by, at);
	}

	void nextRound(UUID nextCycleId) {
		this.nextCycleId = nextCycleId;
	}

	/** 督办: the current stage is late; escalated once per stage (and again only after a new due date). */
	boolean escalate(LocalDate today, Instant at) {
		if (voided || stage == PdcaStage.COMPLETED) {
			return false;
		}
		StageDates current = stageMap().get(stage);
		if (current == null || !current.overdue(today) || current.escalatedAt() != null) {
			return false;
		}
		replaceStage(stage, d -> new StageDates(d.stage(), d.dueDate(), d.startedOn(), d.completedOn(), at));
		events.add(new CycleEvent(UUID.randomUUID(), "ESCALATION", stage,
				String.valueOf(java.time.temporal.ChronoUnit.DAYS.between(current.dueDate(), today)), "system", at));
		return true;
	}

	void note(String note, String by, Instant at) {
		requireOpen();
		events.add(new CycleEvent(UUID.randomUUID(), "NOTE", stage, note, by, at));
	}

	void voidCycle(String reason, String by, Instant at) {
		requireOpen();
		if (reason == null || reason.isBlank()) {
			throw new RuleViolationException("reason", "cycle.void-reason-required");
		}
		this.voided = true;
		this.voidedBy = by;
		this.voidedAt = at;
		this.voidReason = reason;
		events.add(new CycleEvent(UUID.randomUUID(), "VOID", stage, reason, by, at));
	}

	private void requireSteps() {
		if (kind != CycleKind.QCC) {
			return;
		}
		Map<QccStep, StepEntry> byStep = stepMap();
		for (QccStep step : QccStep.of(stage)) {
			StepEntry entry = byStep.get(step);
			if (entry == null || !entry.done()) {
				throw new RuleViolationException("step", "qcc.step-incomplete");
			}
		}
	}

	private void move(PdcaStage to, String note, LocalDate today, String by, Instant at) {
		PdcaStage from = stage;
		replaceStage(from, d -> new StageDates(d.stage(), d.dueDate(), d.startedOn(), today, d.escalatedAt()));
		if (to != PdcaStage.COMPLETED) {
			replaceStage(to, d -> new StageDates(d.stage(), d.dueDate(), today, null, d.escalatedAt()));
		}
		this.stage = to;
		events.add(new CycleEvent(UUID.randomUUID(), "STAGE", to, note, by, at));
	}

	private void replaceStage(PdcaStage s, java.util.function.UnaryOperator<StageDates> change) {
		Map<PdcaStage, StageDates> map = stageMap();
		StageDates old = map.get(s);
		if (old == null) {
			return;
		}
		map.put(s, change.apply(old));
		this.stages = new LinkedHashSet<>(map.values());
	}

	private static void require(String value, String field, String code) {
		if (value == null || value.isBlank()) {
			throw new RuleViolationException(field, code);
		}
	}

	private void requireStage(PdcaStage expected) {
		requireOpen();
		if (stage != expected) {
			throw new RuleViolationException("cycle.wrong-stage");
		}
	}

	private void requireKind(CycleKind expected) {
		if (kind != expected) {
			throw new RuleViolationException("cycle.not-qcc");
		}
	}

	private void requireOpen() {
		if (voided) {
			throw new RuleViolationException("cycle.voided");
		}
		if (stage == PdcaStage.COMPLETED) {
			throw new RuleViolationException("cycle.completed");
		}
	}

	public Map<PdcaStage, StageDates> stageMap() {
		Map<PdcaStage, StageDates> map = new EnumMap<>(PdcaStage.class);
		stages.forEach(s -> map.put(s.stage(), s));
		return map;
	}

	public List<StageDates> stageList() {
		return new ArrayList<>(stageMap().values());
	}

	public Map<QccStep, StepEntry> stepMap() {
		Map<QccStep, StepEntry> map = new EnumMap<>(QccStep.class);
		steps.forEach(s -> map.put(s.step(), s));
		return map;
	}

	public List<ThemeCandidate> themeList() {
		return themes.stream().sorted(Comparator.comparingInt(ThemeCandidate::position)).toList();
	}

	public Optional<ThemeCandidate> chosenTheme() {
		return themes.stream().filter(ThemeCandidate::chosen).findFirst();
	}

	public List<LinkedAction> linkedActions() {
		return actions.stream().sorted(Comparator.comparing(LinkedAction::linkedAt)).toList();
	}

	public Set<UUID> memberStaff() {
		return members.stream().map(Member::staffId).collect(Collectors.toCollection(LinkedHashSet::new));
	}

	public boolean overdue(LocalDate today) {
		if (voided || stage == PdcaStage.COMPLETED) {
			return false;
		}
		StageDates current = stageMap().get(stage);
		return current != null && current.overdue(today);
	}

	/** The day Do started: where the indicator's chart is split into before and after. */
	public LocalDate doStartedOn() {
		StageDates d = stageMap().get(PdcaStage.DO);
		return d == null ? null : d.startedOn();
	}

	public Optional<BigDecimal> achievementRate() {
		return QccFormulas.achievementRate(baselineValue, afterValue, targetValue);
	}

	public Optional<BigDecimal> progressRate() {
		return QccFormulas.progressRate(baselineValue, afterValue, goalDirection);
	}

	public List<CycleEvent> trail() {
		List<CycleEvent> trail = new ArrayList<>(events);
		trail.sort(Comparator.comparing(CycleEvent::at));
		return trail;
	}

	Map<String, Object> auditState() {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("kind", kind);
		state.put("reference", reference);
		state.put("round", round);
		state.put("title", title);
		state.put("problemStatement", problemStatement);
		state.put("departmentId", departmentId);
		state.put("ownerUserId", ownerUserId);
		state.put("members", memberStaff().stream().map(UUID::toString).sorted().toList());
		state.put("indicator", indicatorCode);
		state.put("direction", goalDirection);
		state.put("baseline", baselineValue);
		state.put("target", targetValue);
		state.put("after", afterValue);
		state.put("stage", stage);
		state.put("stages", stageList().stream()
			.map(s -> s.stage() + ":" + s.dueDate() + ":" + s.startedOn() + ":" + s.completedOn()
					+ (s.escalatedAt() == null ? "" : ":escalated"))
			.toList());
		state.put("problemAnalysis", problemAnalysis);
		state.put("rootCauses", rootCauses);
		state.put("goal", goal);
		state.put("plan", plan);
		state.put("actions", linkedActions().stream()
			.map(a -> a.actionId() + (a.carriedOver() ? ":carried-over" : ""))
			.toList());
		state.put("checkConclusion", checkConclusion);
		state.put("actOutcome", actOutcome);
		state.put("standardization", standardization);
		state.put("nextCycleId", nextCycleId);
		if (kind == CycleKind.QCC) {
			state.put("circle", circleName);
			state.put("slogan", slogan);
			state.put("leader", leaderStaffId);
			state.put("facilitator", facilitatorStaffId);
			state.put("improvementFocus", improvementFocus);
			state.put("circleCapability", circleCapability);
			state.put("weights", List.of(String.valueOf(weightPolicy), String.valueOf(weightImportance),
					String.valueOf(weightUrgency), String.valueOf(weightCapability)));
			state.put("themes", themeList().stream()
				.map(t -> t.theme() + ":" + score(t) + (t.chosen() ? ":chosen" : ""))
				.toList());
			state.put("steps", stepMap().values().stream()
				.map(s -> s.step() + ":" + (s.content() == null ? "" : s.content()) + ":" + s.completedOn())
				.toList());
		}
		state.put("voided", voided);
		state.put("voidReason", voidReason);
		return state;
	}

	public UUID getId() { return id; }
	public UUID getHospitalId() { return hospitalId; }
	public CycleKind getKind() { return kind; }
	public String getReference() { return reference; }
	public UUID getProjectId() { return projectId; }
	public int getRound() { return round; }
	public UUID getPreviousCycleId() { return previousCycleId; }
	public String getTitle() { return title; }
	public String getProblemStatement() { return problemStatement; }
	public UUID getDepartmentId() { return departmentId; }
	public UUID getOwnerUserId() { return ownerUserId; }
	public String getIndicatorCode() { return indicatorCode; }
	public GoalDirection getGoalDirection() { return goalDirection; }
	public BigDecimal getBaselineValue() { return baselineValue; }
	public BigDecimal getTargetValue() { return targetValue; }
	public BigDecimal getAfterValue() { return afterValue; }
	public PdcaStage getStage() { return stage; }
	public String getProblemAnalysis() { return problemAnalysis; }
	public String getRootCauses() { return rootCauses; }
	public String getGoal() { return goal; }
	public String getPlan() { return plan; }
	public String getCheckConclusion() { return checkConclusion; }
	public ActOutcome getActOutcome() { return actOutcome; }
	public String getStandardization() { return standardization; }
	public UUID getNextCycleId() { return nextCycleId; }
	public String getCircleName() { return circleName; }
	public String getSlogan() { return slogan; }
	public UUID getLeaderStaffId() { return leaderStaffId; }
	public UUID getFacilitatorStaffId() { return facilitatorStaffId; }
	public BigDecimal getImprovementFocus() { return improvementFocus; }
	public BigDecimal getCircleCapability() { return circleCapability; }
	public BigDecimal getWeightPolicy() { return weightPolicy; }
	public BigDecimal getWeightImportance() { return weightImportance; }
	public BigDecimal getWeightUrgency() { return weightUrgency; }
	public BigDecimal getWeightCapability() { return weightCapability; }
	public boolean isVoided() { return voided; }
	public String getVoidReason() { return voidReason; }
	public Integer getVersion() { return version; }
	public Instant getCreatedAt() { return createdAt; }
	public String getCreatedBy() { return createdBy; }

	void setIdempotencyKey(String key) {
		this.idempotencyKey = key;
	}
}
