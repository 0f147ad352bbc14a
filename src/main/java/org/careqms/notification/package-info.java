/**
 * Telling people what needs them: the in-app inbox, and e-mail (right away or as a daily digest, as
 * each user chooses) through a transactional outbox. Every notification names its recipient, says
 * what happened in the reader's language and links to the object it is about.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notification", allowedDependencies = { "platform",
		"organization", "audittrail" })
package org.careqms.notification;
