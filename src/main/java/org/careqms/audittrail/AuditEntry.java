package org.careqms.audittrail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/** One link of the audit chain, exactly as stored. */
record AuditEntry(long seq, UUID hospitalId, Instant occurredAt, String actor, UUID actorUserId,
		String clientAddress, String userAgent, String action, String entityType, String entityId, String summary,
		String beforeState, String afterState, String prevHash, String hash) {

	static final String GENESIS = "0".repeat(64);

	/**
	 * SHA-256 over every stored field and the previous hash, each field length-prefixed so that no two
	 * different entries can produce the same input.
	 */
	static String computeHash(long seq, UUID hospitalId, Instant occurredAt, String actor, UUID actorUserId,
			String clientAddress, String userAgent, String action, String entityType, String entityId,
			String summary, String beforeState, String afterState, String prevHash) {
		var input = new StringBuilder(256);
		for (Object field : new Object[] { seq, hospitalId, occurredAt.getEpochSecond() + "." + occurredAt.getNano(),
				actor, actorUserId, clientAddress, userAgent, action, entityType, entityId, summary, beforeState,
				afterState, prevHash }) {
			String text = field == null ? "\u0000" : field.toString();
			input.append(text.length()).append(':').append(text).append('|');
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java platform", ex);
		}
	}

	String recomputeHash() {
		return computeHash(seq, hospitalId, occurredAt, actor, actorUserId, clientAddress, userAgent, action,
				entityType, entityId, summary, beforeState, afterState, prevHash);
	}
}
