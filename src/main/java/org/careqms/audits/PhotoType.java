package org.careqms.audits;

import java.util.Arrays;
import java.util.Optional;

/**
 * The image types an evidence photo may have, told by the file's first bytes (magic numbers), never by
 * its name or the type the browser claims.
 */
enum PhotoType {

	JPEG("image/jpeg"), PNG("image/png"), WEBP("image/webp");

	private static final byte[] JPEG_MAGIC = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };
	private static final byte[] PNG_MAGIC = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
	private static final byte[] RIFF = { 'R', 'I', 'F', 'F' };
	private static final byte[] WEBP_MAGIC = { 'W', 'E', 'B', 'P' };

	private final String contentType;

	PhotoType(String contentType) {
		this.contentType = contentType;
	}

	String contentType() {
		return contentType;
	}

	static Optional<PhotoType> of(byte[] content) {
		if (startsWith(content, 0, JPEG_MAGIC)) {
			return Optional.of(JPEG);
		}
		if (startsWith(content, 0, PNG_MAGIC)) {
			return Optional.of(PNG);
		}
		if (startsWith(content, 0, RIFF) && startsWith(content, 8, WEBP_MAGIC)) {
			return Optional.of(WEBP);
		}
		return Optional.empty();
	}

	private static boolean startsWith(byte[] content, int offset, byte[] magic) {
		return content.length >= offset + magic.length
				&& Arrays.equals(content, offset, offset + magic.length, magic, 0, magic.length);
	}
}
