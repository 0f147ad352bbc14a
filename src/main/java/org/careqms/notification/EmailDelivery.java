package org.careqms.notification;

/** How a user wants to hear about notifications outside the application. */
public enum EmailDelivery {
	/** one e-mail per notification, right after it is created */
	IMMEDIATE,
	/** one e-mail a day with the notifications still unread */
	DAILY_DIGEST,
	/** no e-mail: the inbox only */
	IN_APP_ONLY
}
