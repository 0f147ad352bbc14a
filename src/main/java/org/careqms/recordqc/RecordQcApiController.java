package org.careqms.recordqc;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Record QC over HTTP, as api-contract.md ("Medical-record quality control") promises. */
@RestController
@RequestMapping("/api/v1/record-qc")
@Tag(name = "Record QC")
class RecordQcApiController {

	static final String MANAGERS = "hasAnyRole('SYSTEM_ADMIN', 'QUALITY_MANAGER')";

	/** The longest range one request may cover: ten years of discharges. */
	static final long MAX_DAYS = 3_660;

	/** The largest page. */
	static final int MAX_PAGE_SIZE = 10_000;

	private final JudgeRecords judge;
	private final Defects defects;
	private final JsonMapper json;

	RecordQcApiController(JudgeRecords judge, Defects defects, JsonMapper json) {
		this.judge = judge;
		this.defects = defects;
		this.json = json;
	}

	record RunRequest(String from, String to) {
	}

	record RunAnswer(UUID runId, int encounters, int defects) {
	}

	record DefectView(String encounterId, String ruleId, String documentType, String kind, String dueTime,
			String writtenTime) {
	}

	@PostMapping("/runs")
	@PreAuthorize(MANAGERS)
	@Operation(summary = "Judges every encounter discharged in the range against the hospital's active rules")
	RunAnswer run(@RequestBody RunRequest request) {
		LocalDate[] range = range(request.from(), request.to());
		CareQmsUser user = CurrentUser.require();
		var run = judge.run(user.hospitalId(), range[0], range[1], JudgeRecords.Trigger.MANUAL, CurrentUser.name());
		return new RunAnswer(run.id(), run.encounters(), run.defects());
	}

	@GetMapping("/defects")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Defects of the encounters discharged in the range, from the latest run over each; "
			+ "without page/size the whole list, streamed")
	ResponseEntity<StreamingResponseBody> defects(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		LocalDate[] range = range(from, to);
		CareQmsUser user = CurrentUser.require();
		List<UUID> scope = user.hospitalWide() ? null : List.copyOf(user.departmentIds());
		if (page != null || size != null) {
			int number = page == null ? 0 : page;
			int length = size == null ? 100 : size;
			if (number < 0) {
				throw new InvalidInputException("page", "error.recordqc.page");
			}
			if (length < 1 || length > MAX_PAGE_SIZE) {
				throw new InvalidInputException("size", "error.recordqc.size", MAX_PAGE_SIZE);
			}
			List<DefectView> slice = defects.page(user.hospitalId(), range[0], range[1], scope, number, length)
				.stream()
				.map(d -> new DefectView(d.encounterId(), d.ruleId(), d.documentType(), d.kind(), d.dueTime(),
						d.writtenTime()))
				.toList();
			return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out -> json.writeValue(out, slice));
		}
		UUID hospital = user.hospitalId();
		StreamingResponseBody body = out -> defects.write(hospital, range[0], range[1], scope, out);
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
	}

	/** The range of a request: two ISO dates, {@code from} not after {@code to}, at most ten years. */
	static LocalDate[] range(String from, String to) {
		LocalDate start = date("from", from);
		LocalDate end = date("to", to);
		if (start.isAfter(end)) {
			throw new InvalidInputException("from", "error.recordqc.range-reversed");
		}
		if (ChronoUnit.DAYS.between(start, end) > MAX_DAYS) {
			throw new InvalidInputException("to", "error.recordqc.range-too-long", MAX_DAYS);
		}
		return new LocalDate[] { start, end };
	}

	private static LocalDate date(String field, String text) {
		if (text == null || text.isBlank()) {
			throw new InvalidInputException(field, "error.recordqc.date-required");
		}
		try {
			return LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(field, "error.recordqc.date");
		}
	}
}
