/**
 * Adverse-event reports: a two-minute report (anonymous allowed, non-punitive), triage by the
 * quality office with levels I–IV and deadlines, and feedback to the reporter at closure. A
 * classified event is published for the improvement module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Incidents", allowedDependencies = { "platform",
		"organization", "audittrail", "notification", "clinicaldata", "indicators :: spc" })
package org.careqms.incidents;
