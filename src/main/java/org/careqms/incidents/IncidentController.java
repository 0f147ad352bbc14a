package org.careqms.incidents;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.careqms.platform.Role;
import org.careqms.platform.RuleViolationException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Adverse-event pages: the two-minute report form, the lists, one report with its handling. */
@Controller
@PreAuthorize("isAuthenticated()")
class IncidentController {

	private final IncidentManagement management;
	private final IncidentQueries queries;
	private final OrganizationDirectory organization;
	private final org.springframework.context.MessageSource messages;
	private final tools.jackson.databind.json.JsonMapper json;
	private final RootCauseAnalysis rca;
	private final IncidentControlChart controlChart;
	private final IncidentAnalysisExport exports;
	private final IncidentAttachments attachments;
	private final AttachmentLimits limits;

	IncidentController(IncidentManagement management, IncidentQueries queries, OrganizationDirectory organization,
			org.springframework.context.MessageSource messages, tools.jackson.databind.json.JsonMapper json,
			RootCauseAnalysis rca, IncidentControlChart controlChart, IncidentAnalysisExport exports,
			IncidentAttachments attachments, AttachmentLimits limits) {
		this.controlChart = controlChart;
		this.exports = exports;
		this.management = management;
		this.queries = queries;
		this.organization = organization;
		this.messages = messages;
		this.json = json;
		this.rca = rca;
		this.attachments = attachments;
		this.limits = limits;
	}

	@GetMapping("/incidents")
	String list(@RequestParam(defaultValue = "false") boolean mine, Model model) {
		CareQmsUser user = CurrentUser.require();
		model.addAttribute("lines", queries.visibleTo(user, mine, 500));
		model.addAttribute("mine", mine);
		names(model, user);
		return "incidents/list";
	}

	@GetMapping("/incidents/new")
	String form(Model model) {
		CareQmsUser user = CurrentUser.require();
		model.addAttribute("now", LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES));
		// a page's submissions share a key: a double tap or a resent form reports the event once
		model.addAttribute("submissionKey", UUID.randomUUID().toString());
		model.addAttribute("categories", Taxonomy.CATEGORIES);
		model.addAttribute("levels", Taxonomy.LEVELS);
		model.addAttribute("limits", limits);
		var departments = organization.departments(user.hospitalId()).stream().filter(d -> !d.retired()).toList();
		model.addAttribute("departments", departments);
		model.addAttribute("defaultDepartment", departments.stream().filter(d -> user.departmentIds().contains(d.id()))
			.map(OrganizationDirectory.DepartmentSummary::id).findFirst().orElse(null));
		return "incidents/form";
	}

	/** The questions that belong to the chosen category (htmx). */
	@GetMapping("/incidents/new/details")
	String details(@RequestParam(required = false) String category, Model model) {
		model.addAttribute("questions", Taxonomy.QUESTIONS.getOrDefault(category, Map.of()));
		return "incidents/form :: details";
	}

	@PostMapping("/incidents")
	String report(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime occurredAt,
			@RequestParam(required = false) UUID departmentId, @RequestParam(required = false) String category,
			@RequestParam(required = false) String level, @RequestParam(required = false) String description,
			@RequestParam(required = false) String immediateActions,
			@RequestParam(defaultValue = "false") boolean patientInvolved,
			@RequestParam(defaultValue = "false") boolean anonymous,
			@RequestParam(required = false) String submissionKey, @RequestParam Map<String, String> all,
			@RequestParam(name = "file", required = false) List<org.springframework.web.multipart.MultipartFile> files,
			Model model, RedirectAttributes redirect) {
		Map<String, String> details = new LinkedHashMap<>();
		all.forEach((key, value) -> {
			if (key.startsWith("detail.") && value != null && !value.isBlank()) {
				details.put(key.substring("detail.".length()), value);
			}
		});
		try {
			var uploads = attachments.read(files);
			var submitted = management.report(new IncidentManagement.Report(occurredAt, departmentId, category,
					level == null || level.isBlank() ? null : level, description, immediateActions, patientInvolved,
					anonymous, details), submissionKey == null || submissionKey.isBlank() ? null : submissionKey,
					uploads);
			redirect.addFlashAttribute("success", "incidents.reported");
			redirect.addFlashAttribute("reportedReference", submitted.incident().getReference());
			return anonymous ? "redirect:/incidents/thanks" : "redirect:/incidents/" + submitted.incident().getId();
		}
		catch (InvalidInputException ex) {
			var problem = ex.problems().get(0);
			if ("file".equals(problem.field())) {
				model.addAttribute("attachmentError", text(problem.messageKey(), problem.arguments()));
			}
			else {
				model.addAttribute("failure", problem.messageKey());
			}
			keep(model, all);
			return form(model);
		}
		catch (org.careqms.platform.ContentTooLargeException ex) {
			model.addAttribute("attachmentError", text(ex.messageKey(), ex.arguments()));
			keep(model, all);
			return form(model);
		}
	}

	/** What the reporter typed, back on the form after a refusal (files cannot be given back). */
	private static void keep(Model model, Map<String, String> all) {
		model.addAttribute("entered", all);
		var questions = Taxonomy.QUESTIONS.get(all.get("category"));
		if (questions != null) {
			model.addAttribute("questions", questions);
		}
	}

	private String text(String key, Object[] arguments) {
		return messages.getMessage(key, arguments, key, org.springframework.context.i18n.LocaleContextHolder.getLocale());
	}

	/** More files for a report: its reporter, the quality office or the handling department. */
	@PostMapping("/incidents/{id}/attachments")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'QUALITY_MANAGER', 'DEPARTMENT_HEAD', 'QC_OFFICER', 'STAFF')")
	String attach(@PathVariable UUID id,
			@RequestParam(name = "file", required = false) List<org.springframework.web.multipart.MultipartFile> files,
			RedirectAttributes redirect) {
		Incident incident = management.get(id);
		try {
			attachments.add(incident, attachments.read(files));
			redirect.addFlashAttribute("success", "incidents.attachment.added");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("attachmentError",
					text(ex.problems().get(0).messageKey(), ex.problems().get(0).arguments()));
		}
		catch (org.careqms.platform.ContentTooLargeException ex) {
			redirect.addFlashAttribute("attachmentError", text(ex.messageKey(), ex.arguments()));
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
		}
		return "redirect:/incidents/" + id + "#attachments";
	}

	@GetMapping("/incidents/{id}/attachments/{attachmentId}")
	org.springframework.http.ResponseEntity<byte[]> attachment(@PathVariable UUID id, @PathVariable UUID attachmentId) {
		return IncidentAttachments.serve(attachments.content(management.get(id), attachmentId));
	}

	@PostMapping("/incidents/{id}/attachments/{attachmentId}/void")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'QUALITY_MANAGER', 'DEPARTMENT_HEAD', 'QC_OFFICER', 'STAFF')")
	String voidAttachment(@PathVariable UUID id, @PathVariable UUID attachmentId,
			@RequestParam(required = false) String reason, RedirectAttributes redirect) {
		Incident incident = management.get(id);
		try {
			attachments.voidAttachment(incident, attachmentId, reason);
			redirect.addFlashAttribute("success", "incidents.attachment.voided");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("failure", ex.problems().get(0).messageKey());
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
		}
		return "redirect:/incidents/" + id + "#attachments";
	}

	/** What one analysis covers: the period, the filters and what the reader may see. */
	private record Analysed(java.time.YearMonth from, java.time.YearMonth to, IncidentQueries.Filter filter,
			IncidentQueries.Analysis analysis, IncidentControlChart.ControlChart chart) {
	}

	/** Checks the filters and analyses the reports the reader may analyse; a department the reader cannot see is a 404. */
	private Analysed analyse(CareQmsUser user, java.time.YearMonth from, java.time.YearMonth to, String category,
			String level, UUID department, java.util.Locale locale) {
		var end = to == null ? java.time.YearMonth.now() : to;
		var start = from == null || from.isAfter(end) || from.plusMonths(60).isBefore(end) ? end.minusMonths(11) : from;
		String chosenCategory = category == null || category.isBlank() ? null : category;
		String chosenLevel = level == null || level.isBlank() ? null : level;
		if (chosenCategory != null && !Taxonomy.CATEGORIES.contains(chosenCategory)) {
			throw new InvalidInputException("category", "error.incidents.category");
		}
		if (chosenLevel != null && !Taxonomy.LEVELS.contains(chosenLevel) && !"NONE".equals(chosenLevel)) {
			throw new InvalidInputException("level", "error.incidents.level");
		}
		boolean all = IncidentQueries.analysesAll(user);
		if (department != null && (all ? organization.departments(user.hospitalId()).stream()
			.noneMatch(d -> d.id().equals(department)) : !user.departmentIds().contains(department))) {
			throw new org.careqms.platform.NotFoundException();
		}
		var filter = new IncidentQueries.Filter(chosenCategory, chosenLevel, department);
		var analysis = queries.analysis(user, start, end, filter);
		// patient-days of the same departments as the counted reports
		java.util.Collection<UUID> exposure = department != null ? List.of(department)
				: all ? null : user.departmentIds();
		return new Analysed(start, end, filter, analysis, controlChart.chart(user, analysis, exposure, locale));
	}

	/** Trends by level with the control chart of monthly counts, the Pareto of categories, departments, and how fast reports are answered. */
	@GetMapping("/incidents/analysis")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'QUALITY_MANAGER', 'DEPARTMENT_HEAD', 'QC_OFFICER', 'AUDITOR')")
	String analysis(@RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") java.time.YearMonth from,
			@RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") java.time.YearMonth to,
			@RequestParam(required = false) String category, @RequestParam(required = false) String level,
			@RequestParam(required = false) UUID department, Model model) {
		CareQmsUser user = CurrentUser.require();
		var locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
		Analysed analysed = analyse(user, from, to, category, level, department, locale);
		var analysis = analysed.analysis();
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("months", analysis.months());
		Map<String, Object> levels = new LinkedHashMap<>();
		analysis.byLevel().forEach((lvl, counts) -> levels.put(messages.getMessage(
				lvl.equals("NONE") ? "incidents.level.none" : "incidents.level." + lvl, null, locale), counts));
		chart.put("levels", levels);
		chart.put("categories", analysis.pareto().stream()
			.map(p -> messages.getMessage("incidents.category." + p[0], null, locale)).toList());
		chart.put("counts", analysis.pareto().stream().map(p -> p[1]).toList());
		chart.put("cumulativeLabel", messages.getMessage("incidents.analysis.cumulative", null, locale));
		var spc = analysed.chart();
		if (spc != null) {
			Map<String, Object> control = new LinkedHashMap<>();
			control.put("values", spc.months().stream().map(IncidentControlChart.Month::value).toList());
			control.put("centre", spc.months().stream().map(IncidentControlChart.Month::centre).toList());
			control.put("lower", spc.months().stream().map(IncidentControlChart.Month::lower).toList());
			control.put("upper", spc.months().stream().map(IncidentControlChart.Month::upper).toList());
			control.put("signals", spc.signalIndexes());
			control.put("runsSignal", spc.runsSignal());
			control.put("valueLabel", messages.getMessage(spc.perPatientDays() ? "incidents.spc.value.u"
					: "incidents.spc.value.c", null, locale));
			control.put("centreLabel", messages.getMessage("incidents.export.centre", null, locale));
			control.put("limitLabel", messages.getMessage("incidents.spc.limits", null, locale));
			control.put("signalLabel", messages.getMessage("incidents.export.sigma-signal", null, locale));
			chart.put("spc", control);
			model.addAttribute("spcBasis", messages.getMessage(spc.basis().key(), spc.basis().arguments(), locale));
			model.addAttribute("spcReadings", spc.readings().stream()
				.map(r -> messages.getMessage(r.key(), r.arguments(), locale)).toList());
		}
		model.addAttribute("spc", spc);
		model.addAttribute("analysis", analysis);
		model.addAttribute("chart", json.writeValueAsString(chart));
		model.addAttribute("from", analysed.from());
		model.addAttribute("to", analysed.to());
		model.addAttribute("filter", analysed.filter());
		model.addAttribute("categories", Taxonomy.CATEGORIES);
		model.addAttribute("levels", Taxonomy.LEVELS);
		model.addAttribute("tables", IncidentAnalysisExport.TABLES);
		model.addAttribute("filterDepartments", organization.departments(user.hospitalId()).stream()
			.filter(d -> IncidentQueries.analysesAll(user) || user.departmentIds().contains(d.id()))
			.toList());
		names(model, user);
		return "incidents/analysis";
	}

	/** The analysis as an Excel workbook (a sheet per table) or one table as CSV, with the same filters as the page. */
	@GetMapping("/incidents/analysis/export.{format:csv|xlsx}")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'QUALITY_MANAGER', 'DEPARTMENT_HEAD', 'QC_OFFICER', 'AUDITOR')")
	void exportAnalysis(@PathVariable String format,
			@RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") java.time.YearMonth from,
			@RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") java.time.YearMonth to,
			@RequestParam(required = false) String category, @RequestParam(required = false) String level,
			@RequestParam(required = false) UUID department, @RequestParam(defaultValue = "levels") String table,
			jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
		CareQmsUser user = CurrentUser.require();
		if (format.equals("csv") && !IncidentAnalysisExport.TABLES.contains(table)) {
			throw new InvalidInputException("table", "error.incidents.export-table",
					String.join(", ", IncidentAnalysisExport.TABLES));
		}
		var locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
		Analysed analysed = analyse(user, from, to, category, level, department, locale);
		Map<UUID, String> names = new LinkedHashMap<>();
		organization.departments(user.hospitalId()).forEach(d -> names.put(d.id(), d.code() + " " + d.name()));
		var tables = exports.tables(analysed.analysis(), analysed.chart(), names, locale);
		String stem = "incidents-analysis_" + analysed.from() + "_" + analysed.to() + "_" + java.time.LocalDate.now();
		if (format.equals("xlsx")) {
			response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
			response.setHeader("Content-Disposition", "attachment; filename=\"" + stem + ".xlsx\"");
			exports.xlsx(tables, response.getOutputStream());
		}
		else {
			response.setContentType("text/csv;charset=UTF-8");
			response.setHeader("Content-Disposition", "attachment; filename=\"" + stem.replace("incidents-analysis",
					"incidents-" + table) + ".csv\"");
			exports.csv(tables.stream().filter(t -> t.name().equals(table)).findFirst().orElseThrow(),
					response.getOutputStream());
		}
	}

	@GetMapping("/incidents/{id}/rca")
	String rca(@PathVariable UUID id, Model model) {
		CareQmsUser user = CurrentUser.require();
		Incident incident = management.get(id);
		model.addAttribute("incident", incident);
		model.addAttribute("analysis", rca.find(id).orElse(null));
		model.addAttribute("mayAnalyse", RootCauseAnalysis.mayAnalyse(user, incident)
				&& incident.getStatus() != Incident.Status.SUBMITTED && incident.getStatus() != Incident.Status.CLOSED);
		model.addAttribute("factors", RootCauseAnalysis.FACTORS);
		model.addAttribute("bones", RootCauseAnalysis.BONES);
		return "incidents/rca";
	}

	@PostMapping("/incidents/{id}/rca")
	String saveRca(@PathVariable UUID id, @RequestParam(required = false) String timeline,
			@RequestParam(required = false) List<String> factors, @RequestParam(required = false) List<String> whys,
			@RequestParam(required = false) String rootCauses, @RequestParam(required = false) Integer version,
			@RequestParam Map<String, String> all, RedirectAttributes redirect) {
		Incident incident = management.get(id);
		Map<String, String> fishbone = new LinkedHashMap<>();
		RootCauseAnalysis.BONES.forEach(bone -> fishbone.put(bone, all.get("bone." + bone)));
		try {
			rca.save(incident, timeline, factors == null ? List.of() : factors, whys == null ? List.of() : whys,
					fishbone, rootCauses, version);
			redirect.addFlashAttribute("success", "incidents.rca.saved");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("failure", ex.problems().get(0).messageKey());
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
		}
		return "redirect:/incidents/" + id + "/rca";
	}

	@GetMapping("/incidents/thanks")
	String thanks() {
		return "incidents/thanks";
	}

	@GetMapping("/incidents/{id}")
	String detail(@PathVariable UUID id, Model model) {
		CareQmsUser user = CurrentUser.require();
		Incident incident = management.get(id);
		model.addAttribute("incident", incident);
		model.addAttribute("details", management.details(incident));
		model.addAttribute("quality", user.hasRole(Role.QUALITY_MANAGER) || user.hasRole(Role.SYSTEM_ADMIN));
		model.addAttribute("reporter", user.id().equals(incident.getReporterUserId()));
		var files = attachments.list(incident);
		boolean qualityOffice = user.hasRole(Role.QUALITY_MANAGER) || user.hasRole(Role.SYSTEM_ADMIN);
		model.addAttribute("attachments", qualityOffice ? files : files.stream().filter(a -> !a.voided()).toList());
		model.addAttribute("voidable", files.stream().filter(a -> IncidentAttachments.mayVoid(user, incident, a))
			.map(IncidentAttachments.Attachment::id).collect(java.util.stream.Collectors.toSet()));
		model.addAttribute("mayAttach", IncidentAttachments.mayAttach(user, incident)
				&& incident.getStatus() != Incident.Status.CLOSED);
		model.addAttribute("limits", limits);
		model.addAttribute("levels", Taxonomy.LEVELS);
		model.addAttribute("harms", Taxonomy.HARMS);
		model.addAttribute("departments", organization.departments(user.hospitalId()).stream().filter(d -> !d.retired())
			.toList());
		names(model, user);
		return "incidents/detail";
	}

	@PostMapping("/incidents/{id}/triage")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'QUALITY_MANAGER')")
	String triage(@PathVariable UUID id, @RequestParam String level, @RequestParam(required = false) String harm,
			@RequestParam(required = false) UUID handlingDepartmentId,
			@RequestParam(required = false) Set<UUID> collaborating, RedirectAttributes redirect) {
		return step(id, redirect, "incidents.triaged", () -> management.triage(id, level,
				harm == null || harm.isBlank() ? null : harm, handlingDepartmentId,
				collaborating == null ? Set.of() : collaborating));
	}

	@PostMapping("/incidents/{id}/advance")
	String advance(@PathVariable UUID id, @RequestParam Incident.Status to, RedirectAttributes redirect) {
		return step(id, redirect, "incidents.advanced", () -> management.advance(id, to));
	}

	@PostMapping("/incidents/{id}/close")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'QUALITY_MANAGER')")
	String close(@PathVariable UUID id, @RequestParam(required = false) String feedback, RedirectAttributes redirect) {
		return step(id, redirect, "incidents.closed", () -> management.close(id, feedback));
	}

	private String step(UUID id, RedirectAttributes redirect, String success, Runnable command) {
		try {
			command.run();
			redirect.addFlashAttribute("success", success);
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("failure", ex.problems().get(0).messageKey());
		}
		return "redirect:/incidents/" + id;
	}

	private void names(Model model, CareQmsUser user) {
		Map<UUID, String> names = new LinkedHashMap<>();
		organization.departments(user.hospitalId()).forEach(d -> names.put(d.id(), d.code() + " " + d.name()));
		model.addAttribute("departmentNames", names);
	}

}
