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

	IncidentApiController(IncidentManagement management, OrganizationDirectory organization) {
		this.management = management;
		this.organization = organization;
	}

	record IncidentRequest(@NotNull LocalDateTime occurredAt, @NotBlank String departmentCode,
			@NotBlank String category, String level, @NotBlank @Size(max = 4000) String description,
			@Size(max = 2000) String immediateActions, boolean patientInvolved, boolean anonymous,
			Map<String, String> details) {
	}

	record IncidentView(UUID id, String reference, String status, LocalDateTime occurredAt, String departmentCode,
			String category, String level, String harm, String description, String immediateActions,
			boolean patientInvolved, boolean anonymous, Map<String, String> details, String feedback) {
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
				i.isPatientInvolved(), i.isAnonymous(), management.details(i), i.getFeedback());
	}
}
