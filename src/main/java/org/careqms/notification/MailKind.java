package org.careqms.notification;

/** What an e-mail in the outbox is. */
public enum MailKind {
	/** one notification, sent right away */
	NOTIFICATION,
	/** the daily digest of unread notifications */
	DIGEST,
	/** an administrator's test of the SMTP settings */
	TEST
}
