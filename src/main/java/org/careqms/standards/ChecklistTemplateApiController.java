package org.careqms.standards;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Checklist templates over HTTP. Everyone signed in reads published versions; the quality office and
 * administrators also see drafts, create templates, replace a draft's content and publish. Creating a
 * template twice with the same code is a 409, so a retried creation never makes two.
 */
@RestController
@RequestMapping("/api/v1/checklist-templates")
@Tag(name = "Checklist templates")
@PreAuthorize("isAuthenticated()")
class ChecklistTemplateApiController {

	private final ChecklistTemplateManagement management;
	private final ChecklistTemplates templates;
	private final ChecklistQueries queries;

	ChecklistTemplateApiController(ChecklistTemplateManagement management, ChecklistTemplates templates,
			ChecklistQueries queries) {
		this.management = management;
		this.templates = templates;
		this.queries = queries;
	}

	record ItemRequest(String code, String text, String guidance, ScoringMethod scoring, BigDecimal points,
			Boolean critical, Boolean notApplicableAllowed, String coreSystemCheckId) {

		ChecklistTemplateManagement.ItemDraft draft() {
			return new ChecklistTemplateManagement.ItemDraft(code, text, guidance, scoring, points,
					Boolean.TRUE.equals(critical), Boolean.TRUE.equals(notApplicableAllowed), coreSystemCheckId);
		}
	}

	record SectionRequest(String title, List<ItemRequest> items) {

		ChecklistTemplateManagement.SectionDraft draft() {
			return new ChecklistTemplateManagement.SectionDraft(title,
					items == null ? List.of() : items.stream().map(i -> i == null ? null : i.draft()).toList());
		}
	}

	record TemplateRequest(String code, String name, String description, List<String> auditTypes,
			List<SectionRequest> sections, Boolean publish) {
	}

	record ContentRequest(List<SectionRequest> sections) {
	}

	record VersionSummary(long versionId, int versionNumber, boolean published) {
	}

	record TemplateView(long id, String code, String name, String description, List<String> auditTypes,
			boolean retired, VersionSummary publishedVersion, VersionSummary draftVersion) {
	}

	record TemplateDetail(long id, String code, String name, String description, List<String> auditTypes,
			boolean retired, List<VersionSummary> versions) {
	}

	private static List<ChecklistTemplateManagement.SectionDraft> sections(List<SectionRequest> sections) {
		return sections == null ? List.of() : sections.stream().map(s -> s == null ? null : s.draft()).toList();
	}

	@GetMapping
	@Operation(summary = "Active templates with their latest published version (and drafts, for the quality office)")
	List<TemplateView> list() {
		CareQmsUser user = CurrentUser.require();
		boolean manager = ChecklistTemplateManagement.mayManage(user);
		return queries.templates(user.hospitalId(), false, manager).stream().map(t -> view(t, manager)).toList();
	}

	@GetMapping("/{id}")
	@Operation(summary = "One template and its versions; 404 for another hospital's")
	TemplateDetail get(@PathVariable long id) {
		CareQmsUser user = CurrentUser.require();
		boolean manager = ChecklistTemplateManagement.mayManage(user);
		var t = queries.template(user.hospitalId(), id).filter(x -> manager || x.publishedVersionId() != null)
			.orElseThrow(NotFoundException::new);
		return new TemplateDetail(t.id(), t.code(), t.name(), t.description(), t.auditTypes(), t.retired(),
				queries.versions(id).stream().filter(v -> manager || v.published())
					.map(v -> new VersionSummary(v.id(), v.number(), v.published())).toList());
	}

	@GetMapping("/{id}/versions/{versionId}")
	@Operation(summary = "A version with its sections and items; drafts only for the quality office")
	ChecklistTemplateVersion version(@PathVariable long id, @PathVariable long versionId) {
		return visible(id, versionId);
	}

	@PostMapping
	@PreAuthorize(StandardsWeb.MANAGERS)
	@Operation(summary = "Create a template with its first version's sections and items; publish it at once when asked")
	ResponseEntity<ChecklistTemplateVersion> create(@RequestBody TemplateRequest request) {
		UUID hospital = CurrentUser.require().hospitalId();
		long id = management.createComplete(hospital, new ChecklistTemplateManagement.TemplateDraft(request.code(),
				request.name(), request.description(), request.auditTypes()), sections(request.sections()),
				Boolean.TRUE.equals(request.publish()));
		ChecklistTemplateVersion version = templates.version(hospital, firstVersion(id)).orElseThrow();
		return ResponseEntity.created(URI.create("/api/v1/checklist-templates/" + id + "/versions/" + version.versionId()))
			.body(version);
	}

	@PostMapping("/{id}/versions")
	@PreAuthorize(StandardsWeb.MANAGERS)
	@Operation(summary = "Start the next version as a copy of the latest; 409 while a draft exists")
	ResponseEntity<ChecklistTemplateVersion> newVersion(@PathVariable long id) {
		UUID hospital = CurrentUser.require().hospitalId();
		long draft = management.newVersion(hospital, id);
		return ResponseEntity.created(URI.create("/api/v1/checklist-templates/" + id + "/versions/" + draft))
			.body(templates.version(hospital, draft).orElseThrow());
	}

	@PutMapping("/{id}/versions/{versionId}")
	@PreAuthorize(StandardsWeb.MANAGERS)
	@Operation(summary = "Replace a draft's sections and items; 409 for a published version")
	ChecklistTemplateVersion replace(@PathVariable long id, @PathVariable long versionId,
			@RequestBody ContentRequest request) {
		visible(id, versionId);
		UUID hospital = CurrentUser.require().hospitalId();
		management.replaceContent(hospital, versionId, sections(request.sections()));
		return templates.version(hospital, versionId).orElseThrow();
	}

	@PostMapping("/{id}/versions/{versionId}/publish")
	@PreAuthorize(StandardsWeb.MANAGERS)
	@Operation(summary = "Publish a draft: from then on it never changes; 409 when already published or empty")
	ChecklistTemplateVersion publish(@PathVariable long id, @PathVariable long versionId) {
		visible(id, versionId);
		UUID hospital = CurrentUser.require().hospitalId();
		management.publish(hospital, versionId);
		return templates.version(hospital, versionId).orElseThrow();
	}

	private ChecklistTemplateVersion visible(long id, long versionId) {
		CareQmsUser user = CurrentUser.require();
		return templates.version(user.hospitalId(), versionId)
			.filter(v -> v.templateId() == id)
			.filter(v -> v.published() || ChecklistTemplateManagement.mayManage(user))
			.orElseThrow(NotFoundException::new);
	}

	private long firstVersion(long templateId) {
		return queries.versions(templateId).stream().mapToLong(ChecklistQueries.VersionLine::id).min().orElseThrow();
	}

	private static TemplateView view(ChecklistQueries.Template t, boolean manager) {
		return new TemplateView(t.id(), t.code(), t.name(), t.description(), t.auditTypes(), t.retired(),
				t.publishedVersionId() == null ? null
						: new VersionSummary(t.publishedVersionId(), t.publishedNumber(), true),
				!manager || t.draftVersionId() == null ? null
						: new VersionSummary(t.draftVersionId(), t.draftNumber(), false));
	}
}
