package org.careqms.organization;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import org.careqms.platform.CareQmsUser;
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

/**
 * Staff pages: the list (filtered by department and a search box), one person, the form; retire and
 * restore. Department-bound users only ever see staff of their departments.
 */
@Controller
@PreAuthorize("isAuthenticated()")
class StaffController {

	private final StaffManagement management;
	private final StaffDirectoryQueries queries;
	private final DepartmentManagement departments;

	StaffController(StaffManagement management, StaffDirectoryQueries queries, DepartmentManagement departments) {
		this.management = management;
		this.queries = queries;
		this.departments = departments;
	}

	@ModelAttribute("professions")
	Profession[] professions() {
		return Profession.values();
	}

	@ModelAttribute("titles")
	StaffTitle[] titles() {
		return StaffTitle.values();
	}

	@GetMapping("/staff")
	String list(@RequestParam(required = false) UUID department, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "false") boolean retired, @RequestParam(defaultValue = "0") int page,
			Model model) {
		CareQmsUser user = CurrentUser.require();
		String text = DepartmentForm.trimToNull(q);
		if (text != null && text.length() > 100) {
			text = text.substring(0, 100);
		}
		var filter = new StaffDirectoryQueries.StaffFilter(department, text, retired);
		model.addAttribute("result", queries.search(user.hospitalId(), filter, Math.max(0, page),
				StaffDirectoryQueries.PAGE_SIZE));
		model.addAttribute("department", department);
		model.addAttribute("q", text);
		model.addAttribute("showRetired", retired);
		model.addAttribute("departments", visibleDepartments(user));
		model.addAttribute("mayCreate", !managedDepartments(user).isEmpty());
		return "organization/staff/list";
	}

	@GetMapping("/staff/{id}")
	String detail(@PathVariable UUID id, Model model) {
		CareQmsUser user = CurrentUser.require();
		Staff member = management.get(user.hospitalId(), id);
		model.addAttribute("member", member);
		model.addAttribute("department", departments.get(user.hospitalId(), member.getDepartmentId()));
		model.addAttribute("committees", queries.activeCommitteesOf(id));
		model.addAttribute("mayManage", OrganizationAccess.mayManage(user, member.getDepartmentId()));
		return "organization/staff/detail";
	}

	@GetMapping("/staff/new")
	@PreAuthorize(OrganizationAccess.MANAGERS_AND_HEADS)
	String createForm(@RequestParam(required = false) UUID department, Model model) {
		var form = new StaffForm();
		form.setDepartmentId(department);
		return form(model, form, null);
	}

	@PostMapping("/staff")
	@PreAuthorize(OrganizationAccess.MANAGERS_AND_HEADS)
	String create(@Valid @ModelAttribute("form") StaffForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (errors.hasErrors()) {
			return form(model, form, null);
		}
		try {
			Staff created = management.create(hospital(), form);
			redirect.addFlashAttribute("success", "organization.staff.created");
			return "redirect:/staff/" + created.getId();
		}
		catch (RuleViolationException ex) {
			DepartmentController.reject(errors, ex);
			return form(model, form, null);
		}
	}

	@GetMapping("/staff/{id}/edit")
	@PreAuthorize(OrganizationAccess.MANAGERS_AND_HEADS)
	String editForm(@PathVariable UUID id, Model model) {
		Staff member = management.get(hospital(), id);
		OrganizationAccess.requireManage(member.getDepartmentId());
		return form(model, StaffForm.of(member), id);
	}

	@PostMapping("/staff/{id}")
	@PreAuthorize(OrganizationAccess.MANAGERS_AND_HEADS)
	String update(@PathVariable UUID id, @Valid @ModelAttribute("form") StaffForm form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		if (errors.hasErrors()) {
			return form(model, form, id);
		}
		try {
			management.update(hospital(), id, form);
			redirect.addFlashAttribute("success", "organization.staff.updated");
			return "redirect:/staff/" + id;
		}
		catch (RuleViolationException ex) {
			DepartmentController.reject(errors, ex);
			return form(model, form, id);
		}
		catch (OptimisticLockingFailureException ex) {
			errors.reject("error.stale");
			return form(model, form, id);
		}
	}

	@PostMapping("/staff/{id}/retire")
	@PreAuthorize(OrganizationAccess.MANAGERS_AND_HEADS)
	String retire(@PathVariable UUID id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
		try {
			management.retire(hospital(), id, DepartmentForm.trimToNull(reason));
			redirect.addFlashAttribute("success", "organization.staff.retired");
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
		}
		return "redirect:/staff/" + id;
	}

	@PostMapping("/staff/{id}/restore")
	@PreAuthorize(OrganizationAccess.MANAGERS_AND_HEADS)
	String restore(@PathVariable UUID id, RedirectAttributes redirect) {
		try {
			management.restore(hospital(), id);
			redirect.addFlashAttribute("success", "organization.staff.restored");
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
		}
		return "redirect:/staff/" + id;
	}

	private String form(Model model, StaffForm form, UUID id) {
		model.addAttribute("form", form);
		model.addAttribute("staffId", id);
		model.addAttribute("departments", managedDepartments(CurrentUser.require()));
		return "organization/staff/form";
	}

	/** Active departments the user sees, in tree order (the list's department filter). */
	private List<DepartmentManagement.TreeNode> visibleDepartments(CareQmsUser user) {
		return departments.tree(user.hospitalId(), false).stream()
			.filter(node -> user.canSeeDepartment(node.department().getId()))
			.toList();
	}

	/** Active departments the user may enrol staff into (the form's department select). */
	private List<DepartmentManagement.TreeNode> managedDepartments(CareQmsUser user) {
		return departments.tree(user.hospitalId(), false).stream()
			.filter(node -> OrganizationAccess.mayManage(user, node.department().getId()))
			.toList();
	}

	private static UUID hospital() {
		return CurrentUser.require().hospitalId();
	}
}
