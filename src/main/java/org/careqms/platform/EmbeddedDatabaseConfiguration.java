package org.careqms.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL server (zonky's Maven-shipped binaries) with the application when no
 * {@code spring.datasource.url} is configured. Spring, not zonky's JVM hook, stops it: the data
 * source is closed first and the server after it (see ADR 0002).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(CareQmsProperties properties) throws IOException {
		var settings = properties.embeddedDb();
		var builder = EmbeddedPostgres.builder()
			.setRegisterShutdownHook(false)
			// zonky waits 10 s by default; a busy two-core machine has been seen to need more
			.setPGStartupWait(java.time.Duration.ofSeconds(60))
			.setServerConfig("max_connections", "100")
			.setServerConfig("timezone", "UTC")
			// zonky turns synchronous_commit off and starts the server with fsync off (fine for tests); a
			// hospital's data must survive a power cut, and without fsync a commit only reaches the page cache
			.setServerConfig("synchronous_commit", settings.ephemeral() ? "off" : "on")
			.setServerConfig("fsync", settings.ephemeral() ? "off" : "on");
		settings.serverConfig().forEach(builder::setServerConfig);
		Path directory;
		if (settings.ephemeral()) {
			directory = Files.createTempDirectory("careqms-pg-");
			builder.setCleanDataDirectory(true);
		}
		else {
			directory = properties.dataDir().toAbsolutePath().normalize().resolve("postgres");
			Files.createDirectories(directory.getParent());
			builder.setCleanDataDirectory(false);
			if (settings.port() > 0) {
				builder.setPort(settings.port());
			}
		}
		builder.setDataDirectory(directory);
		long started = System.nanoTime();
		try {
			EmbeddedPostgres postgres = builder.start();
			log.info("Embedded PostgreSQL started on port {} with data in {} ({} ms)", postgres.getPort(), directory,
					(System.nanoTime() - started) / 1_000_000);
			return postgres;
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("The embedded PostgreSQL could not start in " + directory
					+ ". When running as root it needs 'unshare' (util-linux); otherwise point CareQMS at an "
					+ "external PostgreSQL with SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME and "
					+ "SPRING_DATASOURCE_PASSWORD. Cause: " + ex.getMessage(), ex);
		}
	}

	@Bean(destroyMethod = "close")
	DataSource dataSource(EmbeddedPostgres postgres) {
		var config = new HikariConfig();
		config.setPoolName("careqms-embedded");
		config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		config.setUsername("postgres");
		config.setMaximumPoolSize(10);
		return new HikariDataSource(config);
	}
}
