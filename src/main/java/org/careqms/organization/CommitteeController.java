package org.careqms.organization;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.Role;
import org.careqms.platform.RuleViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Committee pages: the overview (hospital committees, then department QC groups), one committee with
 * its members, the form; retire and restore. Members are appointed and removed on the detail page
 * through htmx fragments, with full-page posts as the fallback when scripts are off.
 */
@Controller
@PreAuthorize("isAuthenticated()")
class CommitteeController {

	static final String MEMBERS_FRAGMENT = "organization/committees/detail :: members";

	private final CommitteeManagement management;
	private final DepartmentManagement departments;

	CommitteeController(CommitteeManagement management, DepartmentManagement departments) {
		this.management = management;
		this.departments = departments;
	}

	@ModelAttribute("positions")
	CommitteePosition[] positions() {
		return CommitteePosition.values();
	}

	@GetMapping("/committees")
	String list(@RequestParam(defaultValue = "false") boolean retired, Model model) {
		CareQmsUser user = CurrentUser.require();
		var all = management.summaries(user.hospitalId(), retired);
		model.addAttribute("committees", all.stream().filter(s -> !s.committee().isDepartmentGroup()).toList());
		model.addAttribute("groups", all.stream().filter(s -> s.committee().isDepartmentGroup()).toList());
		model.addAttribute("showRetired", retired);
		model.addAttribute("mayCreate", !creatableTypes(user).isEmpty());
		return "organization/committees/list";
	}

	@GetMapping("/committees/{id}")
	String detail(@PathVariable UUID id, Model model) {
		Committee committee = management.get(hospital(), id);
		return detailPage(model, committee, new MemberForm());
	}

	@GetMapping("/committees/new")
	@PreAuthorize(OrganizationAccess.MANAGERS_AND_HEADS)
	String createForm(@RequestParam(required = false) CommitteeType type, Model model) {
		var form = new CommitteeForm();
		List<CommitteeType> types = creatableTypes(CurrentUser.require());
		form.setType(type != null && types.contains(type) ? type : types.isEmpty() ? null : types.get(0));
		return form(model, form, null);
	}

	@PostMapping("/committees")
	@PreAuthorize(OrganizationAccess.MANAGERS_AND_HEADS)
	String create(@Valid @ModelAttribute("form") CommitteeForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (errors.hasErrors()) {
			return form(model, form, null);
		}
		try {
			Committee created = management.create(hospital(), form);
			redirect.addFlashAttribute("success", "organization.committee.created");
			return "redirect:/committees/" + created.getId();
		}
		catch (RuleViolationException ex) {
			DepartmentController.reject(errors, ex);
			return form(model, form, null);
		}
	}

	@GetMapping("/committees/{id}/edit")
	@PreAuthorize(OrganizationAccess.MANAGERS_AND_HEADS)
	String editForm(@PathVariable UUID id, Model model) {
		Committee committee = management.get(hospital(), id);
		if (!CommitteeManagement.mayManage(CurrentUser.require(), committee)) {
			throw new AccessDeniedException("may not manage this committee");
		}
		return form(model, CommitteeForm.of(committee), id);
	}

	@PostMapping("/committees/{id}")
	@PreAuthorize(OrganizationAccess.MANAGERS_AND_HEADS)
	String update(@PathVariable UUID id, @Valid @ModelAttribute("form") CommitteeForm form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		if (errors.hasErrors()) {
			return form(model, form, id);
		}
		try {
			management.update(hospital(), id, form);
			redirect.addFlashAttribute("success", "organization.committee.updated");
			return "redirect:/committees/" + id;
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

	@PostMapping("/committees/{id}/retire")
	@PreAuthorize(OrganizationAccess.MANAGERS_AND_HEADS)
	String retire(@PathVariable UUID id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
		try {
			management.retire(hospital(), id, DepartmentForm.trimToNull(reason));
			redirect.addFlashAttribute("success", "organization.committee.retired");
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
		}
		return "redirect:/committees/" + id;
	}

	@PostMapping("/committees/{id}/restore")
	@PreAuthorize(OrganizationAccess.MANAGERS_AND_HEADS)
	String restore(@PathVariable UUID id, RedirectAttributes redirect) {
		try {
			management.restore(hospital(), id);
			redirect.addFlashAttribute("success", "organization.committee.restored");
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
		}
		return "redirect:/committees/" + id;
	}

	/** Appoints a member; answers htmx with the members fragment, with the form's errors on failure. */
	@PostMapping("/committees/{id}/members")
	@PreAuthorize(OrganizationAccess.MANAGERS_AND_HEADS)
	String addMember(@PathVariable UUID id, @Valid @ModelAttribute("memberForm") MemberForm form,
			BindingResult errors, @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
			RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				management.addMember(hospital(), id, form);
				return membersChanged(id, "organization.committee.member-added", htmx != null, model, redirect);
			}
			catch (RuleViolationException ex) {
				DepartmentController.reject(errors, ex);
			}
		}
		Committee committee = management.get(hospital(), id);
		return htmx != null ? membersFragment(model, committee, form) : detailPage(model, committee, form);
	}

	@PostMapping("/committees/{id}/members/{staffId}/remove")
	@PreAuthorize(OrganizationAccess.MANAGERS_AND_HEADS)
	String removeMember(@PathVariable UUID id, @PathVariable UUID staffId,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
			RedirectAttributes redirect) {
		try {
			management.removeMember(hospital(), id, staffId);
			return membersChanged(id, "organization.committee.member-removed", htmx != null, model, redirect);
		}
		catch (RuleViolationException ex) {
			if (htmx == null) {
				redirect.addFlashAttribute("failure", ex.messageKey());
				return "redirect:/committees/" + id;
			}
			model.addAttribute("memberFailure", ex.messageKey());
			return membersFragment(model, management.get(hospital(), id), new MemberForm());
		}
	}

	private String membersChanged(UUID id, String messageKey, boolean htmx, Model model, RedirectAttributes redirect) {
		if (!htmx) {
			redirect.addFlashAttribute("success", messageKey);
			return "redirect:/committees/" + id;
		}
		model.addAttribute("memberSuccess", messageKey);
		return membersFragment(model, management.get(hospital(), id), new MemberForm());
	}

	private String detailPage(Model model, Committee committee, MemberForm memberForm) {
		prepareMembers(model, committee, memberForm);
		model.addAttribute("department", committee.getDepartmentId() == null ? null
				: departments.get(hospital(), committee.getDepartmentId()));
		return "organization/committees/detail";
	}

	private String membersFragment(Model model, Committee committee, MemberForm memberForm) {
		prepareMembers(model, committee, memberForm);
		return MEMBERS_FRAGMENT;
	}

	private void prepareMembers(Model model, Committee committee, MemberForm memberForm) {
		boolean mayManage = CommitteeManagement.mayManage(CurrentUser.require(), committee);
		model.addAttribute("committee", committee);
		model.addAttribute("members", management.members(committee));
		model.addAttribute("mayManage", mayManage);
		model.addAttribute("candidates", mayManage && !committee.isRetired() ? management.candidates(committee)
				: List.of());
		model.addAttribute("memberForm", memberForm);
	}

	private String form(Model model, CommitteeForm form, UUID id) {
		CareQmsUser user = CurrentUser.require();
		model.addAttribute("form", form);
		model.addAttribute("committeeId", id);
		model.addAttribute("types", creatableTypes(user));
		model.addAttribute("departments", departments.tree(user.hospitalId(), false).stream()
			.filter(node -> OrganizationAccess.managesHospital(user)
					|| OrganizationAccess.mayManage(user, node.department().getId()))
			.toList());
		return "organization/committees/form";
	}

	/** Hospital-wide managers set up any committee; a department head only their department's QC group. */
	private static List<CommitteeType> creatableTypes(CareQmsUser user) {
		if (OrganizationAccess.managesHospital(user)) {
			return Arrays.asList(CommitteeType.values());
		}
		return user.hasRole(Role.DEPARTMENT_HEAD) ? List.of(CommitteeType.DEPARTMENT_QC_GROUP) : List.of();
	}

	private static UUID hospital() {
		return CurrentUser.require().hospitalId();
	}
}
