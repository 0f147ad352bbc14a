/**
 * Clinical data from the hospital's HIS/EMR: discharges (the inpatient front page), procedures and
 * operations, medical-record documents; the CSV imports that bring them in (streamed, staged with
 * COPY, one transaction per file), the FHIR R4 import mapped onto the same rows, and the history of
 * import runs with their rejected rows.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Clinical data", allowedDependencies = { "platform",
		"organization", "audittrail" })
package org.careqms.clinicaldata;
