package org.careqms.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code careqms.*}. Environment variables follow Spring's relaxed binding
 * ({@code CAREQMS_DATA_DIR} is {@code careqms.data-dir}).
 *
 * @param dataDir where the embedded PostgreSQL keeps its files
 * @param embeddedDb the embedded PostgreSQL server
 * @param demo whether demo data is seeded: {@code null} means "only on the embedded database"
 * @param security login and session rules
 */
@ConfigurationProperties("careqms")
@Validated
public record CareQmsProperties(
		@DefaultValue("./data") Path dataDir,
		@DefaultValue EmbeddedDb embeddedDb,
		Boolean demo,
		@DefaultValue @Valid Security security) {

	/**
	 * @param port fixed port of the embedded server (a fixed port lets a restarted application find a
	 *        server a killed one left running); 0 picks a free port
	 * @param ephemeral a throw-away server in a temporary directory (tests)
	 * @param serverConfig PostgreSQL settings of the server ({@code work_mem: 64MB}); application.yml
	 *        sizes memory and WAL for imports of a million rows (docs/benchmarks.md)
	 */
	public record EmbeddedDb(@DefaultValue("54329") int port, @DefaultValue("false") boolean ephemeral,
			Map<String, String> serverConfig) {

		public EmbeddedDb {
			serverConfig = serverConfig == null ? Map.of() : Map.copyOf(serverConfig);
		}
	}

	/**
	 * @param maxFailedLogins consecutive failures that lock an account
	 * @param lockDuration how long a locked account stays locked
	 * @param apiTokenCacheTtl how long an API token's check (token, user, roles, departments) is reused
	 *     without reading the database again; a change made through CareQMS (revoking the token, locking,
	 *     disabling or changing the user, changing departments) ends it at once, a change made directly in
	 *     the database or by another instance within this time; 0 checks every request in the database
	 */
	public record Security(@DefaultValue("5") @Min(1) int maxFailedLogins,
			@DefaultValue("15m") Duration lockDuration, @DefaultValue("5s") Duration apiTokenCacheTtl) {
	}
}
