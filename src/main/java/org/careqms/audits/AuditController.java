package org.careqms.audits;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.careqms.platform.RuleViolationException;
import org.careqms.standards.ChecklistTemplates;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Audit pages: the monthly calendar and list, the annual calendar, plans, and scores per department. */
@Controller
@PreAuthorize("isAuthenticated()")
class AuditController {

	static final String PLANNERS = "hasAnyRole('SYSTEM_ADMIN', 'QUALITY_MANAGER')";

	private final AuditPlanning planning;
	private final AuditQueries queries;
	private final ChecklistTemplates templates;
	private final OrganizationDirectory organization;
	private final MessageSource messages;
	private final JsonMapper json;

	AuditController(AuditPlanning planning, AuditQueries queries, ChecklistTemplates templates,
			OrganizationDirectory organization, MessageSource messages, JsonMapper json) {
		this.planning = planning;
		this.queries = queries;
		this.templates = templates;
		this.organization = organization;
		this.messages = messages;
		this.json = json;
	}

	/** The month on a calendar grid (weeks from Monday) and as a list. */
	@GetMapping("/audits")
	String calendar(@RequestParam(required = false) String month, @RequestParam(required = false) UUID department,
			@RequestParam(defaultValue = "false") boolean mine, Model model) {
		CareQmsUser user = CurrentUser.require();
		YearMonth shown = month(month);
		var lines = queries.inspections(user, shown.atDay(1), shown.atEndOfMonth(), department, null, mine, 2000);
		Map<LocalDate, List<AuditQueries.Line>> byDate = new TreeMap<>();
		lines.forEach(l -> byDate.computeIfAbsent(l.plannedOn(), d -> new ArrayList<>()).add(l));
		List<List<LocalDate>> weeks = new ArrayList<>();
		LocalDate day = shown.atDay(1).with(DayOfWeek.MONDAY);
		while (!day.isAfter(shown.atEndOfMonth())) {
			List<LocalDate> week = new ArrayList<>();
			for (int i = 0; i < 7; i++) {
				week.add(YearMonth.from(day).equals(shown) ? day : null);
				day = day.plusDays(1);
			}
			weeks.add(week);
		}
		model.addAttribute("month", shown);
		model.addAttribute("previous", shown.minusMonths(1));
		model.addAttribute("next", shown.plusMonths(1));
		model.addAttribute("weeks", weeks);
		model.addAttribute("byDate", byDate);
		model.addAttribute("lines", lines);
		model.addAttribute("department", department);
		model.addAttribute("mine", mine);
		model.addAttribute("today", LocalDate.now());
		model.addAttribute("mayPlan", AuditAccess.mayPlan(user));
		names(model, user);
		return "audits/calendar";
	}

	/** The year: inspections per month and audit type, and the plans behind them. */
	@GetMapping("/audits/year")
	String year(@RequestParam(required = false) Integer year, Model model) {
		CareQmsUser user = CurrentUser.require();
		int shown = year == null || year < 2000 || year > 2100 ? LocalDate.now().getYear() : year;
		Map<AuditType, int[]> planned = new EnumMap<>(AuditType.class);
		Map<AuditType, int[]> submitted = new EnumMap<>(AuditType.class);
		for (var count : queries.year(user, shown)) {
			planned.computeIfAbsent(count.auditType(), t -> new int[13])[count.month()] += count.planned();
			submitted.computeIfAbsent(count.auditType(), t -> new int[13])[count.month()] += count.submitted();
		}
		model.addAttribute("year", shown);
		model.addAttribute("planned", planned);
		model.addAttribute("submitted", submitted);
		model.addAttribute("months", java.util.stream.IntStream.rangeClosed(1, 12).boxed().toList());
		model.addAttribute("plans", queries.plans(user, shown));
		model.addAttribute("mayPlan", AuditAccess.mayPlan(user));
		return "audits/year";
	}

	@GetMapping("/audits/plans/new")
	@PreAuthorize(PLANNERS)
	String newPlan(Model model) {
		formModel(model, Map.of(), new LinkedHashMap<>());
		return "audits/plan-form";
	}

	@PostMapping("/audits/plans")
	@PreAuthorize(PLANNERS)
	String createPlan(@RequestParam(required = false) String title, @RequestParam(required = false) AuditType auditType,
			@RequestParam(required = false) Long templateVersionId,
			@RequestParam(required = false) Set<UUID> departmentIds, @RequestParam(required = false) Set<UUID> auditorIds,
			@RequestParam(defaultValue = "ONCE") String schedule,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate plannedOn,
			@RequestParam(required = false) String firstMonth, @RequestParam(required = false) String lastMonth,
			@RequestParam(required = false) Integer dayOfMonth, @RequestParam(required = false) String notes,
			@RequestParam Map<String, String> all, Model model, RedirectAttributes redirect) {
		Map<String, String> errors = new LinkedHashMap<>();
		boolean monthly = "MONTHLY".equals(schedule);
		if (!monthly && plannedOn == null) {
			errors.put("plannedOn", "error.audits.planned-on");
		}
		YearMonth first = parseMonth(firstMonth);
		YearMonth last = parseMonth(lastMonth);
		Map<String, Object> values = new LinkedHashMap<>(all);
		values.put("departmentIds", departmentIds == null ? Set.of() : departmentIds);
		values.put("auditorIds", auditorIds == null ? Set.of() : auditorIds);
		if (errors.isEmpty()) {
			try {
				var planned = planning.plan(new AuditPlanning.PlanDraft(title, auditType, templateVersionId,
						departmentIds == null ? Set.of() : new LinkedHashSet<>(departmentIds),
						auditorIds == null ? Set.of() : new LinkedHashSet<>(auditorIds), monthly ? null : plannedOn,
						monthly ? first : null, monthly ? last : null, monthly ? dayOfMonth : null, notes));
				redirect.addFlashAttribute("success", "audits.plan.created");
				return "redirect:/audits/plans/" + planned.plan().getId();
			}
			catch (InvalidInputException ex) {
				ex.problems().forEach(p -> errors.putIfAbsent(p.field(), p.messageKey()));
			}
			catch (RuleViolationException ex) {
				errors.put(ex.field() == null ? "plan" : ex.field(), ex.messageKey());
			}
		}
		formModel(model, errors, values);
		model.addAttribute("failure", "audits.plan.invalid");
		return "audits/plan-form";
	}

	@GetMapping("/audits/plans/{id}")
	String plan(@PathVariable UUID id, Model model) {
		CareQmsUser user = CurrentUser.require();
		AuditPlan plan = planning.get(id);
		model.addAttribute("plan", plan);
		model.addAttribute("inspections", planning.inspections(plan));
		model.addAttribute("mayPlan", AuditAccess.mayPlan(user));
		names(model, user);
		if (AuditAccess.mayPlan(user) && !plan.isVoided()) {
			// the change form: the plan's checklist version, or the template's latest published one
			Map<Long, Integer> versions = new LinkedHashMap<>();
			templates.version(user.hospitalId(), plan.getTemplateVersionId())
				.ifPresent(v -> versions.put(v.versionId(), v.versionNumber()));
			templates.latestPublished(user.hospitalId(), plan.getTemplateId())
				.ifPresent(v -> versions.put(v.versionId(), v.versionNumber()));
			model.addAttribute("versions", versions);
			model.addAttribute("departments", organization.departments(user.hospitalId()).stream()
				.filter(d -> !d.retired() || plan.departmentIds().contains(d.id())).toList());
			model.addAttribute("users", organization.activeUsers(user.hospitalId()));
		}
		return "audits/plan";
	}

	/** Changes a saved plan: applies to its inspections nobody has started. */
	@PostMapping("/audits/plans/{id}/change")
	@PreAuthorize(PLANNERS)
	String changePlan(@PathVariable UUID id, @RequestParam(required = false) Long templateVersionId,
			@RequestParam(required = false) Set<UUID> departmentIds, @RequestParam(required = false) Set<UUID> auditorIds,
			@RequestParam(required = false) String reason, RedirectAttributes redirect) {
		try {
			planning.change(id, new AuditPlanning.PlanChange(templateVersionId,
					departmentIds == null ? Set.of() : new LinkedHashSet<>(departmentIds),
					auditorIds == null ? Set.of() : new LinkedHashSet<>(auditorIds), reason));
			redirect.addFlashAttribute("success", "audits.plan.changed");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("failure", ex.problems().get(0).messageKey());
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
		}
		return "redirect:/audits/plans/" + id;
	}

	@PostMapping("/audits/plans/{id}/void")
	@PreAuthorize(PLANNERS)
	String voidPlan(@PathVariable UUID id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
		try {
			planning.voidPlan(id, reason);
			redirect.addFlashAttribute("success", "audits.plan.voided-now");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("failure", ex.problems().get(0).messageKey());
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
		}
		return "redirect:/audits/plans/" + id;
	}

	/** Scores per department over months (trend lines) and the hospital table. */
	@GetMapping("/audits/scores")
	String scores(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) UUID department, Model model) {
		CareQmsUser user = CurrentUser.require();
		YearMonth end = parseMonth(to) == null ? YearMonth.now() : parseMonth(to);
		YearMonth start = parseMonth(from);
		if (start == null || start.isAfter(end) || start.plusMonths(36).isBefore(end)) {
			start = end.minusMonths(11);
		}
		Map<UUID, String> names = names(model, user);
		List<String> months = new ArrayList<>();
		for (YearMonth m = start; !m.isAfter(end); m = m.plusMonths(1)) {
			months.add(m.toString());
		}
		Map<String, List<BigDecimal>> series = new LinkedHashMap<>();
		for (var score : queries.monthlyScores(user, start, end, department)) {
			String name = names.getOrDefault(score.departmentId(), score.departmentId().toString());
			List<BigDecimal> values = series.computeIfAbsent(name, n -> {
				List<BigDecimal> empty = new ArrayList<>();
				months.forEach(m -> empty.add(null));
				return empty;
			});
			values.set(months.indexOf(score.month().toString()), score.meanPercent());
		}
		Locale locale = LocaleContextHolder.getLocale();
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("months", months);
		chart.put("series", series);
		chart.put("unit", messages.getMessage("audits.scores.percent", null, locale));
		model.addAttribute("chart", json.writeValueAsString(chart));
		model.addAttribute("rows", queries.departmentScores(user, start, end));
		model.addAttribute("from", start);
		model.addAttribute("to", end);
		model.addAttribute("department", department);
		return "audits/scores";
	}

	private void formModel(Model model, Map<String, String> errors, Map<String, Object> values) {
		CareQmsUser user = CurrentUser.require();
		values.putIfAbsent("departmentIds", Set.of());
		values.putIfAbsent("auditorIds", Set.of());
		model.addAttribute("errors", errors);
		model.addAttribute("values", values);
		model.addAttribute("types", AuditType.values());
		model.addAttribute("checklists", templates.published(user.hospitalId()));
		model.addAttribute("departments", organization.departments(user.hospitalId()).stream().filter(d -> !d.retired())
			.toList());
		model.addAttribute("users", organization.activeUsers(user.hospitalId()));
		model.addAttribute("thisMonth", YearMonth.now());
	}

	private Map<UUID, String> names(Model model, CareQmsUser user) {
		Map<UUID, String> names = new LinkedHashMap<>();
		organization.departments(user.hospitalId()).forEach(d -> names.put(d.id(), d.code() + " " + d.name()));
		model.addAttribute("departmentNames", names);
		model.addAttribute("departments", organization.departments(user.hospitalId()).stream()
			.filter(d -> !d.retired() && user.canSeeDepartment(d.id())).toList());
		return names;
	}

	private static YearMonth month(String text) {
		YearMonth parsed = parseMonth(text);
		return parsed == null ? YearMonth.now() : parsed;
	}

	static YearMonth parseMonth(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return YearMonth.parse(text.trim());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}
}
