package org.careqms.improvement;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.careqms.platform.RuleViolationException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The action register over HTTP; department codes, not ids, name departments. */
@RestController
@RequestMapping("/api/v1/actions")
@Tag(name = "Improvement actions")
@PreAuthorize("isAuthenticated()")
class ActionApiController {

	private final ActionManagement management;
	private final ActionQueries queries;
	private final OrganizationDirectory organization;

	ActionApiController(ActionManagement management, ActionQueries queries, OrganizationDirectory organization) {
		this.management = management;
		this.queries = queries;
		this.organization = organization;
	}

	record ActionView(UUID id, String reference, String title, String source, String responsibleDepartment,
			LocalDate dueDate, String status, int escalationLevel, String indicator, String strength, UUID incidentId,
			String rootCause) {
	}

	record ActionRequest(@NotBlank @Size(max = 200) String title, @Size(max = 4000) String description,
			String responsibleDepartment, @NotNull LocalDate dueDate, @Size(max = 1000) String expectedResult,
			String indicator) {
	}

	@GetMapping
	@Operation(summary = "Actions the caller may see (state=active|closed|all, overdue=true)")
	List<ActionView> list(@RequestParam(defaultValue = "active") String state,
			@RequestParam(defaultValue = "false") boolean overdue) {
		CareQmsUser user = CurrentUser.require();
		Map<UUID, String> codes = codes(user);
		return queries.find(user, new ActionQueries.Filter(state, null, overdue, null), LocalDate.now(), 1000).stream()
			.map(l -> new ActionView(l.id(), l.reference(), l.title(), l.sourceType(),
					l.responsibleDepartmentId() == null ? null : codes.get(l.responsibleDepartmentId()), l.dueDate(),
					l.status(), l.escalationLevel(), l.indicatorCode(), l.strength(), l.incidentId(), l.rootCause()))
			.toList();
	}

	@GetMapping("/{id}")
	@Operation(summary = "One action; another department's action is 404")
	ActionView get(@PathVariable UUID id) {
		return view(management.get(id));
	}

	@PostMapping
	@PreAuthorize(ActionController.OPENERS)
	@Operation(summary = "Open an action: 201")
	ResponseEntity<ActionView> create(@Valid @RequestBody ActionRequest request) {
		CareQmsUser user = CurrentUser.require();
		UUID department = null;
		if (request.responsibleDepartment() != null) {
			department = organization.departments(user.hospitalId()).stream()
				.filter(d -> d.code().equals(request.responsibleDepartment()) && !d.retired())
				.findFirst()
				.map(OrganizationDirectory.DepartmentSummary::id)
				.orElseThrow(() -> new InvalidInputException("responsibleDepartment", "error.action.department-unknown"));
		}
		try {
			ImprovementAction action = management.create(new ActionManagement.ActionDraft(request.title().trim(),
					request.description(), department, null, request.dueDate(), request.expectedResult(), null, Set.of(),
					request.indicator(), request.indicator() == null ? null : department));
			return ResponseEntity.created(URI.create("/api/v1/actions/" + action.getId())).body(view(action));
		}
		catch (RuleViolationException ex) {
			throw new InvalidInputException(ex.field(), ex.messageKey(), ex.arguments());
		}
	}

	private ActionView view(ImprovementAction a) {
		Map<UUID, String> codes = codes(CurrentUser.require());
		return new ActionView(a.getId(), a.getReference(), a.getTitle(), a.getSourceType().name(),
				a.getResponsibleDepartmentId() == null ? null : codes.get(a.getResponsibleDepartmentId()), a.getDueDate(),
				a.getStatus().name(), a.getEscalationLevel(), a.getIndicatorCode(),
				a.getStrength() == null ? null : a.getStrength().name(), a.getIncidentId(), a.getRootCause());
	}

	private Map<UUID, String> codes(CareQmsUser user) {
		return organization.departments(user.hospitalId()).stream()
			.collect(Collectors.toMap(OrganizationDirectory.DepartmentSummary::id, OrganizationDirectory.DepartmentSummary::code));
	}
}
