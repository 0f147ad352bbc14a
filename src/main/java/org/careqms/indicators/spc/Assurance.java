package org.careqms.indicators.spc;

/** The "Making Data Count" assurance icon: will the process meet its target? */
public enum Assurance {

	CONSISTENT_PASS("consistent_pass"), CONSISTENT_FAIL("consistent_fail"), INCONSISTENT("inconsistent");

	private final String code;

	Assurance(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}
}
