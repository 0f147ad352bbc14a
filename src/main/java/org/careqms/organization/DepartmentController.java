package org.careqms.organization;

import java.util.UUID;

import jakarta.validation.Valid;

import org.careqms.platform.CurrentUser;
import org.careqms.platform.RuleViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
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

/** Department pages: the tree, one department, the form; retire and restore. */
@Controller
@PreAuthorize("isAuthenticated()")
class DepartmentController {

	static final String MANAGERS = "hasAnyRole('SYSTEM_ADMIN', 'QUALITY_MANAGER')";

	private final DepartmentManagement management;
	private final StaffDirectoryQueries staff;

	DepartmentController(DepartmentManagement management, StaffDirectoryQueries staff) {
		this.management = management;
		this.staff = staff;
	}

	@ModelAttribute("types")
	DepartmentType[] types() {
		return DepartmentType.values();
	}

	@GetMapping("/departments")
	String list(@RequestParam(defaultValue = "false") boolean retired, Model model) {
		model.addAttribute("nodes", management.tree(hospital(), retired));
		model.addAttribute("showRetired", retired);
		return "organization/departments/list";
	}

	@GetMapping("/departments/{id}")
	String detail(@PathVariable UUID id, Model model) {
		Department department = management.get(hospital(), id);
		model.addAttribute("department", department);
		model.addAttribute("parent", department.getParentId() == null ? null
				: management.get(hospital(), department.getParentId()));
		model.addAttribute("children", management.all(hospital()).stream()
			.filter(d -> id.equals(d.getParentId()))
			.toList());
		model.addAttribute("staffCount", staff.countActiveInDepartment(id));
		return "organization/departments/detail";
	}

	@GetMapping("/departments/new")
	@PreAuthorize(MANAGERS)
	String createForm(@RequestParam(required = false) UUID parent, Model model) {
		var form = new DepartmentForm();
		form.setParentId(parent);
		return form(model, form, null);
	}

	@PostMapping("/departments")
	@PreAuthorize(MANAGERS)
	String create(@Valid @ModelAttribute("form") DepartmentForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (!errors.hasFieldErrors("code") && management.codeTaken(hospital(), form.getCode())) {
			errors.rejectValue("code", "error.department.code-taken", new Object[] { form.getCode() }, null);
		}
		if (errors.hasErrors()) {
			return form(model, form, null);
		}
		try {
			Department created = management.create(hospital(), form);
			redirect.addFlashAttribute("success", "organization.department.created");
			return "redirect:/departments/" + created.getId();
		}
		catch (RuleViolationException ex) {
			reject(errors, ex);
			return form(model, form, null);
		}
	}

	@GetMapping("/departments/{id}/edit")
	@PreAuthorize(MANAGERS)
	String editForm(@PathVariable UUID id, Model model) {
		return form(model, DepartmentForm.of(management.get(hospital(), id)), id);
	}

	@PostMapping("/departments/{id}")
	@PreAuthorize(MANAGERS)
	String update(@PathVariable UUID id, @Valid @ModelAttribute("form") DepartmentForm form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		if (errors.hasErrors()) {
			return form(model, form, id);
		}
		try {
			management.update(hospital(), id, form);
			redirect.addFlashAttribute("success", "organization.department.updated");
			return "redirect:/departments/" + id;
		}
		catch (RuleViolationException ex) {
			reject(errors, ex);
			return form(model, form, id);
		}
		catch (OptimisticLockingFailureException ex) {
			errors.reject("error.stale");
			return form(model, form, id);
		}
	}

	@PostMapping("/departments/{id}/retire")
	@PreAuthorize(MANAGERS)
	String retire(@PathVariable UUID id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
		try {
			management.retire(hospital(), id, reason == null || reason.isBlank() ? null : reason.trim());
			redirect.addFlashAttribute("success", "organization.department.retired");
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
		}
		return "redirect:/departments/" + id;
	}

	@PostMapping("/departments/{id}/restore")
	@PreAuthorize(MANAGERS)
	String restore(@PathVariable UUID id, RedirectAttributes redirect) {
		try {
			management.restore(hospital(), id);
			redirect.addFlashAttribute("success", "organization.department.restored");
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
		}
		return "redirect:/departments/" + id;
	}

	private String form(Model model, DepartmentForm form, UUID id) {
		model.addAttribute("form", form);
		model.addAttribute("departmentId", id);
		model.addAttribute("parents", management.tree(hospital(), false).stream()
			.filter(node -> id == null || !node.department().getId().equals(id))
			.toList());
		return "organization/departments/form";
	}

	static void reject(BindingResult errors, RuleViolationException ex) {
		if (ex.field() != null) {
			errors.rejectValue(ex.field(), ex.messageKey(), ex.arguments(), null);
		}
		else {
			errors.reject(ex.messageKey(), ex.arguments(), null);
		}
	}

	private static UUID hospital() {
		return CurrentUser.require().hospitalId();
	}
}
