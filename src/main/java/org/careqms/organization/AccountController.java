package org.careqms.organization;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in user's own account: password and personal API tokens. */
@Controller
@PreAuthorize("isAuthenticated()")
class AccountController {

	private final UserManagement users;
	private final ApiTokens tokens;
	private final DepartmentManagement departments;

	AccountController(UserManagement users, ApiTokens tokens, DepartmentManagement departments) {
		this.users = users;
		this.tokens = tokens;
		this.departments = departments;
	}

	@GetMapping("/account")
	String account(Model model) {
		CareQmsUser user = CurrentUser.require();
		model.addAttribute("me", user);
		model.addAttribute("scope", departments.all(user.hospitalId()).stream()
			.filter(d -> user.departmentIds().contains(d.getId()))
			.toList());
		model.addAttribute("tokens", tokens.tokensOf(user.id()));
		model.addAttribute("now", java.time.Instant.now());
		return "organization/account";
	}

	@PostMapping("/account/password")
	String changePassword(@RequestParam String currentPassword, @RequestParam String newPassword,
			@RequestParam String confirmPassword, RedirectAttributes redirect) {
		if (!newPassword.equals(confirmPassword)) {
			redirect.addFlashAttribute("failure", "error.password.mismatch");
			return "redirect:/account";
		}
		try {
			users.changeOwnPassword(CurrentUser.require().id(), currentPassword, newPassword);
			redirect.addFlashAttribute("success", "organization.account.password-changed");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("failure", ex.problems().get(0).messageKey());
		}
		return "redirect:/account";
	}

	@PostMapping("/account/tokens")
	String issueToken(@RequestParam String name,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expires,
			Model model, RedirectAttributes redirect) {
		String trimmed = name == null ? "" : name.trim();
		if (trimmed.isEmpty() || trimmed.length() > 100) {
			redirect.addFlashAttribute("failure", "error.token.name");
			return "redirect:/account";
		}
		if (expires != null && !expires.isAfter(LocalDate.now())) {
			redirect.addFlashAttribute("failure", "error.token.expiry");
			return "redirect:/account";
		}
		var issued = tokens.issue(CurrentUser.require(), trimmed,
				expires == null ? null : expires.plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant());
		redirect.addFlashAttribute("issuedToken", issued.token());
		redirect.addFlashAttribute("success", "organization.account.token-issued");
		return "redirect:/account";
	}

	@PostMapping("/account/tokens/{id}/revoke")
	String revokeToken(@PathVariable UUID id, RedirectAttributes redirect) {
		tokens.revoke(CurrentUser.require(), id);
		redirect.addFlashAttribute("success", "organization.account.token-revoked");
		return "redirect:/account";
	}
}
