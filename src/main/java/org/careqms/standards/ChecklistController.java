package org.careqms.standards;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.careqms.platform.NotFoundException;
import org.careqms.platform.RuleViolationException;
import org.careqms.standards.ChecklistForms.ItemForm;
import org.careqms.standards.ChecklistForms.TemplateForm;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Checklist template pages. The draft editor changes one section or item per request: with htmx the
 * answer is the re-rendered editor fragment, without JavaScript the same forms post and come back to
 * the editor page.
 */
@Controller
@PreAuthorize("isAuthenticated()")
class ChecklistController {

	private final ChecklistTemplateManagement management;
	private final ChecklistTemplates templates;
	private final ChecklistQueries queries;
	private final CoreSystemCatalog coreSystems;
	private final MessageSource messages;

	ChecklistController(ChecklistTemplateManagement management, ChecklistTemplates templates, ChecklistQueries queries,
			CoreSystemCatalog coreSystems, MessageSource messages) {
		this.management = management;
		this.templates = templates;
		this.queries = queries;
		this.coreSystems = coreSystems;
		this.messages = messages;
	}

	@ModelAttribute("scoringMethods")
	ScoringMethod[] scoringMethods() {
		return ScoringMethod.values();
	}

	@GetMapping("/standards/checklists")
	String list(@RequestParam(defaultValue = "false") boolean retired, Model model) {
		CareQmsUser user = CurrentUser.require();
		boolean mayManage = ChecklistTemplateManagement.mayManage(user);
		model.addAttribute("templates", queries.templates(user.hospitalId(), retired, mayManage));
		model.addAttribute("retired", retired);
		model.addAttribute("mayManage", mayManage);
		return "standards/checklists";
	}

	@GetMapping("/standards/checklists/new")
	@PreAuthorize(StandardsWeb.MANAGERS)
	String createForm(Model model) {
		return form(model, new TemplateForm(), null);
	}

	@PostMapping("/standards/checklists")
	@PreAuthorize(StandardsWeb.MANAGERS)
	String create(@ModelAttribute("form") TemplateForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		try {
			long id = management.create(CurrentUser.require().hospitalId(), form.draft());
			redirect.addFlashAttribute("success", "standards.checklist.created");
			long draft = queries.template(CurrentUser.require().hospitalId(), id).orElseThrow().draftVersionId();
			return "redirect:/standards/checklists/" + id + "/versions/" + draft;
		}
		catch (InvalidInputException ex) {
			StandardsWeb.reject(errors, ex);
		}
		catch (RuleViolationException ex) {
			StandardsWeb.reject(errors, ex);
		}
		return form(model, form, null);
	}

	@GetMapping("/standards/checklists/{id}/edit")
	@PreAuthorize(StandardsWeb.MANAGERS)
	String editForm(@PathVariable long id, Model model) {
		return form(model, TemplateForm.of(template(id)), id);
	}

	@PostMapping("/standards/checklists/{id}")
	@PreAuthorize(StandardsWeb.MANAGERS)
	String update(@PathVariable long id, @ModelAttribute("form") TemplateForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		try {
			management.describe(CurrentUser.require().hospitalId(), id, form.draft());
			redirect.addFlashAttribute("success", "standards.saved");
			return "redirect:/standards/checklists/" + id;
		}
		catch (InvalidInputException ex) {
			StandardsWeb.reject(errors, ex);
		}
		return form(model, form, id);
	}

	private String form(Model model, TemplateForm form, Long id) {
		model.addAttribute("form", form);
		model.addAttribute("templateId", id);
		return "standards/checklist-form";
	}

	@PostMapping("/standards/checklists/{id}/retire")
	@PreAuthorize(StandardsWeb.MANAGERS)
	String retire(@PathVariable long id, @RequestParam(defaultValue = "true") boolean retired,
			RedirectAttributes redirect) {
		management.retire(CurrentUser.require().hospitalId(), id, retired);
		redirect.addFlashAttribute("success", retired ? "standards.checklist.retired" : "standards.checklist.restored");
		return "redirect:/standards/checklists/" + id;
	}

	@GetMapping("/standards/checklists/{id}")
	String detail(@PathVariable long id, Model model) {
		CareQmsUser user = CurrentUser.require();
		ChecklistQueries.Template template = template(id);
		boolean mayManage = ChecklistTemplateManagement.mayManage(user);
		if (template.publishedVersionId() == null && !mayManage) {
			throw new NotFoundException();
		}
		model.addAttribute("template", template);
		model.addAttribute("version", template.publishedVersionId() == null ? null
				: templates.version(user.hospitalId(), template.publishedVersionId()).orElseThrow());
		model.addAttribute("versions", queries.versions(id).stream().filter(v -> mayManage || v.published()).toList());
		model.addAttribute("mayManage", mayManage);
		model.addAttribute("coreSystems", coreSystems);
		return "standards/checklist";
	}

	@GetMapping("/standards/checklists/{id}/versions/{versionId}")
	String version(@PathVariable long id, @PathVariable long versionId, Model model) {
		CareQmsUser user = CurrentUser.require();
		ChecklistQueries.Template template = template(id);
		ChecklistTemplateVersion version = version(id, versionId);
		boolean mayManage = ChecklistTemplateManagement.mayManage(user);
		if (!version.published() && !mayManage) {
			throw new NotFoundException();
		}
		model.addAttribute("template", template);
		model.addAttribute("version", version);
		model.addAttribute("coreSystems", coreSystems);
		model.addAttribute("mayManage", mayManage);
		if (!version.published()) {
			model.addAttribute("newItem", new ItemForm());
			return "standards/checklist-editor";
		}
		return "standards/checklist-version";
	}

	@PostMapping("/standards/checklists/{id}/versions")
	@PreAuthorize(StandardsWeb.MANAGERS)
	String newVersion(@PathVariable long id, RedirectAttributes redirect) {
		try {
			long draft = management.newVersion(CurrentUser.require().hospitalId(), id);
			redirect.addFlashAttribute("success", "standards.checklist.draft-started");
			return "redirect:/standards/checklists/" + id + "/versions/" + draft;
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
			return "redirect:/standards/checklists/" + id;
		}
	}

	@PostMapping("/standards/checklists/{id}/versions/{versionId}/publish")
	@PreAuthorize(StandardsWeb.MANAGERS)
	String publish(@PathVariable long id, @PathVariable long versionId, Model model, Locale locale,
			RedirectAttributes redirect) {
		version(id, versionId);
		try {
			management.publish(CurrentUser.require().hospitalId(), versionId);
			redirect.addFlashAttribute("success", "standards.checklist.published");
			return "redirect:/standards/checklists/" + id;
		}
		catch (RuleViolationException ex) {
			// the message may name a section: shown on the editor rather than as a flash key
			redirect.addFlashAttribute("publishProblem",
					messages.getMessage(ex.messageKey(), ex.arguments(), ex.messageKey(), locale));
			return "redirect:/standards/checklists/" + id + "/versions/" + versionId;
		}
	}

	@PostMapping("/standards/checklists/{id}/versions/{versionId}/discard")
	@PreAuthorize(StandardsWeb.MANAGERS)
	String discard(@PathVariable long id, @PathVariable long versionId, RedirectAttributes redirect) {
		version(id, versionId);
		try {
			management.discardDraft(CurrentUser.require().hospitalId(), versionId);
			redirect.addFlashAttribute("success", "standards.checklist.discarded");
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
		}
		return "redirect:/standards/checklists/" + id;
	}

	// ----- the draft editor (htmx) -------------------------------------------------------------------

	@PostMapping("/standards/checklists/{id}/versions/{versionId}/sections")
	@PreAuthorize(StandardsWeb.MANAGERS)
	String addSection(@PathVariable long id, @PathVariable long versionId, @RequestParam(required = false) String title,
			HttpServletRequest request, Model model, Locale locale) {
		return edit(id, versionId, "section-new", request, model, locale,
				hospital -> management.addSection(hospital, versionId, title));
	}

	@PostMapping("/standards/checklists/{id}/versions/{versionId}/sections/{sectionId}")
	@PreAuthorize(StandardsWeb.MANAGERS)
	String renameSection(@PathVariable long id, @PathVariable long versionId, @PathVariable long sectionId,
			@RequestParam(required = false) String title, HttpServletRequest request, Model model, Locale locale) {
		section(id, versionId, sectionId);
		return edit(id, versionId, "section-" + sectionId, request, model, locale,
				hospital -> management.renameSection(hospital, sectionId, title));
	}

	@PostMapping("/standards/checklists/{id}/versions/{versionId}/sections/{sectionId}/remove")
	@PreAuthorize(StandardsWeb.MANAGERS)
	String removeSection(@PathVariable long id, @PathVariable long versionId, @PathVariable long sectionId,
			HttpServletRequest request, Model model, Locale locale) {
		section(id, versionId, sectionId);
		return edit(id, versionId, "section-" + sectionId, request, model, locale,
				hospital -> management.removeSection(hospital, sectionId));
	}

	@PostMapping("/standards/checklists/{id}/versions/{versionId}/sections/{sectionId}/move")
	@PreAuthorize(StandardsWeb.MANAGERS)
	String moveSection(@PathVariable long id, @PathVariable long versionId, @PathVariable long sectionId,
			@RequestParam int direction, HttpServletRequest request, Model model, Locale locale) {
		section(id, versionId, sectionId);
		return edit(id, versionId, "section-" + sectionId, request, model, locale,
				hospital -> management.moveSection(hospital, sectionId, direction));
	}

	@PostMapping("/standards/checklists/{id}/versions/{versionId}/sections/{sectionId}/items")
	@PreAuthorize(StandardsWeb.MANAGERS)
	String addItem(@PathVariable long id, @PathVariable long versionId, @PathVariable long sectionId,
			@ModelAttribute("item") ItemForm item, BindingResult binding, HttpServletRequest request, Model model,
			Locale locale) {
		section(id, versionId, sectionId);
		String target = "item-new-" + sectionId;
		if (binding.hasErrors()) {
			return failed(id, versionId, target, item, bindingProblems(binding, locale), request, model);
		}
		return edit(id, versionId, target, item, request, model, locale,
				hospital -> management.addItem(hospital, sectionId, item.draft()));
	}

	@PostMapping("/standards/checklists/{id}/versions/{versionId}/items/{itemId}")
	@PreAuthorize(StandardsWeb.MANAGERS)
	String updateItem(@PathVariable long id, @PathVariable long versionId, @PathVariable long itemId,
			@ModelAttribute("item") ItemForm item, BindingResult binding, HttpServletRequest request, Model model,
			Locale locale) {
		item(id, versionId, itemId);
		String target = "item-" + itemId;
		if (binding.hasErrors()) {
			return failed(id, versionId, target, item, bindingProblems(binding, locale), request, model);
		}
		return edit(id, versionId, target, item, request, model, locale,
				hospital -> management.updateItem(hospital, itemId, item.draft()));
	}

	@PostMapping("/standards/checklists/{id}/versions/{versionId}/items/{itemId}/remove")
	@PreAuthorize(StandardsWeb.MANAGERS)
	String removeItem(@PathVariable long id, @PathVariable long versionId, @PathVariable long itemId,
			HttpServletRequest request, Model model, Locale locale) {
		item(id, versionId, itemId);
		return edit(id, versionId, "item-" + itemId, request, model, locale,
				hospital -> management.removeItem(hospital, itemId));
	}

	@PostMapping("/standards/checklists/{id}/versions/{versionId}/items/{itemId}/move")
	@PreAuthorize(StandardsWeb.MANAGERS)
	String moveItem(@PathVariable long id, @PathVariable long versionId, @PathVariable long itemId,
			@RequestParam int direction, HttpServletRequest request, Model model, Locale locale) {
		item(id, versionId, itemId);
		return edit(id, versionId, "item-" + itemId, request, model, locale,
				hospital -> management.moveItem(hospital, itemId, direction));
	}

	private interface Change {

		void apply(UUID hospitalId);
	}

	private String edit(long id, long versionId, String target, HttpServletRequest request, Model model, Locale locale,
			Change change) {
		return edit(id, versionId, target, null, request, model, locale, change);
	}

	private String edit(long id, long versionId, String target, ItemForm item, HttpServletRequest request, Model model,
			Locale locale, Change change) {
		try {
			change.apply(CurrentUser.require().hospitalId());
		}
		catch (InvalidInputException ex) {
			List<String> problems = new ArrayList<>();
			ex.problems().forEach(p -> problems.add(label(p.field(), locale) + ": "
					+ messages.getMessage(p.messageKey(), p.arguments(), p.messageKey(), locale)));
			return failed(id, versionId, target, item, problems, request, model);
		}
		catch (RuleViolationException ex) {
			return failed(id, versionId, target, item,
					List.of(messages.getMessage(ex.messageKey(), ex.arguments(), ex.messageKey(), locale)), request, model);
		}
		return editor(id, versionId, request, model);
	}

	private String failed(long id, long versionId, String target, ItemForm item, List<String> problems,
			HttpServletRequest request, Model model) {
		model.addAttribute("problemTarget", target);
		model.addAttribute("problems", problems);
		model.addAttribute("rejectedItem", item);
		if (request.getHeader("HX-Request") == null) {
			// without htmx the problem is shown on the full editor page
			return renderPage(id, versionId, model);
		}
		return editor(id, versionId, request, model);
	}

	private String editor(long id, long versionId, HttpServletRequest request, Model model) {
		if (request.getHeader("HX-Request") == null && !model.containsAttribute("problems")) {
			return "redirect:/standards/checklists/" + id + "/versions/" + versionId;
		}
		ChecklistTemplateVersion version = version(id, versionId);
		if (version.published()) {
			// published meanwhile (another tab): the whole page is the right answer
			return "redirect:/standards/checklists/" + id + "/versions/" + versionId;
		}
		model.addAttribute("template", template(id));
		model.addAttribute("version", version);
		model.addAttribute("coreSystems", coreSystems);
		model.addAttribute("newItem", new ItemForm());
		return request.getHeader("HX-Request") == null ? "standards/checklist-editor"
				: "standards/checklist-editor :: editor";
	}

	private String renderPage(long id, long versionId, Model model) {
		model.addAttribute("template", template(id));
		model.addAttribute("version", version(id, versionId));
		model.addAttribute("coreSystems", coreSystems);
		model.addAttribute("newItem", new ItemForm());
		model.addAttribute("mayManage", true);
		return "standards/checklist-editor";
	}

	private List<String> bindingProblems(BindingResult binding, Locale locale) {
		return binding.getFieldErrors().stream()
			.map(e -> label(e.getField(), locale) + ": "
					+ messages.getMessage("points".equals(e.getField()) ? "error.standards.validation.points"
							: "error.standards.validation.invalid", null, locale))
			.toList();
	}

	private String label(String field, Locale locale) {
		String key = "standards.item.field." + (field == null ? "" : field.replaceAll(".*\\.", ""));
		return messages.getMessage(key, null, field == null ? "" : field, locale);
	}

	private ChecklistQueries.Template template(long id) {
		return queries.template(CurrentUser.require().hospitalId(), id).orElseThrow(NotFoundException::new);
	}

	private ChecklistTemplateVersion version(long templateId, long versionId) {
		return templates.version(CurrentUser.require().hospitalId(), versionId)
			.filter(v -> v.templateId() == templateId)
			.orElseThrow(NotFoundException::new);
	}

	private void section(long id, long versionId, long sectionId) {
		if (version(id, versionId).sections().stream().noneMatch(s -> s.id() == sectionId)) {
			throw new NotFoundException();
		}
	}

	private void item(long id, long versionId, long itemId) {
		if (version(id, versionId).item(itemId).isEmpty()) {
			throw new NotFoundException();
		}
	}
}
