package org.careqms.standards;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.careqms.platform.NotFoundException;
import org.careqms.platform.RuleViolationException;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Regulation and SOP pages: the list, one document with its versions and acknowledgements, the forms. */
@Controller
@PreAuthorize("isAuthenticated()")
class DocumentController {

	private final DocumentManagement management;
	private final DocumentQueries queries;
	private final DocumentFiles files;
	private final CoreSystemCatalog coreSystems;
	private final OrganizationDirectory organization;

	DocumentController(DocumentManagement management, DocumentQueries queries, DocumentFiles files,
			CoreSystemCatalog coreSystems, OrganizationDirectory organization) {
		this.management = management;
		this.queries = queries;
		this.files = files;
		this.coreSystems = coreSystems;
		this.organization = organization;
	}

	@ModelAttribute("documentTypes")
	DocumentType[] documentTypes() {
		return DocumentType.values();
	}

	@GetMapping("/standards/documents")
	String list(@RequestParam(required = false) DocumentType type, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "false") boolean unread, @RequestParam(defaultValue = "false") boolean retired,
			Model model, Locale locale) {
		CareQmsUser user = CurrentUser.require();
		model.addAttribute("lines", queries.list(user.hospitalId(), user.id(), type, q, unread, retired));
		model.addAttribute("type", type);
		model.addAttribute("q", q);
		model.addAttribute("unread", unread);
		model.addAttribute("retired", retired);
		model.addAttribute("departmentNames", departmentNames(user.hospitalId(), locale));
		model.addAttribute("mayManage", DocumentManagement.mayManage(user));
		return "standards/documents";
	}

	@GetMapping("/standards/documents/new")
	@PreAuthorize(StandardsWeb.MANAGERS)
	String createForm(Model model, Locale locale) {
		return form(model, new DocumentForm(), null, locale);
	}

	@PostMapping("/standards/documents")
	@PreAuthorize(StandardsWeb.MANAGERS)
	String create(@ModelAttribute("form") DocumentForm form, BindingResult errors, Model model, Locale locale,
			RedirectAttributes redirect) {
		if (errors.hasErrors()) {
			return form(model, form, null, locale);
		}
		try {
			UUID id = management.create(CurrentUser.require().hospitalId(), form.draft());
			redirect.addFlashAttribute("success", "standards.document.created");
			return "redirect:/standards/documents/" + id;
		}
		catch (InvalidInputException ex) {
			StandardsWeb.reject(errors, ex);
		}
		catch (RuleViolationException ex) {
			StandardsWeb.reject(errors, ex);
		}
		return form(model, form, null, locale);
	}

	@GetMapping("/standards/documents/{id}/edit")
	@PreAuthorize(StandardsWeb.MANAGERS)
	String editForm(@PathVariable UUID id, Model model, Locale locale) {
		return form(model, DocumentForm.of(document(id)), id, locale);
	}

	@PostMapping("/standards/documents/{id}")
	@PreAuthorize(StandardsWeb.MANAGERS)
	String update(@PathVariable UUID id, @ModelAttribute("form") DocumentForm form, BindingResult errors, Model model,
			Locale locale, RedirectAttributes redirect) {
		if (errors.hasErrors()) {
			return form(model, form, id, locale);
		}
		try {
			management.describe(CurrentUser.require().hospitalId(), id, form.draft());
			redirect.addFlashAttribute("success", "standards.saved");
			return "redirect:/standards/documents/" + id;
		}
		catch (InvalidInputException ex) {
			StandardsWeb.reject(errors, ex);
		}
		return form(model, form, id, locale);
	}

	private String form(Model model, DocumentForm form, UUID id, Locale locale) {
		model.addAttribute("form", form);
		model.addAttribute("documentId", id);
		model.addAttribute("departments", organization.departments(CurrentUser.require().hospitalId()).stream()
			.filter(d -> !d.retired() || d.id().equals(form.getOwnerDepartmentId()))
			.toList());
		model.addAttribute("systems", coreSystems.systems());
		return "standards/document-form";
	}

	@PostMapping("/standards/documents/{id}/retire")
	@PreAuthorize(StandardsWeb.MANAGERS)
	String retire(@PathVariable UUID id, @RequestParam(defaultValue = "true") boolean retired,
			RedirectAttributes redirect) {
		management.retire(CurrentUser.require().hospitalId(), id, retired);
		redirect.addFlashAttribute("success", retired ? "standards.document.retired" : "standards.document.restored");
		return "redirect:/standards/documents/" + id;
	}

	@GetMapping("/standards/documents/{id}")
	String detail(@PathVariable UUID id, Model model, Locale locale) {
		CareQmsUser user = CurrentUser.require();
		DocumentQueries.Document document = document(id);
		List<DocumentQueries.Version> versions = queries.versions(id);
		DocumentQueries.Version current = versions.stream().filter(v -> v.status() == DocumentStatus.PUBLISHED)
			.findFirst().orElse(null);
		DocumentQueries.Version draft = versions.stream().filter(v -> v.status() == DocumentStatus.DRAFT).findFirst()
			.orElse(null);
		boolean mayManage = DocumentManagement.mayManage(user);
		model.addAttribute("document", document);
		model.addAttribute("current", current);
		model.addAttribute("draft", mayManage ? draft : null);
		model.addAttribute("versions", versions.stream()
			.filter(v -> mayManage || v.status() != DocumentStatus.DRAFT).toList());
		model.addAttribute("mayManage", mayManage);
		if (current != null) {
			var acknowledgements = queries.acknowledgements(current.id());
			model.addAttribute("acknowledgements", acknowledgements);
			model.addAttribute("acknowledgedByMe", acknowledgements.stream().anyMatch(a -> a.userId().equals(user.id())));
			model.addAttribute("completion", queries.completion(user.hospitalId(), current.id()));
		}
		model.addAttribute("mayAcknowledge", !user.readOnly());
		model.addAttribute("owner", document.ownerDepartmentId() == null ? null
				: departmentNames(user.hospitalId(), locale).get(document.ownerDepartmentId()));
		model.addAttribute("systems", document.coreSystems().stream()
			.map(coreSystems::system).flatMap(java.util.Optional::stream).toList());
		return "standards/document";
	}

	@GetMapping("/standards/documents/{id}/versions/{versionId}")
	String version(@PathVariable UUID id, @PathVariable UUID versionId, Model model) {
		CareQmsUser user = CurrentUser.require();
		DocumentQueries.Document document = document(id);
		DocumentQueries.Version version = visibleVersion(user, id, versionId);
		model.addAttribute("document", document);
		model.addAttribute("version", version);
		return "standards/document-version";
	}

	@PostMapping("/standards/documents/{id}/versions")
	@PreAuthorize(StandardsWeb.MANAGERS)
	String newVersion(@PathVariable UUID id, RedirectAttributes redirect) {
		try {
			UUID draft = management.newVersion(CurrentUser.require().hospitalId(), id);
			redirect.addFlashAttribute("success", "standards.document.draft-started");
			return "redirect:/standards/documents/" + id + "/versions/" + draft + "/edit";
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
			return "redirect:/standards/documents/" + id;
		}
	}

	@GetMapping("/standards/documents/{id}/versions/{versionId}/edit")
	@PreAuthorize(StandardsWeb.MANAGERS)
	String editVersion(@PathVariable UUID id, @PathVariable UUID versionId, Model model) {
		DocumentQueries.Version version = visibleVersion(CurrentUser.require(), id, versionId);
		if (version.status() != DocumentStatus.DRAFT) {
			return "redirect:/standards/documents/" + id + "/versions/" + versionId;
		}
		return versionForm(model, id, version, DocumentVersionForm.of(version));
	}

	private String versionForm(Model model, UUID id, DocumentQueries.Version version, DocumentVersionForm form) {
		model.addAttribute("document", document(id));
		model.addAttribute("version", version);
		model.addAttribute("form", form);
		model.addAttribute("maxMegabytes", files.maxBytes() / (1024 * 1024));
		model.addAttribute("accept", DocumentFiles.KINDS.keySet().stream().sorted().map(e -> "." + e)
			.collect(java.util.stream.Collectors.joining(",")));
		return "standards/document-version-form";
	}

	@PostMapping("/standards/documents/{id}/versions/{versionId}")
	@PreAuthorize(StandardsWeb.MANAGERS)
	String saveVersion(@PathVariable UUID id, @PathVariable UUID versionId,
			@ModelAttribute("form") DocumentVersionForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		DocumentQueries.Version version = visibleVersion(CurrentUser.require(), id, versionId);
		if (errors.hasErrors()) {
			return versionForm(model, id, version, form);
		}
		try {
			management.saveDraft(CurrentUser.require().hospitalId(), versionId, form.text());
			redirect.addFlashAttribute("success", "standards.saved");
			return "redirect:/standards/documents/" + id + "/versions/" + versionId + "/edit";
		}
		catch (InvalidInputException ex) {
			StandardsWeb.reject(errors, ex);
		}
		catch (RuleViolationException ex) {
			StandardsWeb.reject(errors, ex);
		}
		return versionForm(model, id, version, form);
	}

	@PostMapping("/standards/documents/{id}/versions/{versionId}/file")
	@PreAuthorize(StandardsWeb.MANAGERS)
	String attach(@PathVariable UUID id, @PathVariable UUID versionId,
			@RequestParam(name = "file", required = false) MultipartFile file, Model model,
			RedirectAttributes redirect) {
		DocumentQueries.Version version = visibleVersion(CurrentUser.require(), id, versionId);
		try {
			management.attach(CurrentUser.require().hospitalId(), versionId, file);
			redirect.addFlashAttribute("success", "standards.document.file-attached");
			return "redirect:/standards/documents/" + id + "/versions/" + versionId + "/edit";
		}
		catch (InvalidInputException ex) {
			model.addAttribute("fileError", ex.problems().get(0));
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
			return "redirect:/standards/documents/" + id;
		}
		return versionForm(model, id, version, DocumentVersionForm.of(version));
	}

	@PostMapping("/standards/documents/{id}/versions/{versionId}/file/remove")
	@PreAuthorize(StandardsWeb.MANAGERS)
	String detach(@PathVariable UUID id, @PathVariable UUID versionId, RedirectAttributes redirect) {
		return step(id, versionId, redirect, () -> management.detach(CurrentUser.require().hospitalId(), versionId),
				"standards.document.file-removed", "/edit");
	}

	@PostMapping("/standards/documents/{id}/versions/{versionId}/publish")
	@PreAuthorize(StandardsWeb.MANAGERS)
	String publish(@PathVariable UUID id, @PathVariable UUID versionId, RedirectAttributes redirect) {
		try {
			management.publish(CurrentUser.require().hospitalId(), versionId);
			redirect.addFlashAttribute("success", "standards.document.published");
			return "redirect:/standards/documents/" + id;
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
			return "redirect:/standards/documents/" + id + "/versions/" + versionId + "/edit";
		}
	}

	@PostMapping("/standards/documents/{id}/versions/{versionId}/discard")
	@PreAuthorize(StandardsWeb.MANAGERS)
	String discard(@PathVariable UUID id, @PathVariable UUID versionId, RedirectAttributes redirect) {
		try {
			management.discardDraft(CurrentUser.require().hospitalId(), versionId);
			redirect.addFlashAttribute("success", "standards.document.discarded");
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
		}
		return "redirect:/standards/documents/" + id;
	}

	@PostMapping("/standards/documents/{id}/versions/{versionId}/acknowledge")
	@PreAuthorize("isAuthenticated() and !hasRole('AUDITOR')")
	String acknowledge(@PathVariable UUID id, @PathVariable UUID versionId, RedirectAttributes redirect) {
		document(id);
		try {
			management.acknowledge(versionId);
			redirect.addFlashAttribute("success", "standards.document.acknowledged");
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
		}
		return "redirect:/standards/documents/" + id;
	}

	/** The attached file, to signed-in users of the hospital only, always as a download. */
	@GetMapping("/standards/documents/{id}/versions/{versionId}/file")
	ResponseEntity<Resource> file(@PathVariable UUID id, @PathVariable UUID versionId) throws IOException {
		CareQmsUser user = CurrentUser.require();
		document(id);
		DocumentQueries.Version version = visibleVersion(user, id, versionId);
		if (!version.hasFile()) {
			throw new NotFoundException();
		}
		Path path = files.path(user.hospitalId(), version.storageKey());
		if (!Files.isRegularFile(path)) {
			throw new NotFoundException();
		}
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(version.fileName(), StandardCharsets.UTF_8).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.header(HttpHeaders.CACHE_CONTROL, "private, no-store")
			.contentType(MediaType.parseMediaType(version.fileType()))
			.contentLength(Files.size(path))
			.body(new FileSystemResource(path));
	}

	private String step(UUID id, UUID versionId, RedirectAttributes redirect, Runnable action, String success,
			String suffix) {
		try {
			action.run();
			redirect.addFlashAttribute("success", success);
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
		}
		return "redirect:/standards/documents/" + id + "/versions/" + versionId + suffix;
	}

	private DocumentQueries.Document document(UUID id) {
		return queries.document(CurrentUser.require().hospitalId(), id).orElseThrow(NotFoundException::new);
	}

	/** A version of the document; drafts only for those who write documents. */
	private DocumentQueries.Version visibleVersion(CareQmsUser user, UUID documentId, UUID versionId) {
		document(documentId);
		return queries.versions(documentId).stream()
			.filter(v -> v.id().equals(versionId))
			.filter(v -> v.status() != DocumentStatus.DRAFT || DocumentManagement.mayManage(user))
			.findFirst()
			.orElseThrow(NotFoundException::new);
	}

	Map<UUID, String> departmentNames(UUID hospitalId, Locale locale) {
		Map<UUID, String> names = new LinkedHashMap<>();
		organization.departments(hospitalId).forEach(d -> names.put(d.id(),
				CoreSystemCatalog.english(locale) && d.nameEn() != null ? d.nameEn() : d.name()));
		return names;
	}
}
