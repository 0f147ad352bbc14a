package org.careqms.clinicaldata;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.careqms.platform.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The import pages: the history with the upload form for the CSV files (a FHIR Bundle posted here
 * is imported as by the API, without a default department) (htmx posts the file and shows the upload's
 * progress), and one run's result with its rejected rows.
 */
@Controller
@PreAuthorize(ImportApiController.IMPORTERS)
class ImportController {

	/** Rejections shown on the result page; the CSV download has all stored ones. */
	static final int SHOWN_ERRORS = 200;

	private final ImportClinicalData imports;
	private final ImportRuns runs;
	private final MessageSource messages;

	private final org.careqms.organization.OrganizationDirectory organization;

	ImportController(ImportClinicalData imports, ImportRuns runs, MessageSource messages,
			org.careqms.organization.OrganizationDirectory organization) {
		this.imports = imports;
		this.runs = runs;
		this.messages = messages;
		this.organization = organization;
	}

	@GetMapping("/imports")
	String list(Model model) {
		return page(model);
	}

	/**
	 * Runs an upload. htmx gets an {@code HX-Redirect} to the result, or the form again with the reason
	 * a file could not be read; without JavaScript the browser is redirected or shown the page again.
	 */
	@PostMapping("/imports")
	String upload(@RequestParam(required = false) ImportKind kind,
			@RequestParam(defaultValue = "false") boolean dryRun, @RequestParam(required = false) MultipartFile file,
			@RequestParam(required = false) String defaultDepartment,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Locale locale, Model model,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		ImportKind chosen = kind == null ? ImportKind.ENCOUNTERS : kind;
		model.addAttribute("chosenKind", chosen);
		model.addAttribute("dryRun", dryRun);
		if (file == null || file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) {
			return refused(model, htmx, Text.of("clinicaldata.unreadable.no-file").render(messages, locale));
		}
		try (InputStream in = file.getInputStream()) {
			ImportResult result = chosen == ImportKind.FHIR
					? imports.runFhir(List.of(new ImportClinicalData.FhirFile(file.getOriginalFilename(), () -> in)),
							dryRun, defaultDepartment == null || defaultDepartment.isBlank() ? null : defaultDepartment,
							locale)
					: imports.run(chosen, file.getOriginalFilename(), in, dryRun, locale);
			if (htmx != null) {
				response.setHeader("HX-Redirect", request.getContextPath() + "/imports/" + result.runId());
				return null;
			}
			return "redirect:/imports/" + result.runId();
		}
		catch (UnreadableFileException ex) {
			return refused(model, htmx, ex.reason().render(messages, locale));
		}
	}

	@GetMapping("/imports/{runId}")
	String result(@PathVariable UUID runId, Locale locale, Model model) {
		ImportRuns.Run run = runs.get(hospital(), runId);
		model.addAttribute("run", run);
		model.addAttribute("warnings", run.warnings().stream().map(w -> w.render(messages, locale)).toList());
		model.addAttribute("errors", runs.errors(runId, SHOWN_ERRORS)
			.stream()
			.map(e -> new ImportApiController.ErrorView(e.line() == 0 ? null : e.line(), e.column(),
					e.reason().render(messages, locale)))
			.toList());
		model.addAttribute("shownErrors", SHOWN_ERRORS);
		return "clinicaldata/result";
	}

	@GetMapping("/imports/{runId}/errors.csv")
	void errors(@PathVariable UUID runId, Locale locale, HttpServletResponse response) throws IOException {
		ImportApiController.writeErrorsCsv(runs, runs.get(hospital(), runId), locale, response);
	}

	private String refused(Model model, String htmx, String reason) {
		model.addAttribute("uploadError", reason);
		if (htmx != null) {
			model.addAttribute("kinds", uploadKinds());
			model.addAttribute("departments", organization.departments(hospital()).stream().filter(d -> !d.retired()).toList());
			return "clinicaldata/list :: upload-form";
		}
		return page(model);
	}

	private String page(Model model) {
		model.addAttribute("kinds", uploadKinds());
		model.addAttribute("departments", organization.departments(hospital()).stream().filter(d -> !d.retired()).toList());
		model.addAttribute("runs", runs.latest(hospital(), 50));
		if (!model.containsAttribute("chosenKind")) {
			model.addAttribute("chosenKind", ImportKind.ENCOUNTERS);
			model.addAttribute("dryRun", false);
		}
		return "clinicaldata/list";
	}

	/** The three CSV files of the contract, and FHIR R4 Bundles. */
	private static List<ImportKind> uploadKinds() {
		var kinds = new java.util.ArrayList<>(ImportKind.csvFiles());
		kinds.add(ImportKind.FHIR);
		return kinds;
	}

	private static UUID hospital() {
		return CurrentUser.require().hospitalId();
	}
}
