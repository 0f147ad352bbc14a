package org.careqms.improvement;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;

import org.careqms.indicators.IndicatorCatalog;
import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
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

/** Action register pages: the list, one action with its trail, the form and the workflow steps. */
@Controller
@PreAuthorize("isAuthenticated()")
class ActionController {

	static final String OPENERS = "hasAnyRole('SYSTEM_ADMIN', 'QUALITY_MANAGER', 'DEPARTMENT_HEAD', 'QC_OFFICER')";

	private final ActionManagement management;
	private final ActionQueries queries;
	private final OrganizationDirectory organization;
	private final IndicatorCatalog indicators;
	private final CycleQueries cycles;
	private final org.careqms.incidents.IncidentRootCauses rootCauses;

	ActionController(ActionManagement management, ActionQueries queries, OrganizationDirectory organization,
			IndicatorCatalog indicators, CycleQueries cycles, org.careqms.incidents.IncidentRootCauses rootCauses) {
		this.cycles = cycles;
		this.management = management;
		this.queries = queries;
		this.organization = organization;
		this.indicators = indicators;
		this.rootCauses = rootCauses;
	}

	@ModelAttribute("strengths")
	ActionStrength[] strengths() {
		return ActionStrength.values();
	}

	@GetMapping("/actions")
	String list(@RequestParam(defaultValue = "active") String state, @RequestParam(required = false) UUID department,
			@RequestParam(defaultValue = "false") boolean overdue, @RequestParam(required = false) String source,
			Model model) {
		CareQmsUser user = CurrentUser.require();
		LocalDate today = LocalDate.now();
		model.addAttribute("lines", queries.find(user, new ActionQueries.Filter(state, department, overdue, source), today, 500));
		model.addAttribute("state", state);
		model.addAttribute("department", department);
		model.addAttribute("overdue", overdue);
		model.addAttribute("source", source);
		model.addAttribute("sources", ActionSource.values());
		model.addAttribute("today", today);
		departments(model, user);
		return "improvement/list";
	}

	@GetMapping("/actions/{id}")
	String detail(@PathVariable UUID id, Model model) {
		CareQmsUser user = CurrentUser.require();
		ImprovementAction action = management.get(id);
		model.addAttribute("action", action);
		model.addAttribute("trail", action.trail());
		model.addAttribute("cycles", cycles.cyclesOf(user.hospitalId(), id));
		model.addAttribute("mayWork", ActionManagement.mayWork(user, action));
		model.addAttribute("mayVerify", ActionManagement.mayVerify(user));
		model.addAttribute("today", LocalDate.now());
		model.addAttribute("indicator", action.getIndicatorCode() == null ? null
				: indicators.find(action.getIndicatorCode()).orElse(null));
		model.addAttribute("users", organization.activeUsers(user.hospitalId()).stream()
			.collect(java.util.stream.Collectors.toMap(OrganizationDirectory.UserSummary::id,
					OrganizationDirectory.UserSummary::displayName)));
		departments(model, user);
		return "improvement/detail";
	}

	@GetMapping("/actions/new")
	@PreAuthorize(OPENERS)
	String createForm(@RequestParam(required = false) UUID incident, @RequestParam(required = false) Integer rootCause,
			Model model) {
		var form = new ActionForm();
		form.setDueDate(LocalDate.now().plusDays(30));
		if (incident != null) {
			// "plan an action" on a root cause of the analysis: source, root cause and handling department prefilled
			var analysed = rootCauses.find(incident);
			if (rootCause == null || rootCause < 1 || rootCause > analysed.rootCauses().size()) {
				throw new org.careqms.platform.NotFoundException();
			}
			form.setIncidentId(incident);
			form.setRootCause(analysed.rootCauses().get(rootCause - 1));
			form.setResponsibleDepartmentId(analysed.handlingDepartmentId());
		}
		return form(model, form, null);
	}

	/**
	 * The actions planned on each root cause of an event's analysis, with their RCA² strength and
	 * status, for the incidents module's RCA page (htmx): a warning where a root cause has no action
	 * or only weak ones.
	 */
	@GetMapping("/actions/fragments/root-causes")
	String rootCauseActions(@RequestParam UUID incident, Model model) {
		var analysed = rootCauses.find(incident);
		var actions = queries.findForIncident(analysed);
		Map<String, List<ActionQueries.EventAction>> byCause = new LinkedHashMap<>();
		analysed.rootCauses().forEach(cause -> byCause.put(cause, new java.util.ArrayList<>()));
		List<ActionQueries.EventAction> other = new java.util.ArrayList<>();
		for (var action : actions) {
			if (action.rootCause() != null && byCause.containsKey(action.rootCause())) {
				byCause.get(action.rootCause()).add(action);
			}
			else {
				other.add(action);
			}
		}
		model.addAttribute("analysed", analysed);
		model.addAttribute("byCause", byCause);
		model.addAttribute("other", other);
		return "improvement/root-causes :: root-causes";
	}

	@PostMapping("/actions")
	@PreAuthorize(OPENERS)
	String create(@Valid @ModelAttribute("form") ActionForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		checkIndicator(form, errors);
		if (errors.hasErrors()) {
			return form(model, form, null);
		}
		try {
			if (form.getIncidentId() != null) {
				management.planForRootCause(form.getIncidentId(), form.getRootCause(),
						form.draft(form.getResponsibleDepartmentId()));
				redirect.addFlashAttribute("success", "improvement.planned");
				return "redirect:/incidents/" + form.getIncidentId() + "/rca";
			}
			ImprovementAction created = management.create(form.draft(form.getResponsibleDepartmentId()));
			redirect.addFlashAttribute("success", "improvement.created");
			return "redirect:/actions/" + created.getId();
		}
		catch (RuleViolationException ex) {
			reject(errors, ex);
			return form(model, form, null);
		}
	}

	@GetMapping("/actions/{id}/edit")
	@PreAuthorize(OPENERS)
	String editForm(@PathVariable UUID id, Model model) {
		return form(model, ActionForm.of(management.get(id)), id);
	}

	@PostMapping("/actions/{id}")
	@PreAuthorize(OPENERS)
	String update(@PathVariable UUID id, @Valid @ModelAttribute("form") ActionForm form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		checkIndicator(form, errors);
		if (errors.hasErrors()) {
			return form(model, form, id);
		}
		try {
			ImprovementAction action = management.get(id);
			management.update(id, form.draft(action.getIndicatorDepartmentId() != null ? action.getIndicatorDepartmentId()
					: form.getResponsibleDepartmentId()), form.getVersion());
			redirect.addFlashAttribute("success", "improvement.updated");
			return "redirect:/actions/" + id;
		}
		catch (RuleViolationException ex) {
			reject(errors, ex);
		}
		catch (OptimisticLockingFailureException ex) {
			errors.reject("error.stale");
		}
		return form(model, form, id);
	}

	@PostMapping("/actions/{id}/notes")
	String note(@PathVariable UUID id, @RequestParam(required = false) String note, RedirectAttributes redirect) {
		return step(id, redirect, "improvement.noted", () -> management.note(id, note));
	}

	@PostMapping("/actions/{id}/start")
	String start(@PathVariable UUID id, RedirectAttributes redirect) {
		return step(id, redirect, "improvement.started", () -> management.start(id));
	}

	@PostMapping("/actions/{id}/complete")
	String complete(@PathVariable UUID id, @RequestParam(required = false) String note,
			@RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") YearMonth effectiveMonth,
			RedirectAttributes redirect) {
		return step(id, redirect, "improvement.completed",
				() -> management.complete(id, ActionForm.blankToNull(note), effectiveMonth));
	}

	@PostMapping("/actions/{id}/verify")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'QUALITY_MANAGER')")
	String verify(@PathVariable UUID id, @RequestParam boolean effective, @RequestParam(required = false) String note,
			RedirectAttributes redirect) {
		return step(id, redirect, effective ? "improvement.closed" : "improvement.reopened",
				() -> management.verify(id, effective, note));
	}

	@PostMapping("/actions/{id}/cancel")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'QUALITY_MANAGER')")
	String cancel(@PathVariable UUID id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
		return step(id, redirect, "improvement.cancelled", () -> management.cancel(id, reason));
	}

	private String step(UUID id, RedirectAttributes redirect, String success, Runnable command) {
		try {
			command.run();
			redirect.addFlashAttribute("success", success);
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
		}
		return "redirect:/actions/" + id;
	}

	private void checkIndicator(ActionForm form, BindingResult errors) {
		String code = ActionForm.blankToNull(form.getIndicatorCode());
		if (code != null && indicators.find(code).isEmpty()) {
			errors.rejectValue("indicatorCode", "error.action.indicator-unknown");
		}
	}

	private String form(Model model, ActionForm form, UUID id) {
		CareQmsUser user = CurrentUser.require();
		model.addAttribute("form", form);
		model.addAttribute("actionId", id);
		model.addAttribute("analysed", form.getIncidentId() == null ? null : rootCauses.find(form.getIncidentId()));
		model.addAttribute("users", organization.activeUsers(user.hospitalId()));
		model.addAttribute("indicatorCodes", indicators.all());
		departments(model, user);
		return "improvement/form";
	}

	private void departments(Model model, CareQmsUser user) {
		var all = organization.departments(user.hospitalId());
		Map<UUID, String> names = new LinkedHashMap<>();
		all.forEach(d -> names.put(d.id(), d.code() + " " + d.name()));
		model.addAttribute("departmentNames", names);
		List<OrganizationDirectory.DepartmentSummary> choosable = all.stream().filter(d -> !d.retired()).toList();
		model.addAttribute("allDepartments", choosable);
		model.addAttribute("ownDepartments", choosable.stream().filter(d -> user.canSeeDepartment(d.id())).toList());
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
