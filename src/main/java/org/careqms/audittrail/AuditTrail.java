package org.careqms.audittrail;

import java.util.Map;
import java.util.UUID;

/**
 * Records changes in the tamper-evident audit trail. Call it inside the transaction that makes the
 * change: the entry commits or rolls back with it. Who and from where are taken from the current
 * request.
 */
public interface AuditTrail {

	/**
	 * @param hospitalId the tenant the object belongs to (null for installation-wide objects)
	 * @param entityType a stable name of the kind of object ({@code Department})
	 * @param entityId its id
	 * @param action what happened
	 * @param summary a short human-readable label (the department's code and name, say)
	 * @param before the state before the change (null for a creation)
	 * @param after the state after the change (null where nothing remains to show)
	 */
	void record(UUID hospitalId, String entityType, Object entityId, AuditAction action, String summary,
			Map<String, ?> before, Map<String, ?> after);

	/** Like {@link #record} but without the client's address, user agent or user id (anonymous reports). */
	void recordAnonymously(UUID hospitalId, String entityType, Object entityId, AuditAction action, String summary,
			Map<String, ?> before, Map<String, ?> after);
}
