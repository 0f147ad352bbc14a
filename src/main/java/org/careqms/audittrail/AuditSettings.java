package org.careqms.audittrail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sealing of the audit chain (ADR 0004).
 *
 * @param sealInterval how often the sealer looks for committed, unsealed entries
 * @param sealNudgeDelay how long after a commit with audit entries the sealer runs (commits within
 * this time are sealed in one batch)
 * @param sealOverdue an entry still unsealed after this long is a finding of the chain verification
 */
@ConfigurationProperties("careqms.audit")
record AuditSettings(@DefaultValue("500ms") Duration sealInterval, @DefaultValue("50ms") Duration sealNudgeDelay,
		@DefaultValue("5m") Duration sealOverdue) {
}
