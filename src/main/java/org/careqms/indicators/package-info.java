@org.springframework.modulith.ApplicationModule(displayName = "Indicators", allowedDependencies = { "platform", "organization", "audittrail" })
package org.careqms.indicators;
