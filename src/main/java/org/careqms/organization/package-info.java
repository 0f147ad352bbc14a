/**
 * The hospital as an organization: hospitals (the tenant), the department tree with HIS code
 * mappings, staff, users with roles and department scope, personal API tokens, committees and
 * department QC groups.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Organization", allowedDependencies = { "platform",
		"audittrail" })
package org.careqms.organization;
