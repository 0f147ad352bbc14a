/**
 * Medical-record quality control: the record rules as hospital data, automated runs that judge the
 * time limits of record documents in SQL, defects, scores and grades per record.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Record QC", allowedDependencies = { "platform",
		"organization", "audittrail", "notification", "clinicaldata" })
package org.careqms.recordqc;
