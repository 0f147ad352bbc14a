package org.careqms.notification;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Looks for due e-mails on a fixed delay: retries, and anything a node queued but could not start
 * sending (it stopped right after the commit, say). Every node polls; row locks keep them apart.
 */
@Component
class MailPolling {

	private final MailOutbox outbox;

	MailPolling(MailOutbox outbox) {
		this.outbox = outbox;
	}

	@Scheduled(fixedDelayString = "${careqms.mail.poll-interval:15s}",
			initialDelayString = "${careqms.mail.poll-interval:15s}")
	public void poll() {
		outbox.wakeUp();
	}
}
