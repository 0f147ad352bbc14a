package org.careqms.platform;

/**
 * A business rule refused the request (answered as 409 with a stable code). The code doubles as the
 * message key {@code error.<code>} and may carry message arguments.
 */
public class RuleViolationException extends RuntimeException {

	private final String code;
	private final transient Object[] arguments;
	private final String field;

	public RuleViolationException(String code, Object... arguments) {
		this(null, code, arguments);
	}

	/** A rule bound to one form field (a duplicate code, say), so forms can show it in place. */
	public RuleViolationException(String field, String code, Object... arguments) {
		super(code);
		this.field = field;
		this.code = code;
		this.arguments = arguments;
	}

	public String code() {
		return code;
	}

	public Object[] arguments() {
		return arguments;
	}

	/** The form field the violation belongs to, or null. */
	public String field() {
		return field;
	}

	public String messageKey() {
		return "error." + code;
	}
}
