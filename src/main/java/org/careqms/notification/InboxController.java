package org.careqms.notification;

import java.util.UUID;

import org.careqms.platform.CurrentUser;
import org.careqms.platform.NotFoundException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in user's inbox. */
@Controller
@PreAuthorize("isAuthenticated()")
class InboxController {

	static final int PAGE = 200;

	private final Notifications notifications;

	InboxController(Notifications notifications) {
		this.notifications = notifications;
	}

	@GetMapping("/inbox")
	String inbox(Model model) {
		UUID user = CurrentUser.require().id();
		model.addAttribute("notifications", notifications.inbox(user, PAGE));
		model.addAttribute("unread", notifications.unreadCount(user));
		return "notification/inbox";
	}

	/** The badge in the navigation bar (loaded with htmx). */
	@GetMapping("/inbox/badge")
	String badge(Model model) {
		model.addAttribute("unread", notifications.unreadCount(CurrentUser.require().id()));
		return "notification/inbox :: badge";
	}

	/** Opens the object a notification is about and marks the notification read. */
	@PostMapping("/inbox/{id}/open")
	String open(@PathVariable UUID id) {
		UUID user = CurrentUser.require().id();
		String link = notifications.link(user, id).orElseThrow(NotFoundException::new);
		notifications.markRead(user, id);
		return "redirect:" + (link.startsWith("/") ? link : "/");
	}

	@PostMapping("/inbox/read-all")
	String readAll(RedirectAttributes redirect) {
		notifications.markAllRead(CurrentUser.require().id());
		redirect.addFlashAttribute("success", "notification.all-read");
		return "redirect:/inbox";
	}
}
