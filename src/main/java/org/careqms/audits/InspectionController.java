package org.careqms.audits;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.careqms.clinicaldata.EncounterSampling;
import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.careqms.platform.RuleViolationException;
import org.careqms.standards.ChecklistItem;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One inspection: done item by item on a phone (each answer saved as it is entered, htmx), with evidence
 * photos and the record sample; submitted, it shows its score, findings and report.
 */
@Controller
@PreAuthorize("isAuthenticated()")
class InspectionController {

	private final InspectionWork work;
	private final AuditPlanning planning;
	private final AuditReport report;
	private final OrganizationDirectory organization;
	private final MessageSource messages;

	InspectionController(InspectionWork work, AuditPlanning planning, AuditReport report,
			OrganizationDirectory organization, MessageSource messages) {
		this.work = work;
		this.planning = planning;
		this.report = report;
		this.organization = organization;
		this.messages = messages;
	}

	@GetMapping("/audits/inspections/{id}")
	String detail(@PathVariable UUID id, Model model) {
		CareQmsUser user = CurrentUser.require();
		Inspection inspection = work.get(id);
		var checklist = work.checklist(inspection);
		model.addAttribute("inspection", inspection);
		model.addAttribute("checklist", checklist);
		model.addAttribute("answers", work.answers(id));
		model.addAttribute("photos", photosByItem(id));
		model.addAttribute("findings", work.findings(id));
		model.addAttribute("sample", work.sample(id));
		model.addAttribute("population", work.samplePopulation(inspection));
		model.addAttribute("score", inspection.getStatus() == InspectionStatus.SUBMITTED ? null
				: work.provisionalScore(inspection));
		model.addAttribute("mayAnswer", inspection.open() && AuditAccess.mayAnswer(user, inspection));
		model.addAttribute("mayPlan", AuditAccess.mayPlan(user));
		model.addAttribute("mayAmend", inspection.getStatus() == InspectionStatus.SUBMITTED && !user.readOnly()
				&& (inspection.assigned(user.id()) || AuditAccess.mayPlan(user)));
		model.addAttribute("amendment", work.amendment(id).orElse(null));
		model.addAttribute("photoMaxMb", work.photoMaxBytes() / (1024 * 1024));
		model.addAttribute("today", LocalDate.now());
		names(model, user, inspection);
		return "audits/inspection";
	}

	/** One answer, saved as it is entered (htmx): answers with the item re-drawn and the running score. */
	@PostMapping("/audits/inspections/{id}/answers")
	String answer(@PathVariable UUID id, @RequestParam long itemId, @RequestParam(required = false) String outcome,
			@RequestParam(required = false) String value, @RequestParam(defaultValue = "false") boolean na,
			@RequestParam(required = false) String note, Model model) {
		Inspection inspection = work.get(id);
		var checklist = work.checklist(inspection);
		ChecklistItem item = InspectionWork.item(checklist, itemId)
			.orElseThrow(() -> new InvalidInputException("itemId", "error.audits.item"));
		String error = null;
		try {
			InspectionWork.Outcome chosen = na || "NA".equals(outcome) ? InspectionWork.Outcome.NA
					: item.scoring() == org.careqms.standards.ScoringMethod.PASS_FAIL
							? outcome == null || outcome.isBlank() ? null : InspectionWork.Outcome.valueOf(outcome)
							: InspectionWork.Outcome.POINTS;
			work.answer(id, itemId, chosen, number(value), note);
		}
		catch (InvalidInputException ex) {
			error = ex.problems().get(0).messageKey();
			model.addAttribute("errorArguments", ex.problems().get(0).arguments());
		}
		catch (RuleViolationException ex) {
			error = ex.messageKey();
		}
		catch (IllegalArgumentException ex) {
			error = "error.audits.outcome";
		}
		return item(id, itemId, error, model);
	}

	/** An evidence photo of an item (htmx, multipart): answers with the item re-drawn. */
	@PostMapping("/audits/inspections/{id}/photos")
	String photo(@PathVariable UUID id, @RequestParam long itemId,
			@RequestParam(name = "photo", required = false) MultipartFile photo,
			@RequestParam(required = false) String clientId, Model model) throws IOException {
		String error = null;
		try {
			work.addPhoto(id, itemId, photo == null ? null : photo.getBytes(), clientId);
		}
		catch (InvalidInputException ex) {
			error = ex.problems().get(0).messageKey();
			model.addAttribute("errorArguments", ex.problems().get(0).arguments());
		}
		catch (RuleViolationException ex) {
			error = ex.messageKey();
		}
		return item(id, itemId, error, model);
	}

	private String item(UUID id, long itemId, String error, Model model) {
		CareQmsUser user = CurrentUser.require();
		Inspection inspection = work.get(id);
		var checklist = work.checklist(inspection);
		model.addAttribute("inspection", inspection);
		model.addAttribute("item", InspectionWork.item(checklist, itemId).orElseThrow());
		model.addAttribute("answers", work.answers(id));
		model.addAttribute("photos", photosByItem(id));
		model.addAttribute("score", work.provisionalScore(inspection));
		model.addAttribute("mayAnswer", inspection.open() && AuditAccess.mayAnswer(user, inspection));
		model.addAttribute("photoMaxMb", work.photoMaxBytes() / (1024 * 1024));
		model.addAttribute("checklist", checklist);
		model.addAttribute("oobSwap", true);
		if (error != null) {
			Object[] arguments = (Object[]) model.getAttribute("errorArguments");
			model.addAttribute("itemErrorText", messages.getMessage(error, arguments, LocaleContextHolder.getLocale()));
		}
		model.addAttribute("saved", error == null);
		return "audits/inspection :: answer-response";
	}

	@GetMapping("/audits/photos/{photoId}")
	ResponseEntity<byte[]> photoContent(@PathVariable UUID photoId) {
		var photo = work.photo(photoId);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(photo.contentType()))
			.cacheControl(CacheControl.noStore().cachePrivate())
			.header("X-Content-Type-Options", "nosniff")
			.header(HttpHeaders.CONTENT_DISPOSITION, "inline")
			.body(photo.content());
	}

	@PostMapping("/audits/inspections/{id}/submit")
	String submit(@PathVariable UUID id, RedirectAttributes redirect) {
		return step(id, redirect, () -> {
			var submitted = work.submit(id);
			redirect.addFlashAttribute("success",
					Boolean.TRUE.equals(submitted.getVetoed()) ? "audits.inspection.submitted-vetoed"
							: "audits.inspection.submitted-now");
			return id;
		});
	}

	@PostMapping("/audits/inspections/{id}/amend")
	String amend(@PathVariable UUID id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
		return step(id, redirect, () -> {
			var amendment = work.amend(id, reason);
			redirect.addFlashAttribute("success", "audits.inspection.amendment-created");
			return amendment.getId();
		});
	}

	/** Moves an inspection nobody has started to another date (the quality office). */
	@PostMapping("/audits/inspections/{id}/reschedule")
	@PreAuthorize(AuditController.PLANNERS)
	String reschedule(@PathVariable UUID id,
			@RequestParam(required = false) @org.springframework.format.annotation.DateTimeFormat(
					iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE) LocalDate plannedOn,
			@RequestParam(required = false) String reason, RedirectAttributes redirect) {
		return step(id, redirect, () -> {
			planning.reschedule(id, plannedOn, reason);
			redirect.addFlashAttribute("success", "audits.inspection.rescheduled");
			return id;
		});
	}

	@PostMapping("/audits/inspections/{id}/void")
	@PreAuthorize(AuditController.PLANNERS)
	String voidInspection(@PathVariable UUID id, @RequestParam(required = false) String reason,
			RedirectAttributes redirect) {
		return step(id, redirect, () -> {
			work.voidInspection(id, reason);
			redirect.addFlashAttribute("success", "audits.inspection.voided-now");
			return id;
		});
	}

	@PostMapping("/audits/inspections/{id}/sample")
	String sample(@PathVariable UUID id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(defaultValue = "ENCOUNTER") EncounterSampling.Unit unit,
			@RequestParam(defaultValue = "10") int size, @RequestParam(required = false) String seed,
			RedirectAttributes redirect) {
		String target = step(id, redirect, () -> {
			work.drawSample(id, from, to, unit, size, seed);
			redirect.addFlashAttribute("success", "audits.sample.drawn");
			return id;
		});
		return target + "#sample";
	}

	@GetMapping("/audits/inspections/{id}/sample.csv")
	void sampleCsv(@PathVariable UUID id, HttpServletResponse response) throws IOException {
		Inspection inspection = work.get(id);
		var lines = work.sample(id);
		Locale locale = LocaleContextHolder.getLocale();
		Map<UUID, String> names = new LinkedHashMap<>();
		organization.departments(inspection.getHospitalId()).forEach(d -> names.put(d.id(), d.code() + " " + d.name()));
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
			.filename(inspection.getReference() + "_sample.csv").build().toString());
		writeSample(inspection, lines, names, locale, response.getOutputStream());
	}

	void writeSample(Inspection inspection, List<InspectionWork.SampleLine> lines, Map<UUID, String> names,
			Locale locale, java.io.OutputStream out) throws IOException {
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		writer.write('\uFEFF'); // Excel opens UTF-8 only with a byte-order mark
		try (var csv = new CSVPrinter(writer, CSVFormat.DEFAULT)) {
			csv.printRecord(text("audits.sample.seed", locale), inspection.getSampleSeed());
			List<String> header = new ArrayList<>();
			for (String key : List.of("audits.sample.position", "audits.sample.encounter", "audits.sample.patient",
					"audits.department", "audits.sample.admitted", "audits.sample.discharged")) {
				header.add(text(key, locale));
			}
			csv.printRecord(header);
			for (var line : lines) {
				csv.printRecord(line.position(), line.encounterId(), line.patientId(),
						names.getOrDefault(line.departmentId(), ""), line.admitTime(), line.dischargeTime());
			}
		}
	}

	@GetMapping("/audits/inspections/{id}/report.pdf")
	ResponseEntity<byte[]> report(@PathVariable UUID id) {
		Inspection inspection = work.get(id);
		byte[] pdf = report.render(id, LocaleContextHolder.getLocale());
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline().filename(inspection.getReference() + ".pdf").build().toString())
			.body(pdf);
	}

	/** Where an action's "finding" link lands: the inspection, at the failed item. */
	@GetMapping("/audits/findings/{findingId}")
	String finding(@PathVariable UUID findingId) {
		return "redirect:/audits/inspections/" + work.inspectionOfFinding(findingId);
	}

	private String step(UUID id, RedirectAttributes redirect, java.util.function.Supplier<UUID> command) {
		try {
			return "redirect:/audits/inspections/" + command.get();
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("failure", ex.problems().get(0).messageKey());
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
			redirect.addFlashAttribute("failureArguments", ex.arguments());
		}
		return "redirect:/audits/inspections/" + id;
	}

	private Map<Long, List<InspectionWork.Photo>> photosByItem(UUID id) {
		Map<Long, List<InspectionWork.Photo>> byItem = new LinkedHashMap<>();
		work.photos(id).forEach(p -> byItem.computeIfAbsent(p.itemId(), i -> new ArrayList<>()).add(p));
		return byItem;
	}

	private void names(Model model, CareQmsUser user, Inspection inspection) {
		Map<UUID, String> names = new LinkedHashMap<>();
		organization.departments(user.hospitalId()).forEach(d -> names.put(d.id(), d.code() + " " + d.name()));
		model.addAttribute("departmentNames", names);
		Map<UUID, String> users = new LinkedHashMap<>();
		organization.activeUsers(user.hospitalId()).forEach(u -> users.put(u.id(), u.displayName()));
		model.addAttribute("auditorNames", inspection.auditorIds().stream().map(u -> users.getOrDefault(u, "—")).toList());
	}

	private String text(String key, Locale locale) {
		return messages.getMessage(key, null, locale);
	}

	private static BigDecimal number(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return new BigDecimal(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("value", "error.audits.number");
		}
	}
}
