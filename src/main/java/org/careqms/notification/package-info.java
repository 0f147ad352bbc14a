/**
 * Telling people what needs them: the in-app inbox (and, later, e-mail and digests). Every
 * notification names its recipient, says what happened in the reader's language and links to the
 * object it is about.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notification", allowedDependencies = { "platform" })
package org.careqms.notification;
