/**
 * Quality indicators: the catalog, targets, results by department and month computed from the
 * hospital's own data or entered monthly, statistical process control, alerts and dashboards.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Indicators", allowedDependencies = { "platform",
		"organization", "audittrail", "notification", "clinicaldata" })
package org.careqms.indicators;
