package org.careqms.improvement;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.careqms.platform.RuleViolationException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * PDCA cycles ({@code /api/v1/pdca-cycles}) and QCC projects ({@code /api/v1/qcc-projects}) over HTTP:
 * list, one, open, link or open an action, and advance a stage. Departments are named by code, people
 * by username (owner) or employee number (team and circle members).
 */
@RestController
@Tag(name = "PDCA cycles and QCC projects")
@PreAuthorize("isAuthenticated()")
class CycleApiController {

	private static final String PDCA = "/api/v1/pdca-cycles";
	private static final String QCC = "/api/v1/qcc-projects";

	private final CycleManagement management;
	private final CycleQueries queries;
	private final OrganizationDirectory organization;

	CycleApiController(CycleManagement management, CycleQueries queries, OrganizationDirectory organization) {
		this.management = management;
		this.queries = queries;
		this.organization = organization;
	}

	record StageView(String stage, LocalDate dueDate, LocalDate startedOn, LocalDate completedOn, boolean escalated) {
	}

	record LinkedActionView(UUID id, String reference, String title, String status, boolean carriedOver) {
	}

	record ThemeView(String theme, BigDecimal policy, BigDecimal importance, BigDecimal urgency, BigDecimal capability,
			BigDecimal score, boolean chosen) {
	}

	record StepView(int number, String step, String stage, String content, LocalDate completedOn) {
	}

	record CycleView(UUID id, String kind, String reference, UUID projectId, int round, UUID previousCycleId,
			UUID nextCycleId, String title, String problemStatement, String department, String owner,
			List<String> members, String indicator, String goalDirection, BigDecimal baseline, BigDecimal target,
			BigDecimal after, BigDecimal achievementRate, BigDecimal progressRate, String stage, boolean overdue,
			List<StageView> stages, String problemAnalysis, String rootCauses, String goal, String plan,
			List<LinkedActionView> actions, String checkConclusion, String actOutcome, String standardization,
			String circleName, String slogan, String leader, String facilitator, BigDecimal improvementFocus,
			BigDecimal circleCapability, List<ThemeView> themes, List<StepView> steps) {
	}

	record LineView(UUID id, String kind, String reference, int round, String title, String department, String stage,
			LocalDate stageDueDate, boolean overdue, boolean escalated, String indicator) {
	}

	record ThemeRequest(@NotBlank @Size(max = 200) String theme, @NotNull BigDecimal policy,
			@NotNull BigDecimal importance, @NotNull BigDecimal urgency, @NotNull BigDecimal capability) {
	}

	record WeightsRequest(@NotNull BigDecimal policy, @NotNull BigDecimal importance, @NotNull BigDecimal urgency,
			@NotNull BigDecimal capability) {
	}

	record CycleRequest(@NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 4000) String problemStatement,
			@NotBlank String department, String owner, List<String> members, String indicator,
			GoalDirection goalDirection, BigDecimal baseline, BigDecimal target, @NotNull LocalDate planDue,
			@NotNull LocalDate doDue, @NotNull LocalDate checkDue, @NotNull LocalDate actDue,
			@Size(max = 4000) String problemAnalysis, @Size(max = 4000) String rootCauses,
			@Size(max = 2000) String goal, @Size(max = 4000) String plan, @Size(max = 100) String circleName,
			@Size(max = 200) String slogan, String leader, String facilitator, BigDecimal improvementFocus,
			BigDecimal circleCapability, @Valid WeightsRequest weights, List<@Valid ThemeRequest> themes) {
	}

	record StepRequest(QccStep step, @Size(max = 4000) String content, LocalDate completedOn) {
	}

	record AdvanceRequest(PdcaStage expectedStage, @Size(max = 2000) String note, @Size(max = 4000) String problemAnalysis,
			@Size(max = 4000) String rootCauses, @Size(max = 2000) String goal, @Size(max = 4000) String plan,
			GoalDirection goalDirection, BigDecimal baseline, BigDecimal target, BigDecimal improvementFocus,
			BigDecimal circleCapability, List<StepRequest> steps, Boolean chooseTheme, BigDecimal after,
			@Size(max = 4000) String checkConclusion, ActOutcome outcome, @Size(max = 4000) String standardization,
			Set<UUID> carryOver, @Size(max = 1000) String carryNote) {
	}

	record ActionRequest(UUID actionId, @Size(max = 200) String title, LocalDate dueDate,
			@Size(max = 1000) String expectedResult) {
	}

	@GetMapping(PDCA)
	@Operation(summary = "PDCA cycles the caller may see (state=active|completed|all, stage, overdue=true)")
	List<LineView> listPdca(@RequestParam(defaultValue = "active") String state,
			@RequestParam(required = false) PdcaStage stage, @RequestParam(defaultValue = "false") boolean overdue) {
		return list(CycleKind.PDCA, state, stage, overdue);
	}

	@GetMapping(QCC)
	@Operation(summary = "QCC projects the caller may see (state=active|completed|all, stage, overdue=true)")
	List<LineView> listQcc(@RequestParam(defaultValue = "active") String state,
			@RequestParam(required = false) PdcaStage stage, @RequestParam(defaultValue = "false") boolean overdue) {
		return list(CycleKind.QCC, state, stage, overdue);
	}

	@GetMapping(PDCA + "/{id}")
	@Operation(summary = "One PDCA cycle; another department's cycle is 404")
	CycleView getPdca(@PathVariable UUID id) {
		return view(management.get(id, CycleKind.PDCA));
	}

	@GetMapping(QCC + "/{id}")
	@Operation(summary = "One QCC project; another department's project is 404")
	CycleView getQcc(@PathVariable UUID id) {
		return view(management.get(id, CycleKind.QCC));
	}

	@PostMapping(PDCA)
	@PreAuthorize(ActionController.OPENERS)
	@Operation(summary = "Open a PDCA cycle in Plan: 201; an Idempotency-Key makes a retry return the first cycle")
	ResponseEntity<CycleView> createPdca(@Valid @RequestBody CycleRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
		return create(CycleKind.PDCA, request, idempotencyKey);
	}

	@PostMapping(QCC)
	@PreAuthorize(ActionController.OPENERS)
	@Operation(summary = "Open a QCC project in Plan, with its circle and candidate themes: 201; Idempotency-Key honoured")
	ResponseEntity<CycleView> createQcc(@Valid @RequestBody CycleRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
		return create(CycleKind.QCC, request, idempotencyKey);
	}

	@PostMapping(PDCA + "/{id}/advance")
	@PreAuthorize(ActionController.OPENERS)
	@Operation(summary = "Save the current stage's content and move to the next stage; a broken stage rule is 409")
	CycleView advancePdca(@PathVariable UUID id, @Valid @RequestBody AdvanceRequest request) {
		return advance(CycleKind.PDCA, id, request);
	}

	@PostMapping(QCC + "/{id}/advance")
	@PreAuthorize(ActionController.OPENERS)
	@Operation(summary = "Save the current stage's steps and content and move on; a broken stage rule is 409")
	CycleView advanceQcc(@PathVariable UUID id, @Valid @RequestBody AdvanceRequest request) {
		return advance(CycleKind.QCC, id, request);
	}

	@PostMapping(PDCA + "/{id}/actions")
	@PreAuthorize(ActionController.OPENERS)
	@Operation(summary = "Link an action (actionId) or open one for the cycle (title, dueDate): 200 with the cycle")
	CycleView actionPdca(@PathVariable UUID id, @Valid @RequestBody ActionRequest request) {
		return action(CycleKind.PDCA, id, request);
	}

	@PostMapping(QCC + "/{id}/actions")
	@PreAuthorize(ActionController.OPENERS)
	@Operation(summary = "Link an action (actionId) or open one for the project (title, dueDate): 200 with the project")
	CycleView actionQcc(@PathVariable UUID id, @Valid @RequestBody ActionRequest request) {
		return action(CycleKind.QCC, id, request);
	}

	private List<LineView> list(CycleKind kind, String state, PdcaStage stage, boolean overdue) {
		CareQmsUser user = CurrentUser.require();
		Map<UUID, String> codes = codes(user);
		LocalDate today = LocalDate.now();
		return queries.find(user, new CycleQueries.Filter(kind, state, stage == null ? null : stage.name(), null, overdue),
				today, 1000)
			.stream()
			.map(l -> new LineView(l.id(), l.kind(), l.reference(), l.round(), l.title(), codes.get(l.departmentId()),
					l.stage(), l.stageDue(), l.overdue(today), l.escalated(), l.indicatorCode()))
			.toList();
	}

	private ResponseEntity<CycleView> create(CycleKind kind, CycleRequest request, String idempotencyKey) {
		if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 100)) {
			throw new InvalidInputException("Idempotency-Key", "error.cycle.idempotency-key");
		}
		CareQmsUser user = CurrentUser.require();
		UUID department = departmentId(user, request.department());
		UUID owner = request.owner() == null ? null
				: organization.activeUsers(user.hospitalId()).stream()
					.filter(u -> u.username().equals(request.owner()))
					.findFirst()
					.map(OrganizationDirectory.UserSummary::id)
					.orElseThrow(() -> new InvalidInputException("owner", "error.cycle.owner-unknown"));
		Map<String, UUID> staff = organization.activeStaff(user.hospitalId()).stream()
			.collect(Collectors.toMap(OrganizationDirectory.StaffSummary::employeeNo, OrganizationDirectory.StaffSummary::id));
		java.util.function.BiFunction<String, String, UUID> person = (field, no) -> {
			UUID id = staff.get(no);
			if (id == null) {
				throw new InvalidInputException(field, "error.cycle.member-unknown");
			}
			return id;
		};
		Set<UUID> members = request.members() == null ? Set.of()
				: request.members().stream().map(no -> person.apply("members", no))
					.collect(Collectors.toCollection(java.util.LinkedHashSet::new));
		var draft = new CycleManagement.CycleDraft(request.title().trim(), request.problemStatement().trim(), department,
				owner, CycleManagement.blank(request.indicator()), members,
				new PdcaCycle.DueDates(request.planDue(), request.doDue(), request.checkDue(), request.actDue()));
		CycleManagement.CircleDraft circle = null;
		if (kind == CycleKind.QCC) {
			if (CycleManagement.blank(request.circleName()) == null) {
				throw new InvalidInputException("circleName", "error.qcc.circle-name-required");
			}
			if (request.leader() == null) {
				throw new InvalidInputException("leader", "error.qcc.leader-required");
			}
			circle = new CycleManagement.CircleDraft(request.circleName().trim(), request.slogan(),
					person.apply("leader", request.leader()),
					request.facilitator() == null ? null : person.apply("facilitator", request.facilitator()));
		}
		var measure = new CycleManagement.Measure(request.goalDirection(), request.baseline(), request.target(),
				request.improvementFocus(), request.circleCapability());
		try {
			var plan = new CycleManagement.PlanContent(request.problemAnalysis(), request.rootCauses(), request.goal(),
					request.plan());
			var weights = request.weights() == null ? null
					: new QccFormulas.Weights(request.weights().policy(), request.weights().importance(),
							request.weights().urgency(), request.weights().capability());
			List<CycleManagement.ThemeInput> themes = request.themes() == null ? List.of()
					: request.themes().stream()
						.map(t -> new CycleManagement.ThemeInput(t.theme(), t.policy(), t.importance(), t.urgency(),
								t.capability()))
						.toList();
			if (kind == CycleKind.PDCA && (weights != null || !themes.isEmpty())) {
				throw new InvalidInputException("themes", "error.cycle.themes-qcc-only");
			}
			var created = management.create(kind, draft, circle, measure, plan, weights, themes, idempotencyKey);
			String path = (kind == CycleKind.PDCA ? PDCA : QCC) + "/" + created.cycle().getId();
			return created.repeated() ? ResponseEntity.ok().location(URI.create(path)).body(view(created.cycle()))
					: ResponseEntity.created(URI.create(path)).body(view(created.cycle()));
		}
		catch (RuleViolationException ex) {
			// on creation every refused value is the caller's input
			throw new InvalidInputException(ex.field() == null ? "request" : ex.field(), ex.messageKey(), ex.arguments());
		}
	}

	private CycleView advance(CycleKind kind, UUID id, AdvanceRequest r) {
		var measure = r.goalDirection() == null && r.baseline() == null && r.target() == null
				&& r.improvementFocus() == null && r.circleCapability() == null ? null
						: new CycleManagement.Measure(r.goalDirection(), r.baseline(), r.target(), r.improvementFocus(),
								r.circleCapability());
		var steps = r.steps() == null ? null
				: r.steps().stream().map(s -> new CycleManagement.StepInput(s.step(), s.content(), s.completedOn())).toList();
		var act = r.outcome() == null ? null
				: new CycleManagement.ActDecision(r.outcome(), r.standardization(), r.carryOver(), r.carryNote());
		return view(management.advance(id, kind, new CycleManagement.StageInput(r.expectedStage(), r.note(),
				r.problemAnalysis(), r.rootCauses(), r.goal(), r.plan(), measure, steps, Boolean.TRUE.equals(r.chooseTheme()), r.after(),
				r.checkConclusion(), act)));
	}

	private CycleView action(CycleKind kind, UUID id, ActionRequest request) {
		if (request.actionId() != null) {
			return view(management.link(id, kind, request.actionId()));
		}
		String title = CycleManagement.blank(request.title());
		if (title == null) {
			throw new InvalidInputException("title", "error.cycle.action-title-required");
		}
		if (request.dueDate() == null || request.dueDate().isBefore(LocalDate.now())) {
			throw new InvalidInputException("dueDate", "error.cycle.action-due-invalid");
		}
		PdcaCycle cycle = management.get(id, kind);
		management.createAction(id, kind, new ActionManagement.ActionDraft(title, null, cycle.getDepartmentId(), null,
				request.dueDate(), CycleManagement.blank(request.expectedResult()), null, Set.of(),
				cycle.getIndicatorCode(), cycle.getIndicatorCode() == null ? null : cycle.getDepartmentId()));
		return view(management.get(id, kind));
	}

	private UUID departmentId(CareQmsUser user, String code) {
		return organization.departments(user.hospitalId()).stream()
			.filter(d -> d.code().equals(code) && !d.retired())
			.findFirst()
			.map(OrganizationDirectory.DepartmentSummary::id)
			.orElseThrow(() -> new InvalidInputException("department", "error.cycle.department-unknown"));
	}

	private CycleView view(PdcaCycle c) {
		CareQmsUser user = CurrentUser.require();
		Map<UUID, String> codes = codes(user);
		var staff = organization.activeStaff(user.hospitalId()).stream()
			.collect(Collectors.toMap(OrganizationDirectory.StaffSummary::id, OrganizationDirectory.StaffSummary::employeeNo));
		String owner = c.getOwnerUserId() == null ? null
				: organization.activeUsers(user.hospitalId()).stream()
					.filter(u -> u.id().equals(c.getOwnerUserId()))
					.findFirst()
					.map(OrganizationDirectory.UserSummary::username)
					.orElse(null);
		var lines = queries.actions(c.getHospitalId(),
				c.linkedActions().stream().map(PdcaCycle.LinkedAction::actionId).toList());
		List<LinkedActionView> actions = c.linkedActions().stream().map(a -> {
			var line = lines.get(a.actionId());
			return new LinkedActionView(a.actionId(), line == null ? null : line.reference(),
					line == null ? null : line.title(), line == null ? null : line.status(), a.carriedOver());
		}).toList();
		List<StageView> stages = c.stageList().stream()
			.map(s -> new StageView(s.stage().name(), s.dueDate(), s.startedOn(), s.completedOn(), s.escalatedAt() != null))
			.toList();
		boolean qcc = c.getKind() == CycleKind.QCC;
		List<ThemeView> themes = qcc ? c.themeList().stream()
			.map(t -> new ThemeView(t.theme(), t.policy(), t.importance(), t.urgency(), t.capability(), c.score(t),
					t.chosen()))
			.toList() : null;
		List<StepView> steps = qcc ? c.stepMap().values().stream()
			.map(s -> new StepView(s.step().number(), s.step().name(), s.step().stage().name(), s.content(),
					s.completedOn()))
			.toList() : null;
		return new CycleView(c.getId(), c.getKind().name(), c.getReference(), c.getProjectId(), c.getRound(),
				c.getPreviousCycleId(), c.getNextCycleId(), c.getTitle(), c.getProblemStatement(),
				codes.get(c.getDepartmentId()), owner, c.memberStaff().stream().map(staff::get).toList(),
				c.getIndicatorCode(), c.getGoalDirection().name(), c.getBaselineValue(), c.getTargetValue(),
				c.getAfterValue(), c.achievementRate().orElse(null), c.progressRate().orElse(null), c.getStage().name(),
				c.overdue(LocalDate.now()), stages, c.getProblemAnalysis(), c.getRootCauses(), c.getGoal(), c.getPlan(),
				actions, c.getCheckConclusion(), c.getActOutcome() == null ? null : c.getActOutcome().name(),
				c.getStandardization(), c.getCircleName(), c.getSlogan(),
				c.getLeaderStaffId() == null ? null : staff.get(c.getLeaderStaffId()),
				c.getFacilitatorStaffId() == null ? null : staff.get(c.getFacilitatorStaffId()), c.getImprovementFocus(),
				c.getCircleCapability(), themes, steps);
	}

	private Map<UUID, String> codes(CareQmsUser user) {
		return organization.departments(user.hospitalId()).stream()
			.collect(Collectors.toMap(OrganizationDirectory.DepartmentSummary::id, OrganizationDirectory.DepartmentSummary::code));
	}
}
