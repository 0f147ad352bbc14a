package org.careqms.improvement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.Valid;

import org.careqms.indicators.IndicatorCatalog;
import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.NotFoundException;
import org.careqms.platform.RuleViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * PDCA cycle and QCC project pages ({@code /pdca}, {@code /qcc}): the lists, one cycle with its four
 * stages, the forms, and every step of the work.
 */
@Controller
@PreAuthorize("isAuthenticated()")
class CycleController {

	private static final String KIND = "/{kind:pdca|qcc}";

	private final CycleManagement management;
	private final CycleQueries queries;
	private final OrganizationDirectory organization;
	private final IndicatorCatalog indicators;

	CycleController(CycleManagement management, CycleQueries queries, OrganizationDirectory organization,
			IndicatorCatalog indicators) {
		this.management = management;
		this.queries = queries;
		this.organization = organization;
		this.indicators = indicators;
	}

	static CycleKind kind(String path) {
		return CycleKind.valueOf(path.toUpperCase(java.util.Locale.ROOT));
	}

	@ModelAttribute("stages")
	PdcaStage[] stages() {
		return PdcaStage.working();
	}

	@GetMapping(KIND)
	String list(@PathVariable String kind, @RequestParam(defaultValue = "active") String state,
			@RequestParam(required = false) PdcaStage stage, @RequestParam(required = false) UUID department,
			@RequestParam(defaultValue = "false") boolean overdue, Model model) {
		CareQmsUser user = CurrentUser.require();
		CycleKind k = kind(kind);
		LocalDate today = LocalDate.now();
		String stageFilter = stage == null ? null : stage.name();
		model.addAttribute("lines", queries.find(user, new CycleQueries.Filter(k, state, stageFilter, department, overdue),
				today, 500));
		model.addAttribute("kind", k);
		model.addAttribute("state", state);
		model.addAttribute("stage", stageFilter);
		model.addAttribute("department", department);
		model.addAttribute("overdue", overdue);
		model.addAttribute("today", today);
		departments(model, user);
		return "improvement/cycles";
	}

	@GetMapping(KIND + "/{id}")
	String detail(@PathVariable String kind, @PathVariable UUID id, Model model) {
		CareQmsUser user = CurrentUser.require();
		PdcaCycle cycle = management.get(id, kind(kind));
		LocalDate today = LocalDate.now();
		model.addAttribute("cycle", cycle);
		model.addAttribute("kind", cycle.getKind());
		model.addAttribute("today", today);
		model.addAttribute("mayWork", CycleManagement.mayWork(user, cycle));
		model.addAttribute("mayVoid", CycleManagement.mayVoid(user));
		model.addAttribute("trail", cycle.trail());
		model.addAttribute("indicator",
				cycle.getIndicatorCode() == null ? null : indicators.find(cycle.getIndicatorCode()).orElse(null));
		var linked = cycle.linkedActions();
		model.addAttribute("linked", linked);
		model.addAttribute("actionLines",
				queries.actions(cycle.getHospitalId(), linked.stream().map(PdcaCycle.LinkedAction::actionId).toList()));
		boolean acting = cycle.getStage() == PdcaStage.PLAN || cycle.getStage() == PdcaStage.DO;
		model.addAttribute("linkable", acting && !cycle.isVoided()
				? queries.linkable(cycle.getHospitalId(), cycle.getDepartmentId(), cycle.getId()) : List.of());
		model.addAttribute("rounds", queries.rounds(cycle.getHospitalId(), cycle.getProjectId()));
		model.addAttribute("steps", cycle.stepMap());
		model.addAttribute("qccSteps", QccStep.values());
		model.addAttribute("outcomes", ActOutcome.values());
		model.addAttribute("directions", GoalDirection.values());
		model.addAttribute("users", organization.activeUsers(user.hospitalId()).stream()
			.collect(Collectors.toMap(OrganizationDirectory.UserSummary::id, OrganizationDirectory.UserSummary::displayName)));
		model.addAttribute("userList", organization.activeUsers(user.hospitalId()));
		model.addAttribute("staffNames", organization.activeStaff(user.hospitalId()).stream()
			.collect(Collectors.toMap(OrganizationDirectory.StaffSummary::id, s -> s.name() + " (" + s.employeeNo() + ")")));
		model.addAttribute("newActionDue", LocalDate.now().plusDays(30));
		departments(model, user);
		return "improvement/cycle";
	}

	@GetMapping(KIND + "/new")
	@PreAuthorize(ActionController.OPENERS)
	String createForm(@PathVariable String kind, Model model) {
		var form = new CycleForm();
		LocalDate today = LocalDate.now();
		form.setPlanDue(today.plusDays(30));
		form.setDoDue(today.plusDays(90));
		form.setCheckDue(today.plusDays(120));
		form.setActDue(today.plusDays(150));
		return form(model, kind(kind), form, null);
	}

	@PostMapping(KIND)
	@PreAuthorize(ActionController.OPENERS)
	String create(@PathVariable String kind, @Valid @ModelAttribute("form") CycleForm form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		CycleKind k = kind(kind);
		if (k == CycleKind.QCC && CycleManagement.blank(form.getCircleName()) == null) {
			errors.rejectValue("circleName", "error.qcc.circle-name-required");
		}
		if (errors.hasErrors()) {
			return form(model, k, form, null);
		}
		try {
			PdcaCycle created = management.create(k, form.draft(), form.circle(), form.measure(), null).cycle();
			redirect.addFlashAttribute("success", "pdca.created");
			return "redirect:/" + kind + "/" + created.getId();
		}
		catch (RuleViolationException ex) {
			reject(errors, ex);
			return form(model, k, form, null);
		}
	}

	@GetMapping(KIND + "/{id}/edit")
	@PreAuthorize(ActionController.OPENERS)
	String editForm(@PathVariable String kind, @PathVariable UUID id, Model model) {
		PdcaCycle cycle = management.get(id, kind(kind));
		return form(model, cycle.getKind(), CycleForm.of(cycle), id);
	}

	@PostMapping(KIND + "/{id}")
	@PreAuthorize(ActionController.OPENERS)
	String update(@PathVariable String kind, @PathVariable UUID id, @Valid @ModelAttribute("form") CycleForm form,
			BindingResult errors, Model model, RedirectAttributes redirect) {
		CycleKind k = kind(kind);
		if (errors.hasErrors()) {
			return form(model, k, form, id);
		}
		try {
			management.update(id, k, form.draft(), form.circle(), form.getVersion());
			redirect.addFlashAttribute("success", "pdca.updated");
			return "redirect:/" + kind + "/" + id;
		}
		catch (RuleViolationException ex) {
			reject(errors, ex);
		}
		catch (OptimisticLockingFailureException ex) {
			errors.reject("error.stale");
		}
		return form(model, k, form, id);
	}

	@PostMapping(KIND + "/{id}/plan")
	String plan(@PathVariable String kind, @PathVariable UUID id, @RequestParam(required = false) String problemAnalysis,
			@RequestParam(required = false) String rootCauses, @RequestParam(required = false) String goal,
			@RequestParam(required = false) String plan, @RequestParam(required = false) GoalDirection goalDirection,
			@RequestParam(required = false) BigDecimal baselineValue,
			@RequestParam(required = false) BigDecimal targetValue,
			@RequestParam(required = false) BigDecimal improvementFocus,
			@RequestParam(required = false) BigDecimal circleCapability, RedirectAttributes redirect) {
		return step(kind, id, redirect, "pdca.saved", () -> management.plan(id, kind(kind), problemAnalysis, rootCauses,
				goal, plan,
				new CycleManagement.Measure(goalDirection, baselineValue, targetValue, improvementFocus, circleCapability)));
	}

	@PostMapping(KIND + "/{id}/check")
	String check(@PathVariable String kind, @PathVariable UUID id, @RequestParam(required = false) BigDecimal afterValue,
			@RequestParam(required = false) String checkConclusion, RedirectAttributes redirect) {
		return step(kind, id, redirect, "pdca.saved",
				() -> management.check(id, kind(kind), afterValue, checkConclusion));
	}

	@PostMapping(KIND + "/{id}/advance")
	String advance(@PathVariable String kind, @PathVariable UUID id, @RequestParam(required = false) String note,
			RedirectAttributes redirect) {
		return step(kind, id, redirect, "pdca.advanced", () -> management.advance(id, kind(kind), note));
	}

	@PostMapping(KIND + "/{id}/act")
	String act(@PathVariable String kind, @PathVariable UUID id, @RequestParam(required = false) ActOutcome outcome,
			@RequestParam(required = false) String standardization,
			@RequestParam(required = false) Set<UUID> carryOver, @RequestParam(required = false) String carryNote,
			RedirectAttributes redirect) {
		PdcaCycle[] done = new PdcaCycle[1];
		String view = step(kind, id, redirect, "pdca.completed", () -> done[0] = management.completeAct(id, kind(kind),
				new CycleManagement.ActDecision(outcome, standardization, carryOver == null ? Set.of() : carryOver,
						carryNote)));
		if (done[0] != null && done[0].getNextCycleId() != null) {
			redirect.addFlashAttribute("success", "pdca.next-round-started");
			return "redirect:/" + kind + "/" + done[0].getNextCycleId();
		}
		return view;
	}

	@PostMapping(KIND + "/{id}/actions/link")
	String link(@PathVariable String kind, @PathVariable UUID id, @RequestParam(required = false) UUID actionId,
			RedirectAttributes redirect) {
		management.get(id, kind(kind)); // another department's cycle is not found, whatever the action
		return step(kind, id, redirect, "pdca.action-linked", () -> {
			if (actionId == null) {
				throw new RuleViolationException("actionId", "cycle.action-required");
			}
			try {
				management.link(id, kind(kind), actionId);
			}
			catch (NotFoundException ex) {
				throw new RuleViolationException("actionId", "cycle.action-required");
			}
		});
	}

	@PostMapping(KIND + "/{id}/actions")
	String createAction(@PathVariable String kind, @PathVariable UUID id, @RequestParam(required = false) String title,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueDate,
			@RequestParam(required = false) UUID ownerUserId, @RequestParam(required = false) String expectedResult,
			RedirectAttributes redirect) {
		return step(kind, id, redirect, "pdca.action-created", () -> {
			PdcaCycle cycle = management.get(id, kind(kind));
			String t = CycleManagement.blank(title);
			if (t == null || t.length() > 200) {
				throw new RuleViolationException("title", "cycle.action-title-required");
			}
			if (dueDate == null || dueDate.isBefore(LocalDate.now())) {
				throw new RuleViolationException("dueDate", "cycle.action-due-invalid");
			}
			management.createAction(id, kind(kind), new ActionManagement.ActionDraft(t, null, cycle.getDepartmentId(),
					ownerUserId, dueDate, CycleManagement.blank(expectedResult), null, Set.of(),
					cycle.getIndicatorCode(), cycle.getIndicatorCode() == null ? null : cycle.getDepartmentId()));
		});
	}

	@PostMapping(KIND + "/{id}/notes")
	String note(@PathVariable String kind, @PathVariable UUID id, @RequestParam(required = false) String note,
			RedirectAttributes redirect) {
		return step(kind, id, redirect, "pdca.noted", () -> management.note(id, kind(kind), note));
	}

	@PostMapping(KIND + "/{id}/void")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'QUALITY_MANAGER')")
	String voidCycle(@PathVariable String kind, @PathVariable UUID id, @RequestParam(required = false) String reason,
			RedirectAttributes redirect) {
		return step(kind, id, redirect, "pdca.voided", () -> management.voidCycle(id, kind(kind), reason));
	}

	@PostMapping("/qcc/{id}/weights")
	String weights(@PathVariable UUID id, @RequestParam(required = false) BigDecimal weightPolicy,
			@RequestParam(required = false) BigDecimal weightImportance,
			@RequestParam(required = false) BigDecimal weightUrgency,
			@RequestParam(required = false) BigDecimal weightCapability, RedirectAttributes redirect) {
		return step("qcc", id, redirect, "pdca.saved", () -> management.weigh(id,
				new QccFormulas.Weights(weightPolicy, weightImportance, weightUrgency, weightCapability)));
	}

	@PostMapping("/qcc/{id}/themes")
	String addTheme(@PathVariable UUID id, @RequestParam(required = false) String theme,
			@RequestParam(required = false) BigDecimal policy, @RequestParam(required = false) BigDecimal importance,
			@RequestParam(required = false) BigDecimal urgency, @RequestParam(required = false) BigDecimal capability,
			RedirectAttributes redirect) {
		return step("qcc", id, redirect, "pdca.saved",
				() -> management.addTheme(id, theme, policy, importance, urgency, capability));
	}

	@PostMapping("/qcc/{id}/themes/{themeId}/remove")
	String removeTheme(@PathVariable UUID id, @PathVariable UUID themeId, RedirectAttributes redirect) {
		return step("qcc", id, redirect, "pdca.saved", () -> management.removeTheme(id, themeId));
	}

	@PostMapping("/qcc/{id}/themes/choose")
	String chooseTheme(@PathVariable UUID id, RedirectAttributes redirect) {
		return step("qcc", id, redirect, "pdca.theme-chosen", () -> management.chooseTheme(id));
	}

	@PostMapping("/qcc/{id}/steps")
	String recordStep(@PathVariable UUID id, @RequestParam(required = false) QccStep step,
			@RequestParam(required = false) String content,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate completedOn,
			RedirectAttributes redirect) {
		return step("qcc", id, redirect, "pdca.saved", () -> {
			if (step == null) {
				throw new RuleViolationException("step", "qcc.step-unknown");
			}
			management.recordStep(id, step, content, completedOn);
		});
	}

	private String step(String kind, UUID id, RedirectAttributes redirect, String success, Runnable command) {
		try {
			command.run();
			redirect.addFlashAttribute("success", success);
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
		}
		return "redirect:/" + kind + "/" + id;
	}

	private String form(Model model, CycleKind kind, CycleForm form, UUID id) {
		CareQmsUser user = CurrentUser.require();
		model.addAttribute("form", form);
		model.addAttribute("kind", kind);
		model.addAttribute("cycleId", id);
		model.addAttribute("users", organization.activeUsers(user.hospitalId()));
		model.addAttribute("staff", organization.activeStaff(user.hospitalId()));
		model.addAttribute("indicatorCodes", indicators.all());
		model.addAttribute("directions", GoalDirection.values());
		departments(model, user);
		return "improvement/cycle-form";
	}

	private void departments(Model model, CareQmsUser user) {
		var all = organization.departments(user.hospitalId());
		Map<UUID, String> names = new LinkedHashMap<>();
		all.forEach(d -> names.put(d.id(), d.code() + " " + d.name()));
		model.addAttribute("departmentNames", names);
		model.addAttribute("ownDepartments",
				all.stream().filter(d -> !d.retired() && user.canSeeDepartment(d.id())).toList());
	}

	private static void reject(BindingResult errors, RuleViolationException ex) {
		if (ex.field() != null && errors.getFieldType(ex.field()) != null) {
			errors.rejectValue(ex.field(), ex.messageKey(), ex.arguments(), null);
		}
		else {
			errors.reject(ex.messageKey(), ex.arguments(), null);
		}
	}
}
