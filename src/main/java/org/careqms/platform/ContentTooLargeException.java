package org.careqms.platform;

/**
 * An upload over a limit of the application's own (per file, per report): answered 413 with a
 * message that names the limit, like the servlet container's own size limit.
 */
public class ContentTooLargeException extends RuntimeException {

	private final String field;
	private final String messageKey;
	private final transient Object[] arguments;

	public ContentTooLargeException(String field, String messageKey, Object... arguments) {
		super(messageKey, null, false, false);
		this.field = field;
		this.messageKey = messageKey;
		this.arguments = arguments;
	}

	public String field() {
		return field;
	}

	public String messageKey() {
		return messageKey;
	}

	public Object[] arguments() {
		return arguments;
	}
}
