package org.careqms.organization;

import java.util.UUID;

import jakarta.validation.Valid;

import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.careqms.platform.Role;
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

/** User administration pages (system administrators only). */
@Controller
@PreAuthorize("hasRole('SYSTEM_ADMIN')")
class UserController {

	private final UserManagement management;
	private final DepartmentManagement departments;
	private final LoginAttempts logins;

	UserController(UserManagement management, DepartmentManagement departments, LoginAttempts logins) {
		this.management = management;
		this.departments = departments;
		this.logins = logins;
	}

	@ModelAttribute("allRoles")
	Role[] roles() {
		return Role.values();
	}

	@GetMapping("/users")
	String list(Model model) {
		UUID hospital = hospital();
		model.addAttribute("users", management.all(hospital));
		model.addAttribute("departmentsById", departments.all(hospital).stream()
			.collect(java.util.stream.Collectors.toMap(Department::getId, d -> d)));
		return "organization/users/list";
	}

	@GetMapping("/users/{id}")
	String detail(@PathVariable UUID id, Model model) {
		UUID hospital = hospital();
		UserAccount user = management.get(hospital, id);
		model.addAttribute("user", user);
		model.addAttribute("userDepartments", departments.all(hospital).stream()
			.filter(d -> user.departmentIds().contains(d.getId()))
			.toList());
		model.addAttribute("lockedUntil", logins.lockedUntil(id));
		model.addAttribute("lastLogin", logins.lastLogin(id));
		model.addAttribute("now", java.time.Instant.now());
		return "organization/users/detail";
	}

	@GetMapping("/users/new")
	String createForm(Model model) {
		return form(model, new UserForm(), null);
	}

	@PostMapping("/users")
	String create(@Valid @ModelAttribute("form") UserForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (errors.hasErrors()) {
			return form(model, form, null);
		}
		try {
			UserAccount created = management.create(hospital(),
					new UserManagement.NewUser(form.getUsername(), form.getPassword(), form.getDisplayName(),
							form.getEmail(), form.getStaffId(), form.accessExpiresAt(), form.roleSet(),
							form.getDepartmentIds()));
			redirect.addFlashAttribute("success", "organization.user.created");
			return "redirect:/users/" + created.getId();
		}
		catch (RuleViolationException ex) {
			reject(errors, ex);
		}
		catch (InvalidInputException ex) {
			ex.problems().forEach(p -> errors.rejectValue(p.field(), p.messageKey(), p.arguments(), null));
		}
		return form(model, form, null);
	}

	@GetMapping("/users/{id}/edit")
	String editForm(@PathVariable UUID id, Model model) {
		return form(model, UserForm.of(management.get(hospital(), id)), id);
	}

	@PostMapping("/users/{id}")
	String update(@PathVariable UUID id, @Valid @ModelAttribute("form") UserForm form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		if (errors.hasErrors()) {
			return form(model, form, id);
		}
		try {
			management.update(hospital(), id,
					new UserManagement.UserChange(form.getDisplayName(), form.getEmail(), form.getStaffId(),
							form.accessExpiresAt(), form.roleSet(), form.getDepartmentIds(), form.isEnabled(),
							form.getVersion()));
			redirect.addFlashAttribute("success", "organization.user.updated");
			return "redirect:/users/" + id;
		}
		catch (RuleViolationException ex) {
			reject(errors, ex);
		}
		catch (OptimisticLockingFailureException ex) {
			errors.reject("error.stale");
		}
		return form(model, form, id);
	}

	@PostMapping("/users/{id}/password")
	String resetPassword(@PathVariable UUID id, @RequestParam String password, RedirectAttributes redirect) {
		try {
			management.resetPassword(hospital(), id, password);
			redirect.addFlashAttribute("success", "organization.user.password-reset");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("failure", ex.problems().get(0).messageKey());
		}
		return "redirect:/users/" + id;
	}

	@PostMapping("/users/{id}/unlock")
	String unlock(@PathVariable UUID id, RedirectAttributes redirect) {
		UserAccount user = management.get(hospital(), id);
		logins.unlock(hospital(), id, user.getUsername());
		redirect.addFlashAttribute("success", "organization.user.unlocked");
		return "redirect:/users/" + id;
	}

	@PostMapping("/users/{id}/retire")
	String retire(@PathVariable UUID id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
		try {
			management.retire(hospital(), id, DepartmentForm.trimToNull(reason));
			redirect.addFlashAttribute("success", "organization.user.retired");
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
		}
		return "redirect:/users/" + id;
	}

	/** Rules name the account's fields; the form asks for a day instead of an instant. */
	private static void reject(BindingResult errors, RuleViolationException ex) {
		if ("accessExpiresAt".equals(ex.field())) {
			errors.rejectValue("accessExpiresOn", ex.messageKey(), ex.arguments(), null);
		}
		else {
			DepartmentController.reject(errors, ex);
		}
	}

	private String form(Model model, UserForm form, UUID id) {
		model.addAttribute("form", form);
		model.addAttribute("userId", id);
		model.addAttribute("departments", departments.tree(hospital(), false));
		return "organization/users/form";
	}

	private static UUID hospital() {
		return CurrentUser.require().hospitalId();
	}
}
