package org.careqms.support;

import java.nio.charset.StandardCharsets;

/**
 * Object mother for the CSV files of data-formats.md: valid rows in the demo hospital (cardiology
 * 0301, HIS code 1031) that tests vary one value at a time.
 */
public final class ClinicalCsv {

	public static final String ENCOUNTERS = "encounter_id,patient_id,sex,birth_date,admit_time,admit_dept,"
			+ "discharge_time,discharge_dept,admission_route,principal_dx,other_dx,discharge_disposition,"
			+ "readmission_plan_31d,total_cost";

	public static final String PROCEDURES = "encounter_id,seq,code,op_time,surgery_level,incision_class,"
			+ "healing_grade,unplanned_return";

	public static final String DOCUMENTS = "encounter_id,doc_id,doc_type,event_time,written_time,author_id,"
			+ "author_title";

	/** inpatients.csv, the census of patients in hospital (a CareQMS extension, ADR 0015). */
	public static final String INPATIENTS = "encounter_id,patient_id,sex,birth_date,admit_time,admit_dept,"
			+ "admission_route,principal_dx,other_dx,current_dept,transfer_time,attending_id,condition_level";

	private ClinicalCsv() {
	}

	/** A cardiology discharge: admitted 2019-01-03 08:30, discharged 2019-01-10 10:00. */
	public static String encounter(String encounterId) {
		return encounterId + ",P" + encounterId + ",1,1960-05-01,2019-01-03 08:30,0301,2019-01-10 10:00,0301,1,"
				+ "I21.0,I10.x00;E11.900,1,1,12345.60";
	}

	/** A cardiology patient in hospital since {@code admitTime} ({@code yyyy-MM-dd HH:mm}), attended by D0301001. */
	public static String inpatient(String encounterId, String admitTime) {
		return encounterId + ",P" + encounterId + ",1,1960-05-01," + admitTime + ",0301,1,I21.0,I10.x00,0301,,"
				+ "D0301001,STABLE";
	}

	public static String procedure(String encounterId, int seq) {
		return encounterId + "," + seq + ",36.0601,2019-01-04 09:15,3,I,A,N";
	}

	public static String document(String encounterId, String docId) {
		return encounterId + "," + docId + ",ADMISSION_RECORD,,2019-01-03 20:00,D0301001,ATTENDING";
	}

	/** A CSV file: the header and the rows, CRLF line ends, UTF-8. */
	public static byte[] file(String header, String... rows) {
		var text = new StringBuilder(header).append("\r\n");
		for (String row : rows) {
			text.append(row).append("\r\n");
		}
		return text.toString().getBytes(StandardCharsets.UTF_8);
	}
}
