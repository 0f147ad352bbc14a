package org.careqms.audits;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.careqms.clinicaldata.EncounterSampling;
import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.careqms.standards.ChecklistItem;
import org.careqms.standards.ScoringMethod;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Audits over HTTP: plans, inspections with their answers, submission, scores, record samples and
 * the report PDF. Departments are named by code, users by username, checklist items by code.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Audits and inspections")
@PreAuthorize("isAuthenticated()")
class AuditApiController {

	private final AuditPlanning planning;
	private final InspectionWork work;
	private final AuditQueries queries;
	private final AuditReport report;
	private final OrganizationDirectory organization;

	AuditApiController(AuditPlanning planning, InspectionWork work, AuditQueries queries, AuditReport report,
			OrganizationDirectory organization) {
		this.planning = planning;
		this.work = work;
		this.queries = queries;
		this.report = report;
		this.organization = organization;
	}

	record PlanRequest(@Size(max = 200) String title, AuditType auditType, Long templateVersionId,
			List<String> departmentCodes, List<String> auditors, LocalDate plannedOn, YearMonth firstMonth,
			YearMonth lastMonth, Integer dayOfMonth, @Size(max = 2000) String notes) {
	}

	record PlanChangeRequest(Long templateVersionId, List<String> departmentCodes, List<String> auditors,
			@Size(max = 500) String reason) {
	}

	record PlanChangeView(UUID id, String title, String template, long templateVersionId, List<String> departments,
			List<String> auditors, List<InspectionLine> updated, List<InspectionLine> added, List<InspectionLine> removed,
			List<InspectionLine> unchanged) {
	}

	record RescheduleRequest(LocalDate plannedOn, @Size(max = 500) String reason) {
	}

	record InspectionLine(UUID id, String reference, AuditType auditType, String department, String template,
			LocalDate plannedOn, String status, BigDecimal scorePercent, Boolean vetoed) {
	}

	record PlanView(UUID id, String title, AuditType auditType, String template, long templateVersionId,
			List<String> departments, boolean voided, List<InspectionLine> inspections) {
	}

	record AnswerRequest(String outcome, BigDecimal value, @Size(max = 2000) String note) {
	}

	record AnswerView(String item, String outcome, BigDecimal earned, String note, String answeredBy,
			Instant answeredAt) {
	}

	record FindingView(UUID id, String item, String text, boolean critical, String note) {
	}

	record InspectionView(UUID id, String reference, AuditType auditType, String department, String template,
			long templateVersionId, LocalDate plannedOn, String status, List<String> auditors, BigDecimal earned,
			BigDecimal possible, BigDecimal scorePercent, Boolean vetoed, UUID amends, List<AnswerView> answers,
			List<FindingView> findings) {
	}

	record SampleRequest(LocalDate from, LocalDate to, EncounterSampling.Unit unit, Integer size,
			@Size(max = 64) String seed) {
	}

	record SampleLine(int position, String encounterId, String patientId, String department,
			LocalDateTime admitTime, LocalDateTime dischargeTime) {
	}

	record SampleView(String seed, String unit, LocalDate from, LocalDate to, Integer size, long population,
			List<SampleLine> lines) {
	}

	record ScoreRow(String department, int inspections, BigDecimal meanPercent, BigDecimal lastPercent, int vetoed,
			int findings, int criticalFindings) {
	}

	@GetMapping("/audit-plans")
	@Operation(summary = "Plans of a year with their inspection counts, as the caller may see them")
	List<AuditQueries.PlanLine> plans(@RequestParam(required = false) Integer year) {
		return queries.plans(CurrentUser.require(), year == null ? LocalDate.now().getYear() : year);
	}

	@PostMapping("/audit-plans")
	@PreAuthorize(AuditController.PLANNERS)
	@Operation(summary = "Plan an audit: 201 with the generated inspections (one per department and date)")
	ResponseEntity<PlanView> plan(@Valid @RequestBody PlanRequest request) {
		CareQmsUser user = CurrentUser.require();
		Map<String, UUID> codes = departmentCodes(user);
		Set<UUID> departments = new LinkedHashSet<>();
		for (String code : request.departmentCodes() == null ? List.<String>of() : request.departmentCodes()) {
			UUID id = codes.get(code);
			if (id == null) {
				throw new InvalidInputException("departmentCodes", "error.audits.departments");
			}
			departments.add(id);
		}
		Map<String, UUID> usernames = organization.activeUsers(user.hospitalId()).stream()
			.collect(Collectors.toMap(OrganizationDirectory.UserSummary::username, OrganizationDirectory.UserSummary::id));
		Set<UUID> auditors = new LinkedHashSet<>();
		for (String username : request.auditors() == null ? List.<String>of() : request.auditors()) {
			UUID id = usernames.get(username);
			if (id == null) {
				throw new InvalidInputException("auditors", "error.audits.auditors");
			}
			auditors.add(id);
		}
		if (request.plannedOn() == null && request.firstMonth() == null) {
			throw new InvalidInputException("plannedOn", "error.audits.planned-on");
		}
		var planned = planning.plan(new AuditPlanning.PlanDraft(request.title(), request.auditType(),
				request.templateVersionId(), departments, auditors, request.plannedOn(),
				request.plannedOn() == null ? request.firstMonth() : null,
				request.plannedOn() == null ? request.lastMonth() : null,
				request.plannedOn() == null ? request.dayOfMonth() : null, request.notes()));
		AuditPlan plan = planned.plan();
		Map<UUID, String> names = departmentNames(user);
		return ResponseEntity.created(URI.create("/api/v1/audit-plans/" + plan.getId()))
			.body(new PlanView(plan.getId(), plan.getTitle(), plan.getAuditType(), plan.getTemplateName(),
					plan.getTemplateVersionId(), plan.departmentIds().stream().map(names::get).toList(), plan.isVoided(),
					planned.inspections().stream().map(i -> line(i, names)).toList()));
	}

	@PutMapping("/audit-plans/{id}")
	@PreAuthorize(AuditController.PLANNERS)
	@Operation(summary = "Change a saved plan (checklist version of the same template, departments, auditors, with a "
			+ "reason): applies to its inspections not yet started; started and submitted ones stay as they are")
	PlanChangeView changePlan(@PathVariable UUID id, @Valid @RequestBody PlanChangeRequest request) {
		CareQmsUser user = CurrentUser.require();
		// retired departments too: one may stay in a plan it was in (adding one is refused by the planning)
		Map<String, UUID> codes = organization.departments(user.hospitalId()).stream()
			.collect(Collectors.toMap(OrganizationDirectory.DepartmentSummary::code,
					OrganizationDirectory.DepartmentSummary::id, (a, b) -> a));
		Set<UUID> departments = new LinkedHashSet<>();
		for (String code : request.departmentCodes() == null ? List.<String>of() : request.departmentCodes()) {
			UUID department = codes.get(code);
			if (department == null) {
				throw new InvalidInputException("departmentCodes", "error.audits.departments");
			}
			departments.add(department);
		}
		Map<String, UUID> usernames = organization.activeUsers(user.hospitalId()).stream()
			.collect(Collectors.toMap(OrganizationDirectory.UserSummary::username, OrganizationDirectory.UserSummary::id));
		Set<UUID> auditors = new LinkedHashSet<>();
		for (String username : request.auditors() == null ? List.<String>of() : request.auditors()) {
			UUID auditor = usernames.get(username);
			if (auditor == null) {
				throw new InvalidInputException("auditors", "error.audits.auditors");
			}
			auditors.add(auditor);
		}
		var changed = planning.change(id, new AuditPlanning.PlanChange(request.templateVersionId(), departments,
				auditors, request.reason()));
		AuditPlan plan = changed.plan();
		Map<UUID, String> names = departmentNames(user);
		Map<UUID, String> logins = organization.activeUsers(user.hospitalId()).stream()
			.collect(Collectors.toMap(OrganizationDirectory.UserSummary::id, OrganizationDirectory.UserSummary::username));
		return new PlanChangeView(plan.getId(), plan.getTitle(), plan.getTemplateName(), plan.getTemplateVersionId(),
				plan.departmentIds().stream().map(names::get).toList(),
				plan.auditorIds().stream().map(logins::get).toList(),
				changed.updated().stream().map(i -> line(i, names)).toList(),
				changed.added().stream().map(i -> line(i, names)).toList(),
				changed.removed().stream().map(i -> line(i, names)).toList(),
				changed.untouched().stream().map(i -> line(i, names)).toList());
	}

	@PutMapping("/inspections/{id}/planned-on")
	@PreAuthorize(AuditController.PLANNERS)
	@Operation(summary = "Move an inspection nobody has started to another date (with a reason); a started one is 409")
	InspectionView reschedule(@PathVariable UUID id, @Valid @RequestBody RescheduleRequest request) {
		return view(planning.reschedule(id, request.plannedOn(), request.reason()));
	}

	@GetMapping("/inspections")
	@Operation(summary = "Inspections planned in a period (default: this month) the caller may see")
	List<InspectionLine> inspections(
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) String department, @RequestParam(required = false) InspectionStatus status) {
		CareQmsUser user = CurrentUser.require();
		LocalDate start = from == null ? YearMonth.now().atDay(1) : from;
		LocalDate end = to == null ? YearMonth.from(start).atEndOfMonth() : to;
		if (end.isBefore(start) || start.plusYears(2).isBefore(end)) {
			throw new InvalidInputException("to", "error.audits.period");
		}
		UUID departmentId = null;
		if (department != null) {
			departmentId = departmentCodes(user).get(department);
			if (departmentId == null) {
				throw new InvalidInputException("department", "error.audits.departments");
			}
		}
		Map<UUID, String> names = departmentNames(user);
		return queries.inspections(user, start, end, departmentId, status == null ? null : status.name(), false, 5000)
			.stream()
			.map(l -> new InspectionLine(l.id(), l.reference(), l.auditType(), names.get(l.departmentId()),
					l.templateName(), l.plannedOn(), l.status().name(), l.scorePercent(), l.vetoed()))
			.toList();
	}

	@GetMapping("/inspections/{id}")
	@Operation(summary = "An inspection with its answers and findings; one the caller may not see is 404")
	InspectionView inspection(@PathVariable UUID id) {
		return view(work.get(id));
	}

	@PutMapping("/inspections/{id}/answers/{itemCode}")
	@Operation(summary = "Answer one item: outcome PASS/FAIL (pass-fail items), POINTS with value (points earned, "
			+ "or points deducted for a deduction item), or NA where the item allows it")
	AnswerView answer(@PathVariable UUID id, @PathVariable String itemCode, @Valid @RequestBody AnswerRequest request) {
		Inspection inspection = work.get(id);
		ChecklistItem item = work.checklist(inspection).items().filter(i -> i.code().equals(itemCode)).findFirst()
			.orElseThrow(() -> new InvalidInputException("itemCode", "error.audits.item"));
		InspectionWork.Outcome outcome;
		if (request.outcome() == null) {
			outcome = item.scoring() == ScoringMethod.PASS_FAIL ? null : InspectionWork.Outcome.POINTS;
		}
		else {
			try {
				outcome = InspectionWork.Outcome.valueOf(request.outcome());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("outcome", "error.audits.outcome");
			}
		}
		var answer = work.answer(id, item.id(), outcome, request.value(), request.note());
		return new AnswerView(item.code(), answer.outcome().name(), answer.earned(), answer.note(), answer.answeredBy(),
				answer.answeredAt());
	}

	@PostMapping("/inspections/{id}/submit")
	@Operation(summary = "Submit: scores the inspection (a failed critical item vetoes it), raises a finding per "
			+ "failed item; 409 while items are unanswered or once submitted")
	InspectionView submit(@PathVariable UUID id) {
		return view(work.submit(id));
	}

	@GetMapping(value = "/inspections/{id}/report.pdf", produces = { MediaType.APPLICATION_PDF_VALUE,
			MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE })
	@Operation(summary = "The inspection report as PDF, in the language of Accept-Language (zh-CN or en)")
	ResponseEntity<byte[]> report(@PathVariable UUID id) {
		Inspection inspection = work.get(id);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(inspection.getReference() + ".pdf").build().toString())
			.body(report.render(id, LocaleContextHolder.getLocale()));
	}

	@PostMapping("/inspections/{id}/sample")
	@Operation(summary = "Draw the inspection's record sample (抽查); the same seed draws the same records")
	SampleView drawSample(@PathVariable UUID id, @Valid @RequestBody SampleRequest request) {
		work.drawSample(id, request.from(), request.to(), request.unit(), request.size() == null ? 10 : request.size(),
				request.seed());
		return sampleView(work.get(id));
	}

	@GetMapping("/inspections/{id}/sample")
	@Operation(summary = "The inspection's record sample with its seed")
	SampleView sample(@PathVariable UUID id) {
		return sampleView(work.get(id));
	}

	@GetMapping("/audit-scores")
	@Operation(summary = "Scores per department over months (YYYY-MM; default the last twelve)")
	List<ScoreRow> scores(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
		CareQmsUser user = CurrentUser.require();
		YearMonth end = to == null ? YearMonth.now() : month("to", to);
		YearMonth start = from == null ? end.minusMonths(11) : month("from", from);
		if (start.isAfter(end) || start.plusMonths(60).isBefore(end)) {
			throw new InvalidInputException("from", "error.audits.period");
		}
		Map<UUID, String> names = departmentNames(user);
		return queries.departmentScores(user, start, end).stream()
			.map(r -> new ScoreRow(names.get(r.departmentId()), r.inspections(), r.meanPercent(), r.lastPercent(),
					r.vetoed(), r.findings(), r.criticalFindings()))
			.toList();
	}

	private SampleView sampleView(Inspection inspection) {
		Map<UUID, String> names = departmentNames(CurrentUser.require());
		List<SampleLine> lines = new ArrayList<>();
		for (var line : work.sample(inspection.getId())) {
			lines.add(new SampleLine(line.position(), line.encounterId(), line.patientId(), names.get(line.departmentId()),
					line.admitTime(), line.dischargeTime()));
		}
		return new SampleView(inspection.getSampleSeed(), inspection.getSampleUnit(), inspection.getSampleFrom(),
				inspection.getSampleTo(), inspection.getSampleSize(), work.samplePopulation(inspection), lines);
	}

	private InspectionView view(Inspection inspection) {
		CareQmsUser user = CurrentUser.require();
		var checklist = work.checklist(inspection);
		Map<Long, String> codes = checklist.items().collect(Collectors.toMap(ChecklistItem::id, ChecklistItem::code));
		Map<UUID, String> usernames = organization.activeUsers(user.hospitalId()).stream()
			.collect(Collectors.toMap(OrganizationDirectory.UserSummary::id, OrganizationDirectory.UserSummary::username));
		List<AnswerView> answers = work.answers(inspection.getId()).values().stream()
			.map(a -> new AnswerView(codes.get(a.itemId()), a.outcome().name(), a.earned(), a.note(), a.answeredBy(),
					a.answeredAt()))
			.toList();
		List<FindingView> findings = work.findings(inspection.getId()).stream()
			.map(f -> new FindingView(f.id(), f.itemCode(), f.itemText(), f.critical(), f.note()))
			.toList();
		return new InspectionView(inspection.getId(), inspection.getReference(), inspection.getAuditType(),
				departmentNames(user).get(inspection.getDepartmentId()), inspection.getTemplateName(),
				inspection.getTemplateVersionId(), inspection.getPlannedOn(), inspection.getStatus().name(),
				inspection.auditorIds().stream().map(u -> usernames.getOrDefault(u, null)).toList(),
				inspection.getEarned(), inspection.getPossible(), inspection.getScorePercent(), inspection.getVetoed(),
				inspection.getAmendsId(), answers, findings);
	}

	private static InspectionLine line(Inspection i, Map<UUID, String> names) {
		return new InspectionLine(i.getId(), i.getReference(), i.getAuditType(), names.get(i.getDepartmentId()),
				i.getTemplateName(), i.getPlannedOn(), i.getStatus().name(), i.getScorePercent(), i.getVetoed());
	}

	private Map<String, UUID> departmentCodes(CareQmsUser user) {
		return organization.departments(user.hospitalId()).stream().filter(d -> !d.retired())
			.collect(Collectors.toMap(OrganizationDirectory.DepartmentSummary::code, OrganizationDirectory.DepartmentSummary::id));
	}

	private Map<UUID, String> departmentNames(CareQmsUser user) {
		return organization.departments(user.hospitalId()).stream()
			.collect(Collectors.toMap(OrganizationDirectory.DepartmentSummary::id, OrganizationDirectory.DepartmentSummary::code,
					(a, b) -> a, java.util.LinkedHashMap::new));
	}

	private static YearMonth month(String field, String text) {
		YearMonth month = AuditController.parseMonth(text);
		if (month == null) {
			throw new InvalidInputException(field, "error.audits.period");
		}
		return month;
	}
}
