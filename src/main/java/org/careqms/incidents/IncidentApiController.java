package org.careqms.incidents;

import java.net.URI;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Adverse events over HTTP, as api-contract.md promises. */
@RestController
@RequestMapping("/api/v1/incidents")
@Tag(name = "Adverse events")
@PreAuthorize("isAuthenticated()")
class IncidentApiController {

	private final IncidentManagement management;
	private final OrganizationDirectory organization;
	private final IncidentAttachments attachments;

	IncidentApiController(IncidentManagement management, OrganizationDirectory organization,
			IncidentAttachments attachments) {
		this.management = management;
		this.organization = organization;
		this.attachments = attachments;
	}

	record AttachmentView(UUID id, String fileName, String mediaType, long sizeBytes, String uploadedBy,
			java.time.Instant uploadedAt, boolean voided, String voidReason) {

		static AttachmentView of(IncidentAttachments.Attachment a) {
			return new AttachmentView(a.id(), a.fileName(), a.mediaType(), a.sizeBytes(), a.uploadedBy(), a.uploadedAt(),
					a.voided(), a.voidReason());
		}
	}

	record VoidRequest(String reason) {
	}

	@PostMapping(path = "/{id}/attachments", consumes = org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'QUALITY_MANAGER', 'DEPARTMENT_HEAD', 'QC_OFFICER', 'STAFF')")
	@Operation(summary = "Attach photos or documents (part `file`, one or more): 201; type by content, 400 for a "
			+ "type not accepted, 413 over a size limit")
	ResponseEntity<java.util.List<AttachmentView>> attach(@PathVariable UUID id,
			@org.springframework.web.bind.annotation.RequestPart(name = "file", required = false)
			java.util.List<org.springframework.web.multipart.MultipartFile> files) {
		Incident incident = management.get(id);
		var stored = attachments.add(incident, attachments.read(files));
		return ResponseEntity.created(URI.create("/api/v1/incidents/" + id + "/attachments"))
			.body(stored.stream().map(AttachmentView::of).toList());
	}

	@GetMapping("/{id}/attachments")
	@Operation(summary = "The attachments of a report (voided ones only for the quality office)")
	java.util.List<AttachmentView> attachments(@PathVariable UUID id) {
		var user = CurrentUser.require();
		boolean quality = user.hasRole(org.careqms.platform.Role.QUALITY_MANAGER)
				|| user.hasRole(org.careqms.platform.Role.SYSTEM_ADMIN);
		return attachments.list(management.get(id)).stream().filter(a -> quality || !a.voided())
			.map(AttachmentView::of).toList();
	}

	@GetMapping("/{id}/attachments/{attachmentId}")
	@Operation(summary = "The file itself; images inline, everything else as a download")
	ResponseEntity<byte[]> attachment(@PathVariable UUID id, @PathVariable UUID attachmentId) {
		return IncidentAttachments.serve(attachments.content(management.get(id), attachmentId));
	}

	@PostMapping("/{id}/attachments/{attachmentId}/void")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'QUALITY_MANAGER', 'DEPARTMENT_HEAD', 'QC_OFFICER', 'STAFF')")
	@Operation(summary = "Void an attachment with a reason (kept, audited, no longer shown)")
	AttachmentView voidAttachment(@PathVariable UUID id, @PathVariable UUID attachmentId,
			@RequestBody(required = false) VoidRequest request) {
		return AttachmentView.of(attachments.voidAttachment(management.get(id), attachmentId,
				request == null ? null : request.reason()));
	}

	record IncidentRequest(@NotNull LocalDateTime occurredAt, @NotBlank String departmentCode,
			@NotBlank String category, String level, @NotBlank @Size(max = 4000) String description,
			@Size(max = 2000) String immediateActions, boolean patientInvolved, boolean anonymous,
			Map<String, String> details) {
	}

	record IncidentView(UUID id, String reference, String status, LocalDateTime occurredAt, String departmentCode,
			String category, String level, String harm, String description, String immediateActions,
			boolean patientInvolved, boolean anonymous, Map<String, String> details, String feedback,
			boolean viaPublicLink, String reporterName) {
	}

	@PostMapping
	@Operation(summary = "Report an adverse event: 201; an Idempotency-Key makes a retry return the first result")
	ResponseEntity<IncidentView> report(@Valid @RequestBody IncidentRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
		if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 100)) {
			throw new InvalidInputException("Idempotency-Key", "error.incidents.idempotency-key");
		}
		UUID hospital = CurrentUser.require().hospitalId();
		UUID department = organization.departments(hospital).stream()
			.filter(d -> d.code().equals(request.departmentCode()) && !d.retired())
			.findFirst()
			.map(OrganizationDirectory.DepartmentSummary::id)
			.orElseThrow(() -> new InvalidInputException("departmentCode", "error.incidents.department"));
		var submitted = management.report(new IncidentManagement.Report(request.occurredAt(), department,
				request.category(), request.level(), request.description(), request.immediateActions(),
				request.patientInvolved(), request.anonymous(), request.details()), idempotencyKey);
		Incident incident = submitted.incident();
		return ResponseEntity.created(URI.create("/api/v1/incidents/" + incident.getId())).body(view(incident));
	}

	@GetMapping("/{id}")
	@Operation(summary = "A report as the caller may see it; another department's report is 404")
	IncidentView get(@PathVariable UUID id) {
		return view(management.get(id));
	}

	private IncidentView view(Incident i) {
		String code = organization.department(i.getHospitalId(), i.getDepartmentId()).map(d -> d.code()).orElse(null);
		return new IncidentView(i.getId(), i.getReference(), i.getStatus().name(), i.getOccurredAt(), code,
				i.getCategory(), i.getLevel(), i.getHarm(), i.getDescription(), i.getImmediateActions(),
				i.isPatientInvolved(), i.isAnonymous(), management.details(i), i.getFeedback(), i.isViaPublicLink(),
				i.getReporterName());
	}
}
