/**
 * Standards the hospital works to: the 18 core medical quality and safety systems (shipped catalog),
 * the hospital's own regulations, rules and SOPs as versioned documents that staff acknowledge, and
 * checklist templates whose published versions are frozen. Other modules read templates through
 * {@link org.careqms.standards.ChecklistTemplates} and score answers with
 * {@link org.careqms.standards.ChecklistScoring}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Standards", allowedDependencies = { "platform",
		"organization", "audittrail", "notification" })
package org.careqms.standards;
