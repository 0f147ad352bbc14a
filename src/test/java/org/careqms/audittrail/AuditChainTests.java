package org.careqms.audittrail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The hash covers every field: changing any of them changes the hash. */
class AuditChainTests {

	static final Instant AT = Instant.parse("2026-03-01T06:20:00.123456Z");
	static final UUID HOSPITAL = UUID.fromString("00000000-0000-0000-0000-000000000001");

	static String hash(Map<String, Object> changes) {
		Object[] f = { 7L, HOSPITAL, AT, "admin", null, "10.0.0.1", "agent", "UPDATE", "Department", "d-1", "0301",
				"{\"name\":\"a\"}", "{\"name\":\"b\"}", AuditEntry.GENESIS };
		String[] names = { "seq", "hospital", "at", "actor", "user", "client", "agent", "action", "type", "id",
				"summary", "before", "after", "prev" };
		for (int i = 0; i < names.length; i++) {
			if (changes.containsKey(names[i])) {
				f[i] = changes.get(names[i]);
			}
		}
		return AuditEntry.computeHash((Long) f[0], (UUID) f[1], (Instant) f[2], (String) f[3], (UUID) f[4],
				(String) f[5], (String) f[6], (String) f[7], (String) f[8], (String) f[9], (String) f[10],
				(String) f[11], (String) f[12], (String) f[13]);
	}

	@Test
	void sameContentGivesTheSameHash() {
		assertThat(hash(Map.of())).hasSize(64).isEqualTo(hash(Map.of()));
	}

	@Test
	void everyFieldIsCovered() {
		String original = hash(Map.of());
		assertThat(hash(Map.of("seq", 8L))).isNotEqualTo(original);
		assertThat(hash(Map.of("hospital", UUID.randomUUID()))).isNotEqualTo(original);
		assertThat(hash(Map.of("at", AT.plusNanos(1000)))).isNotEqualTo(original);
		assertThat(hash(Map.of("actor", "quality"))).isNotEqualTo(original);
		assertThat(hash(Map.of("user", UUID.randomUUID()))).isNotEqualTo(original);
		assertThat(hash(Map.of("client", "10.0.0.2"))).isNotEqualTo(original);
		assertThat(hash(Map.of("agent", "other"))).isNotEqualTo(original);
		assertThat(hash(Map.of("action", "RETIRE"))).isNotEqualTo(original);
		assertThat(hash(Map.of("type", "User"))).isNotEqualTo(original);
		assertThat(hash(Map.of("id", "d-2"))).isNotEqualTo(original);
		assertThat(hash(Map.of("summary", "0302"))).isNotEqualTo(original);
		assertThat(hash(Map.of("before", "{\"name\":\"x\"}"))).isNotEqualTo(original);
		assertThat(hash(Map.of("after", "{\"name\":\"x\"}"))).isNotEqualTo(original);
		assertThat(hash(Map.of("prev", "1".repeat(64)))).isNotEqualTo(original);
	}

	@Test
	void fieldBoundariesCannotBeShifted() {
		// moving characters from one field into the next must not produce the same input
		assertThat(hash(Map.of("actor", "adm", "client", "in10.0.0.1"))).isNotEqualTo(hash(Map.of()));
		assertThat(hash(Map.of("client", "", "agent", "10.0.0.1agent"))).isNotEqualTo(hash(Map.of()));
	}

	@Test
	void theEntryNumberIsCoveredWhenItDiffersFromTheChainPosition() {
		// entries written before asynchronous sealing have number = position and keep their hashes
		String legacy = hash(Map.of());
		assertThat(AuditEntry.computeHash(7L, 7L, HOSPITAL, AT, "admin", null, "10.0.0.1", "agent", "UPDATE",
				"Department", "d-1", "0301", "{\"name\":\"a\"}", "{\"name\":\"b\"}", AuditEntry.GENESIS))
			.isEqualTo(legacy);
		String sealedLater = AuditEntry.computeHash(7L, 5L, HOSPITAL, AT, "admin", null, "10.0.0.1", "agent", "UPDATE",
				"Department", "d-1", "0301", "{\"name\":\"a\"}", "{\"name\":\"b\"}", AuditEntry.GENESIS);
		assertThat(sealedLater).isNotEqualTo(legacy);
		assertThat(AuditEntry.computeHash(7L, 6L, HOSPITAL, AT, "admin", null, "10.0.0.1", "agent", "UPDATE",
				"Department", "d-1", "0301", "{\"name\":\"a\"}", "{\"name\":\"b\"}", AuditEntry.GENESIS))
			.isNotEqualTo(sealedLater);
	}
}
