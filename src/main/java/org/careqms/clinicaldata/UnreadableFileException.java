package org.careqms.clinicaldata;

/**
 * The file cannot be read at all (not UTF-8, empty, required columns missing, broken CSV): answered
 * as 400 and nothing of it is imported. The code is the problem's stable {@code code}; the message
 * key is {@code clinicaldata.unreadable.<code>}.
 */
class UnreadableFileException extends RuntimeException {

	private final String code;
	private final transient Object[] arguments;

	UnreadableFileException(String code, Object... arguments) {
		super(code);
		this.code = code;
		this.arguments = arguments;
	}

	String code() {
		return code;
	}

	String messageKey() {
		return "clinicaldata.unreadable." + code;
	}

	Object[] arguments() {
		return arguments;
	}

	Text reason() {
		String[] texts = new String[arguments.length];
		for (int i = 0; i < arguments.length; i++) {
			texts[i] = String.valueOf(arguments[i]);
		}
		return Text.of(messageKey(), texts);
	}
}
