package org.careqms.audittrail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * One entry of the audit trail, exactly as stored. {@code seq} is the entry's number, given when it is
 * recorded; {@code chainSeq}, {@code prevHash}, {@code hash} and {@code sealedAt} are null until the
 * sealer links the committed entry into the chain (ADR 0004). {@code occurredAt} is the time of the
 * change itself and is part of the hash; {@code recordedAt} (the database's time of the write) is
 * not, it only tells how long an entry has waited for its seal.
 */
record AuditEntry(long seq, Long chainSeq, UUID hospitalId, Instant occurredAt, String actor, UUID actorUserId,
		String clientAddress, String userAgent, String action, String entityType, String entityId, String summary,
		String beforeState, String afterState, String prevHash, String hash, Instant recordedAt, Instant sealedAt) {

	static final String GENESIS = "0".repeat(64);

	public boolean sealed() {
		return chainSeq != null;
	}

	/** The hash of an entry whose number is its chain position (every entry written before V22). */
	static String computeHash(long seq, UUID hospitalId, Instant occurredAt, String actor, UUID actorUserId,
			String clientAddress, String userAgent, String action, String entityType, String entityId,
			String summary, String beforeState, String afterState, String prevHash) {
		return computeHash(seq, seq, hospitalId, occurredAt, actor, actorUserId, clientAddress, userAgent, action,
				entityType, entityId, summary, beforeState, afterState, prevHash);
	}

	/**
	 * SHA-256 over every stored field and the previous hash, each field length-prefixed so that no two
	 * different entries can produce the same input. The first field is the chain position, followed by
	 * {@code /number} when the entry's number differs from it: entries written before asynchronous
	 * sealing (number = position) keep their hashes, and the number is covered either way.
	 */
	static String computeHash(long chainSeq, long seq, UUID hospitalId, Instant occurredAt, String actor,
			UUID actorUserId, String clientAddress, String userAgent, String action, String entityType,
			String entityId, String summary, String beforeState, String afterState, String prevHash) {
		String position = chainSeq == seq ? Long.toString(chainSeq) : chainSeq + "/" + seq;
		var input = new StringBuilder(256);
		for (Object field : new Object[] { position, hospitalId,
				occurredAt.getEpochSecond() + "." + occurredAt.getNano(), actor, actorUserId, clientAddress, userAgent,
				action, entityType, entityId, summary, beforeState, afterState, prevHash }) {
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

	/** The hash this entry would have at {@code position} after {@code previousHash}. */
	String hashAt(long position, String previousHash) {
		return computeHash(position, seq, hospitalId, occurredAt, actor, actorUserId, clientAddress, userAgent, action,
				entityType, entityId, summary, beforeState, afterState, previousHash);
	}

	/** Recomputes the hash of a sealed entry from its stored fields. */
	String recomputeHash() {
		if (chainSeq == null || prevHash == null) {
			throw new IllegalStateException("entry " + seq + " is not sealed yet");
		}
		return hashAt(chainSeq, prevHash);
	}
}
