package org.careqms.standards;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.careqms.platform.CareQmsProperties;
import org.careqms.platform.InvalidInputException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MultipartFile;

/**
 * Files attached to document versions, kept on disk under {@code <data-dir>/documents/<hospital>/} with
 * a random name (never the uploaded name, so no path can be smuggled in). The type is decided by the
 * file's extension AND its first bytes, not by what the browser claims; the size is capped. A stored
 * file never changes or disappears: a published version refers to it for good, and a new version
 * that keeps the file shares it.
 */
@Component
class DocumentFiles {

	/** Accepted types: extension, the content type served back, and the signature the file starts with. */
	record Kind(String contentType, byte[] signature) {
	}

	private static final byte[] PDF = { '%', 'P', 'D', 'F', '-' };
	private static final byte[] ZIP = { 'P', 'K', 3, 4 };
	private static final byte[] OLE = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
			(byte) 0xE1 };

	static final Map<String, Kind> KINDS = Map.of(
			"pdf", new Kind("application/pdf", PDF),
			"docx", new Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ZIP),
			"xlsx", new Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZIP),
			"pptx", new Kind("application/vnd.openxmlformats-officedocument.presentationml.presentation", ZIP),
			"odt", new Kind("application/vnd.oasis.opendocument.text", ZIP),
			"doc", new Kind("application/msword", OLE),
			"xls", new Kind("application/vnd.ms-excel", OLE));

	/** What was stored. */
	record Stored(String storageKey, String fileName, String contentType, long size, String sha256) {
	}

	private final Path root;
	private final long maxBytes;

	DocumentFiles(CareQmsProperties properties,
			@Value("${careqms.standards.max-file-size:20MB}") DataSize maxSize) {
		this.root = properties.dataDir().toAbsolutePath().normalize().resolve("documents");
		this.maxBytes = maxSize.toBytes();
	}

	long maxBytes() {
		return maxBytes;
	}

	Stored store(UUID hospitalId, MultipartFile file) {
		if (file == null || file.isEmpty()) {
			throw new InvalidInputException("file", "error.standards.file.empty");
		}
		if (file.getSize() > maxBytes) {
			throw new InvalidInputException("file", "error.standards.file.too-large", maxBytes / (1024 * 1024));
		}
		String name = cleanName(file.getOriginalFilename());
		String extension = extension(name);
		Kind kind = KINDS.get(extension);
		if (kind == null) {
			throw new InvalidInputException("file", "error.standards.file.type");
		}
		try {
			byte[] head = new byte[kind.signature().length];
			int read;
			try (InputStream in = file.getInputStream()) {
				read = in.readNBytes(head, 0, head.length);
			}
			if (read < head.length || !java.util.Arrays.equals(head, kind.signature())) {
				throw new InvalidInputException("file", "error.standards.file.content");
			}
			String key = UUID.randomUUID().toString();
			Path directory = root.resolve(hospitalId.toString());
			Files.createDirectories(directory);
			Path temporary = Files.createTempFile(directory, "upload-", ".part");
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			try (InputStream in = new DigestInputStream(file.getInputStream(), digest)) {
				Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
			}
			Files.move(temporary, directory.resolve(key), StandardCopyOption.ATOMIC_MOVE);
			return new Stored(key, name, kind.contentType(), file.getSize(), HexFormat.of().formatHex(digest.digest()));
		}
		catch (IOException e) {
			throw new UncheckedIOException("document file could not be stored", e);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The stored file of the hospital; the key is ours (a UUID), never a path from a request. */
	Path path(UUID hospitalId, String storageKey) {
		UUID.fromString(storageKey); // refuses anything that is not one of our keys
		return root.resolve(hospitalId.toString()).resolve(storageKey);
	}

	/** The uploaded name without any directory part or control characters, at most 255 characters. */
	static String cleanName(String original) {
		String name = original == null ? "" : original.replace('\\', '/');
		name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
		if (name.isEmpty()) {
			name = "document";
		}
		return name.length() > 255 ? name.substring(name.length() - 255) : name;
	}

	static String extension(String name) {
		int dot = name.lastIndexOf('.');
		return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
	}
}
