package org.careqms.recordqc;

/** Why a doctor appeals a defect (申诉理由). */
public enum AppealReason {
	/** The document exists, written on paper (纸质病历), and is not in the EMR data. */
	PAPER_RECORD,
	/** The rule does not apply to this stay. */
	NOT_APPLICABLE,
	/** The imported times or documents are wrong. */
	DATA_ERROR,
	OTHER
}
