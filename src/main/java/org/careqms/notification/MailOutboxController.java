package org.careqms.notification;

import java.util.Locale;
import java.util.UUID;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.careqms.organization.UserContacts;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.NotFoundException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administrator's view of the e-mail outbox, with a test e-mail to check the SMTP settings. */
@Controller
@PreAuthorize("hasRole('SYSTEM_ADMIN')")
class MailOutboxController {

	static final int PAGE = 200;

	private final MailOutbox outbox;
	private final UserContacts contacts;

	MailOutboxController(MailOutbox outbox, UserContacts contacts) {
		this.outbox = outbox;
		this.contacts = contacts;
	}

	@GetMapping("/admin/mail")
	String outbox(@RequestParam(required = false) String status, Model model) {
		CareQmsUser user = CurrentUser.require();
		MailStatus filter = null;
		for (MailStatus value : MailStatus.values()) {
			if (value.name().equals(status)) {
				filter = value;
			}
		}
		model.addAttribute("status", filter);
		model.addAttribute("statuses", MailStatus.values());
		model.addAttribute("counts", outbox.counts(user.hospitalId()));
		model.addAttribute("entries", outbox.recent(user.hospitalId(), filter, PAGE));
		model.addAttribute("mailEnabled", outbox.enabled());
		model.addAttribute("ownAddress", contacts.of(java.util.List.of(user.id())).stream()
			.filter(UserContacts.Contact::reachable)
			.map(UserContacts.Contact::email)
			.findFirst()
			.orElse(""));
		return "notification/outbox";
	}

	@PostMapping("/admin/mail/test")
	String test(@RequestParam(required = false) String recipient, Locale locale, RedirectAttributes redirect) {
		if (!outbox.enabled()) {
			redirect.addFlashAttribute("failure", "notification.outbox.disabled");
			return "redirect:/admin/mail";
		}
		String address = recipient == null ? "" : recipient.trim();
		if (!valid(address)) {
			redirect.addFlashAttribute("failure", "error.notification.recipient");
			return "redirect:/admin/mail";
		}
		outbox.enqueueTest(CurrentUser.require().hospitalId(), address,
				"en".equals(locale.getLanguage()) ? "en" : NotificationPreferences.DEFAULT_LOCALE);
		redirect.addFlashAttribute("success", "notification.outbox.test-queued");
		return "redirect:/admin/mail";
	}

	@PostMapping("/admin/mail/{id}/retry")
	String retry(@PathVariable UUID id, RedirectAttributes redirect) {
		if (!outbox.retry(CurrentUser.require().hospitalId(), id)) {
			throw new NotFoundException();
		}
		redirect.addFlashAttribute("success", "notification.outbox.retry-queued");
		return "redirect:/admin/mail?status=PENDING";
	}

	static boolean valid(String address) {
		if (address.isEmpty() || address.length() > 200) {
			return false;
		}
		try {
			InternetAddress parsed = new InternetAddress(address, true);
			parsed.validate();
			return parsed.getPersonal() == null && address.contains("@");
		}
		catch (AddressException ex) {
			return false;
		}
	}
}
