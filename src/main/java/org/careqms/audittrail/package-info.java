/**
 * Tamper-evident history of every change to business data: who, when, what (before and after) and
 * from which client, hash-chained and verifiable; never deleted.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit trail", allowedDependencies = "platform")
package org.careqms.audittrail;
