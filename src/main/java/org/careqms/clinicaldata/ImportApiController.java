package org.careqms.clinicaldata;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.careqms.platform.CurrentUser;
import org.careqms.platform.ProblemResponses;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * The imports of api-contract.md: a CSV file per request (part {@code file}), or FHIR R4 Bundles
 * (the request body, or one or more parts {@code file}), answered with the counts and the reasons of
 * every rejected row; a file that cannot be read at all is a 400 problem.
 */
@RestController
@RequestMapping("/api/v1/imports")
@Tag(name = "Clinical data imports")
@PreAuthorize(ImportApiController.IMPORTERS)
class ImportApiController {

	/** Who may import clinical data and see the import history. */
	static final String IMPORTERS = "hasAnyRole('SYSTEM_ADMIN', 'QUALITY_MANAGER')";

	/** The media type of FHIR JSON. */
	static final String FHIR_JSON = "application/fhir+json";

	private final ImportClinicalData imports;
	private final ImportRuns runs;
	private final MessageSource messages;
	private final ProblemResponses problems;

	ImportApiController(ImportClinicalData imports, ImportRuns runs, MessageSource messages,
			ProblemResponses problems) {
		this.imports = imports;
		this.runs = runs;
		this.messages = messages;
		this.problems = problems;
	}

	/** One rejected row's reason. {@code line} is null when the file as a whole was refused. */
	record ErrorView(Long line, String column, String message) {
	}

	/** The answer to an import; {@code skipped} only for FHIR (encounters left out, not rejected). */
	record ImportAnswer(UUID runId, String kind, boolean dryRun, int accepted, int rejected,
			@JsonInclude(JsonInclude.Include.NON_NULL) Integer skipped, List<String> warnings, List<ErrorView> errors,
			boolean errorsTruncated) {
	}

	/** A run in the history. */
	record RunView(UUID runId, String kind, String fileName, boolean dryRun, String status, int accepted,
			int rejected, int skipped, List<String> warnings, String startedBy, LocalDateTime startedAt,
			LocalDateTime finishedAt) {
	}

	@PostMapping(path = "/encounters", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Import encounters.csv (one row per discharge); dryRun=true only validates")
	ImportAnswer encounters(@RequestPart("file") MultipartFile file,
			@RequestParam(defaultValue = "false") boolean dryRun, Locale locale) throws IOException {
		return run(ImportKind.ENCOUNTERS, file, dryRun, locale);
	}

	@PostMapping(path = "/procedures", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Import procedures.csv (procedures and operations of imported encounters)")
	ImportAnswer procedures(@RequestPart("file") MultipartFile file,
			@RequestParam(defaultValue = "false") boolean dryRun, Locale locale) throws IOException {
		return run(ImportKind.PROCEDURES, file, dryRun, locale);
	}

	@PostMapping(path = "/record-documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Import record-documents.csv (medical-record documents of imported encounters)")
	ImportAnswer recordDocuments(@RequestPart("file") MultipartFile file,
			@RequestParam(defaultValue = "false") boolean dryRun, Locale locale) throws IOException {
		return run(ImportKind.RECORD_DOCUMENTS, file, dryRun, locale);
	}

	@PostMapping(path = "/inpatients", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Import inpatients.csv, the census of patients in hospital (a CareQMS extension, not part "
			+ "of the shared contract): replaces the running stays; dryRun=true only validates")
	ImportAnswer inpatients(@RequestPart("file") MultipartFile file,
			@RequestParam(defaultValue = "false") boolean dryRun, Locale locale) throws IOException {
		return run(ImportKind.INPATIENTS, file, dryRun, locale);
	}

	@PostMapping(path = "/fhir", consumes = { FHIR_JSON, MediaType.APPLICATION_JSON_VALUE })
	@Operation(summary = "Import a FHIR R4 Bundle (request body): inpatient encounters as discharges, with their "
			+ "procedures and diagnoses; other encounters are skipped and counted (docs/fhir-mapping.md)")
	ImportAnswer fhir(HttpServletRequest request, @RequestParam(defaultValue = "false") boolean dryRun,
			@RequestParam(required = false) String defaultDepartment, Locale locale) {
		var bundle = new ImportClinicalData.FhirFile(null, request::getInputStream);
		return answer(imports.runFhir(List.of(bundle), dryRun, blankToNull(defaultDepartment), locale), locale);
	}

	@PostMapping(path = "/fhir", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Import FHIR R4 Bundles, one per part file, in one transaction (docs/fhir-mapping.md)")
	ImportAnswer fhirFiles(@RequestPart("file") List<MultipartFile> files,
			@RequestParam(defaultValue = "false") boolean dryRun,
			@RequestParam(required = false) String defaultDepartment, Locale locale) {
		List<ImportClinicalData.FhirFile> bundles = files.stream()
			.map(file -> new ImportClinicalData.FhirFile(file.getOriginalFilename(), file::getInputStream))
			.toList();
		return answer(imports.runFhir(bundles, dryRun, blankToNull(defaultDepartment), locale), locale);
	}

	@GetMapping
	@Operation(summary = "The hospital's import runs, newest first (at most limit, default 50, up to 500)")
	List<RunView> history(@RequestParam(defaultValue = "50") int limit, Locale locale) {
		return runs.latest(hospital(), Math.max(1, Math.min(limit, 500)))
			.stream()
			.map(run -> new RunView(run.id(), run.kind().name(), run.fileName(), run.dryRun(), run.status(),
					run.accepted(), run.rejected(), run.skipped(), texts(run.warnings(), locale), run.startedBy(),
					run.startedAt(), run.finishedAt()))
			.toList();
	}

	@GetMapping("/{runId}/errors.csv")
	@Operation(summary = "The rejected rows of a run as CSV: line,column,message")
	void errors(@PathVariable UUID runId, Locale locale, HttpServletResponse response) throws IOException {
		writeErrorsCsv(runs, runs.get(hospital(), runId), locale, response);
	}

	/** Streams a run's rejected rows as a CSV download (UTF-8 with a BOM, so that Excel reads Chinese). */
	static void writeErrorsCsv(ImportRuns runs, ImportRuns.Run run, Locale locale, HttpServletResponse response)
			throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition",
				"attachment; filename=\"import-" + run.id() + "-errors.csv\"");
		Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		out.write('\uFEFF');
		runs.writeErrors(run.id(), locale, out);
		out.flush();
	}

	@ExceptionHandler(UnreadableFileException.class)
	ResponseEntity<ProblemDetail> unreadable(HttpServletRequest request, UnreadableFileException ex) {
		ProblemDetail problem = problems.problem(request, HttpStatus.BAD_REQUEST, "import." + ex.code(),
				ex.messageKey(), ex.arguments());
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	@ExceptionHandler({ MissingServletRequestPartException.class, MultipartException.class })
	ResponseEntity<ProblemDetail> noFile(HttpServletRequest request, Exception ex) {
		ProblemDetail problem = problems.problem(request, HttpStatus.BAD_REQUEST, "import.no-file",
				"clinicaldata.unreadable.no-file");
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private ImportAnswer run(ImportKind kind, MultipartFile file, boolean dryRun, Locale locale) throws IOException {
		try (InputStream in = file.getInputStream()) {
			return answer(imports.run(kind, file.getOriginalFilename(), in, dryRun, locale), locale);
		}
	}

	private ImportAnswer answer(ImportResult result, Locale locale) {
		return new ImportAnswer(result.runId(), result.kind().name(), result.dryRun(), result.accepted(),
				result.rejected(), result.kind() == ImportKind.FHIR ? result.skipped() : null,
				texts(result.warnings(), locale),
				result.errors()
					.stream()
					.map(e -> new ErrorView(e.line() == 0 ? null : e.line(), e.column(),
							e.reason().render(messages, locale)))
					.toList(),
				result.errorsTruncated());
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	private List<String> texts(List<Text> texts, Locale locale) {
		return texts.stream().map(text -> text.render(messages, locale)).toList();
	}

	private static UUID hospital() {
		return CurrentUser.require().hospitalId();
	}
}
