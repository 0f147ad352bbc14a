package org.careqms.audittrail;

/** What happened to the audited object. */
public enum AuditAction {
	CREATE, UPDATE, RETIRE, RESTORE, VOID, LOCK, UNLOCK, PASSWORD_CHANGE, TOKEN_ISSUE, TOKEN_REVOKE, VERIFY
}
