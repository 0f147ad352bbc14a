package org.careqms.recordqc;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Following defects up over HTTP: the defects addressed to the caller, one defect with its appeals,
 * rectification, appeals (申诉) and the quality office's decisions.
 */
@RestController
@RequestMapping("/api/v1/record-qc")
@Tag(name = "Record QC")
class DefectFollowUpApiController {

	/** Who may rectify or appeal (further limited to the defect's doctor and its department's QC officers and head). */
	static final String RESPONSIBLE = "hasAnyRole('DEPARTMENT_HEAD', 'QC_OFFICER', 'STAFF')";

	private final DefectFollowUps followUps;

	DefectFollowUpApiController(DefectFollowUps followUps) {
		this.followUps = followUps;
	}

	record DefectView(UUID id, String encounterId, String ruleId, String documentType, String kind, String dueTime,
			String writtenTime, String eventTime, UUID departmentId, String doctorId, BigDecimal deduction,
			Instant raisedAt, String status, String rectifyNote, Instant appealDeadline, boolean dueSoon) {

		static DefectView of(DefectFollowUps.Item item) {
			return new DefectView(item.id(), item.encounterId(), item.ruleId(), item.documentType(), item.kind(),
					item.dueTime(), item.writtenTime(), item.eventTime(), item.departmentId(), item.doctorId(),
					item.deduction(), item.raisedAt(), item.status() == null ? "OPEN" : item.status().name(),
					item.rectifyNote(), item.appealDeadline(), item.dueSoon());
		}
	}

	record DefectDetail(DefectView defect, List<DefectFollowUps.Appeal> appeals) {
	}

	record RectifyRequest(String note) {
	}

	record AppealRequest(String reason, String explanation) {
	}

	record DecisionRequest(Boolean upheld, String note) {
	}

	@GetMapping("/my-defects")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Open defects addressed to the caller (as the responsible doctor, or the department's QC "
			+ "officer or head); dueSoon=true: missing documents whose deadline has not passed yet")
	List<DefectView> mine(@RequestParam(defaultValue = "false") boolean dueSoon,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
		if (page < 0) {
			throw new InvalidInputException("page", "error.recordqc.page");
		}
		if (size < 1 || size > RecordQcApiController.MAX_PAGE_SIZE) {
			throw new InvalidInputException("size", "error.recordqc.size", RecordQcApiController.MAX_PAGE_SIZE);
		}
		return followUps.mine(CurrentUser.require(), dueSoon, page, size).stream().map(DefectView::of).toList();
	}

	@GetMapping("/defects/{id}")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "One defect of the latest judgement with its follow-up and appeals; another department's: 404")
	DefectDetail defect(@PathVariable UUID id) {
		CareQmsUser user = CurrentUser.require();
		return new DefectDetail(DefectView.of(followUps.visible(user, id)), followUps.appealsOf(user.hospitalId(), id));
	}

	@PostMapping("/defects/{id}/rectification")
	@PreAuthorize(RESPONSIBLE)
	@Operation(summary = "Mark the defect rectified (note required); the next run over the record confirms or reopens it")
	DefectView rectify(@PathVariable UUID id, @RequestBody RectifyRequest request) {
		return DefectView.of(followUps.rectify(CurrentUser.require(), id, request.note()));
	}

	@PostMapping("/defects/{id}/appeals")
	@PreAuthorize(RESPONSIBLE)
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Appeal the defect: 201; 409 while another appeal of it is open or after the deadline")
	DefectFollowUps.Appeal appeal(@PathVariable UUID id, @RequestBody AppealRequest request) {
		return followUps.appeal(CurrentUser.require(), id, request.reason(), request.explanation());
	}

	@GetMapping("/appeals")
	@PreAuthorize(RecordQcApiController.MANAGERS)
	@Operation(summary = "The quality office's appeal queue (status OPEN by default, oldest first)")
	List<DefectFollowUps.Appeal> appeals(@RequestParam(defaultValue = "OPEN") String status,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
		AppealStatus wanted;
		try {
			wanted = AppealStatus.valueOf(status);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("status", "error.recordqc.appeal-status");
		}
		if (page < 0) {
			throw new InvalidInputException("page", "error.recordqc.page");
		}
		if (size < 1 || size > RecordQcApiController.MAX_PAGE_SIZE) {
			throw new InvalidInputException("size", "error.recordqc.size", RecordQcApiController.MAX_PAGE_SIZE);
		}
		return followUps.appeals(CurrentUser.require().hospitalId(), wanted, page, size);
	}

	@PostMapping("/appeals/{id}/decision")
	@PreAuthorize(RecordQcApiController.MANAGERS)
	@Operation(summary = "Decide an open appeal: upheld waives the defect (no longer counted in score and grade); "
			+ "rejected needs a note; 409 if already decided")
	DefectFollowUps.Appeal decide(@PathVariable UUID id, @RequestBody DecisionRequest request) {
		return followUps.decide(CurrentUser.require(), id, request.upheld(), request.note());
	}
}
