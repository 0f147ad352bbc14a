package org.careqms.notification;

/** Where an e-mail in the outbox stands. */
public enum MailStatus {
	/** waiting for its first or next attempt */
	PENDING,
	/** accepted by the SMTP server */
	SENT,
	/** given up after the last attempt; the error is kept */
	FAILED
}
