package org.careqms.notification;

import java.util.List;

import org.careqms.organization.UserContacts;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in user's e-mail preference. The account page (organization) loads the form as an htmx
 * fragment, so neither module depends on the other for it.
 */
@Controller
@PreAuthorize("isAuthenticated()")
class NotificationPreferenceController {

	private final NotificationPreferences preferences;
	private final UserContacts contacts;
	private final MailOutbox outbox;

	NotificationPreferenceController(NotificationPreferences preferences, UserContacts contacts, MailOutbox outbox) {
		this.preferences = preferences;
		this.contacts = contacts;
		this.outbox = outbox;
	}

	@GetMapping("/account/notifications")
	String form(Model model) {
		CareQmsUser user = CurrentUser.require();
		model.addAttribute("preference", preferences.of(user.id()));
		model.addAttribute("deliveries", EmailDelivery.values());
		model.addAttribute("locales", NotificationPreferences.LOCALES);
		model.addAttribute("mailEnabled", outbox.enabled());
		model.addAttribute("address", contacts.of(List.of(user.id())).stream()
			.filter(UserContacts.Contact::reachable)
			.map(UserContacts.Contact::email)
			.findFirst()
			.orElse(null));
		return "notification/preferences :: preferences";
	}

	@PostMapping("/account/notifications")
	String change(@RequestParam(required = false) String delivery, @RequestParam(required = false) String locale,
			RedirectAttributes redirect) {
		EmailDelivery chosen = parse(delivery);
		if (chosen == null) {
			throw new InvalidInputException("delivery", "error.notification.delivery");
		}
		preferences.change(chosen, locale);
		redirect.addFlashAttribute("success", "notification.preferences.saved");
		return "redirect:/account";
	}

	private static EmailDelivery parse(String delivery) {
		for (EmailDelivery value : EmailDelivery.values()) {
			if (value.name().equals(delivery)) {
				return value;
			}
		}
		return null;
	}
}
