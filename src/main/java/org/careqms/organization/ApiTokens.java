package org.careqms.organization;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.careqms.audittrail.AuditAction;
import org.careqms.audittrail.AuditTrail;
import org.careqms.platform.ApiTokenAuthenticator;
import org.careqms.platform.CareQmsProperties;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Personal API tokens: 256 random bits shown once at issue; only their SHA-256 is stored, so a copy of
 * the database does not hand out access. A token acts with its owner's current roles and scope.
 */
@Service
class ApiTokens implements ApiTokenAuthenticator {

	static final String PREFIX = "cq_";

	/** How often a token's "last used" time is written at most. */
	static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
	static final String ENTITY = "ApiToken";

	private final JdbcClient jdbc;
	private final UserRepository users;
	private final AccountDetailsService accounts;
	private final AuditTrail audit;
	private final Clock clock;
	private final SecureRandom random = new SecureRandom();
	private final OrganizationChanges changes;
	private final TransactionTemplate transactions;
	/** Recent token checks by token hash (never the token itself); null when caching is off. */
	private final Cache<String, Check> checks;

	ApiTokens(JdbcClient jdbc, UserRepository users, AccountDetailsService accounts, AuditTrail audit, Clock clock,
			OrganizationChanges changes, PlatformTransactionManager transactionManager, CareQmsProperties properties) {
		this.jdbc = jdbc;
		this.users = users;
		this.accounts = accounts;
		this.audit = audit;
		this.clock = clock;
		this.changes = changes;
		this.transactions = new TransactionTemplate(transactionManager);
		Duration ttl = properties.security().apiTokenCacheTtl();
		this.checks = ttl.isZero() || ttl.isNegative() ? null
				: Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).<String, Check>build();
	}

	/** A token as its owner sees it in the list (never the secret). */
	record TokenInfo(UUID id, String name, String prefix, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
			Instant revokedAt) {

		public boolean active(Instant now) {
			return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
		}
	}

	/** A new token: the secret is in {@code token}, shown once. */
	record IssuedToken(TokenInfo info, String token) {
	}

	@Transactional
	public IssuedToken issue(CareQmsUser owner, String name, Instant expiresAt) {
		byte[] secret = new byte[32];
		random.nextBytes(secret);
		String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
		var info = new TokenInfo(UUID.randomUUID(), name, token.substring(0, 10), now, expiresAt, null, null);
		jdbc.sql("""
				insert into api_token (id, hospital_id, user_id, name, token_hash, token_prefix, expires_at, created_at)
				values (:id, :hospital, :user, :name, :hash, :prefix, :expires, :created)""")
			.param("id", info.id())
			.param("hospital", owner.hospitalId())
			.param("user", owner.id())
			.param("name", name)
			.param("hash", sha256(token))
			.param("prefix", info.prefix())
			.param("expires", expiresAt == null ? null : expiresAt.atOffset(ZoneOffset.UTC))
			.param("created", now.atOffset(ZoneOffset.UTC))
			.update();
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("name", name);
		after.put("prefix", info.prefix());
		after.put("expiresAt", expiresAt);
		audit.record(owner.hospitalId(), ENTITY, info.id(), AuditAction.TOKEN_ISSUE, owner.getUsername() + " " + name,
				null, after);
		return new IssuedToken(info, token);
	}

	@Transactional(readOnly = true)
	public List<TokenInfo> tokensOf(UUID userId) {
		return jdbc.sql("""
				select id, name, token_prefix, created_at, expires_at, last_used_at, revoked_at
				from api_token where user_id = :user order by created_at desc""")
			.param("user", userId)
			.query((rs, n) -> new TokenInfo(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getString("token_prefix"), instant(rs.getObject("created_at", OffsetDateTime.class)),
					instant(rs.getObject("expires_at", OffsetDateTime.class)),
					instant(rs.getObject("last_used_at", OffsetDateTime.class)),
					instant(rs.getObject("revoked_at", OffsetDateTime.class))))
			.list();
	}

	@Transactional
	public void revoke(CareQmsUser owner, UUID tokenId) {
		int changed = jdbc.sql("update api_token set revoked_at = :now where id = :id and user_id = :user and revoked_at is null")
			.param("now", Instant.now(clock).atOffset(ZoneOffset.UTC))
			.param("id", tokenId)
			.param("user", owner.id())
			.update();
		if (changed == 0) {
			throw new NotFoundException();
		}
		changes.changed();
		audit.record(owner.hospitalId(), ENTITY, tokenId, AuditAction.TOKEN_REVOKE, owner.getUsername(), null, null);
	}

	/**
	 * A token's check as last read from the database, with the {@link OrganizationChanges} counter it was
	 * read under; {@code lastUsedAt} is what this instance last knows to be stored.
	 */
	private record Check(UUID userId, OffsetDateTime expiresAt, CareQmsUser user, long generation,
			AtomicReference<Instant> lastUsedAt) {
	}

	/**
	 * Checks the token. A check read from the database in the last {@code careqms.security.api-token-cache-ttl}
	 * (5 s) is reused while nothing it depends on has changed through CareQMS ({@link OrganizationChanges}):
	 * revoking the token, or locking, disabling or changing its user, ends it at once; the token's
	 * expiry and the user's lock and access expiry are compared with the clock on every request.
	 */
	@Override
	public Optional<CareQmsUser> authenticate(String token) {
		if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
			return Optional.empty();
		}
		Instant now = Instant.now(clock);
		String hash = sha256(token);
		Check check = checks == null ? null : checks.getIfPresent(hash);
		if (check == null || check.generation() != changes.generation()) {
			long generation = changes.generation();
			check = transactions.execute(status -> load(hash, now, generation));
			if (check == null) {
				return Optional.empty();
			}
			if (checks != null) {
				checks.put(hash, check);
			}
		}
		if (check.expiresAt() != null && !check.expiresAt().toInstant().isAfter(now)) {
			if (checks != null) {
				checks.invalidate(hash);
			}
			return Optional.empty();
		}
		CareQmsUser user = check.user();
		if (!(user.isEnabled() && user.isAccountNonLocked() && user.isAccountNonExpired())) {
			return Optional.empty();
		}
		touch(hash, check, now);
		return Optional.of(user);
	}

	/** The token's check from the database: null if the token is unknown, revoked, expired or its user retired. */
	private Check load(String hash, Instant now, long generation) {
		record Found(UUID userId, OffsetDateTime expiresAt, OffsetDateTime lastUsedAt) {
		}
		Optional<Found> found = jdbc.sql("""
				select user_id, expires_at, last_used_at from api_token
				where token_hash = :hash and revoked_at is null and (expires_at is null or expires_at > :now)""")
			.param("now", now.atOffset(ZoneOffset.UTC))
			.param("hash", hash)
			.query((rs, n) -> new Found(rs.getObject("user_id", UUID.class), rs.getObject("expires_at", OffsetDateTime.class),
					rs.getObject("last_used_at", OffsetDateTime.class)))
			.optional();
		return found.flatMap(token -> users.findById(token.userId())
			.filter(account -> !account.isRetired())
			.map(accounts::toUser)
			.map(user -> new Check(token.userId(), token.expiresAt(), user, generation,
					new AtomicReference<>(token.lastUsedAt() == null ? null : token.lastUsedAt().toInstant()))))
			.orElse(null);
	}

	/**
	 * "Last used" is shown to the owner to the minute: written at most once a minute. Writing it on every
	 * request made all requests with one token queue on its row, each waiting for the previous commit.
	 */
	private void touch(String hash, Check check, Instant now) {
		Instant stale = now.minus(LAST_USED_PRECISION);
		Instant last = check.lastUsedAt().get();
		if ((last == null || last.isBefore(stale)) && check.lastUsedAt().compareAndSet(last, now)) {
			transactions.executeWithoutResult(status -> jdbc.sql("""
					update api_token set last_used_at = :now
					where token_hash = :hash and (last_used_at is null or last_used_at < :stale)""")
				.param("now", now.atOffset(ZoneOffset.UTC))
				.param("stale", stale.atOffset(ZoneOffset.UTC))
				.param("hash", hash)
				.update());
		}
	}

	static String sha256(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Instant instant(OffsetDateTime at) {
		return at == null ? null : at.toInstant();
	}
}
