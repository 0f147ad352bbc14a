package org.careqms.standards;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.NotFoundException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Regulations and SOPs for other systems (an intranet portal, a training system): the documents in
 * force, and the caller's read acknowledgement. Repeating an acknowledgement changes nothing.
 */
@RestController
@RequestMapping("/api/v1/standards/documents")
@Tag(name = "Standards")
@PreAuthorize("isAuthenticated()")
class DocumentApiController {

	private final DocumentManagement management;
	private final DocumentQueries queries;
	private final OrganizationDirectory organization;

	DocumentApiController(DocumentManagement management, DocumentQueries queries, OrganizationDirectory organization) {
		this.management = management;
		this.queries = queries;
		this.organization = organization;
	}

	record VersionInForce(UUID versionId, int versionNumber, LocalDate effectiveDate) {
	}

	record DocumentView(UUID id, String code, String title, String type, String ownerDepartment,
			List<String> coreSystems, VersionInForce versionInForce, boolean acknowledged) {
	}

	record AcknowledgementView(UUID versionId, boolean acknowledged, LocalDateTime acknowledgedAt) {
	}

	@GetMapping
	@Operation(summary = "Active documents with their version in force and whether the caller acknowledged it")
	List<DocumentView> list(@RequestParam(required = false) DocumentType type,
			@RequestParam(defaultValue = "false") boolean unread) {
		CareQmsUser user = CurrentUser.require();
		Map<UUID, String> codes = organization.departments(user.hospitalId()).stream()
			.collect(Collectors.toMap(OrganizationDirectory.DepartmentSummary::id, OrganizationDirectory.DepartmentSummary::code));
		return queries.list(user.hospitalId(), user.id(), type, null, unread, false).stream()
			.map(l -> new DocumentView(l.id(), l.code(), l.title(), l.type().name(),
					l.ownerDepartmentId() == null ? null : codes.get(l.ownerDepartmentId()), l.coreSystems(),
					l.currentVersionId() == null ? null
							: new VersionInForce(l.currentVersionId(), l.currentVersion(), l.effectiveDate()),
					l.acknowledgedByMe()))
			.toList();
	}

	@PostMapping("/{id}/versions/{versionId}/acknowledgement")
	@PreAuthorize("isAuthenticated() and !hasRole('AUDITOR')")
	@Operation(summary = "The caller confirms having read the version in force: 200 (again: 200, nothing new); a superseded version is 409")
	AcknowledgementView acknowledge(@PathVariable UUID id, @PathVariable UUID versionId) {
		CareQmsUser user = CurrentUser.require();
		queries.document(user.hospitalId(), id).orElseThrow(NotFoundException::new);
		if (queries.versions(id).stream().noneMatch(v -> v.id().equals(versionId))) {
			throw new NotFoundException();
		}
		management.acknowledge(versionId);
		var mine = queries.acknowledgements(versionId).stream().filter(a -> a.userId().equals(user.id())).findFirst()
			.orElseThrow();
		return new AcknowledgementView(versionId, true, mine.acknowledgedAt());
	}
}
