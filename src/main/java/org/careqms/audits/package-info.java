/**
 * Audits and inspections (质量检查/督查): audit plans on annual and monthly calendars, inspections of a
 * department against a published checklist version executed on a phone, evidence photos, scores per
 * department, a {@link org.careqms.audits.FindingRaised} per failed item for the improvement module,
 * reproducible record samples (抽查) and the inspection report as PDF.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audits", allowedDependencies = { "platform",
		"organization", "audittrail", "notification", "standards", "clinicaldata" })
package org.careqms.audits;
