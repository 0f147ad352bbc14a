package org.careqms.platform;

/** The object does not exist, or the caller may not know it exists: answered as 404. */
public class NotFoundException extends RuntimeException {

	public NotFoundException() {
		super("not found");
	}
}
