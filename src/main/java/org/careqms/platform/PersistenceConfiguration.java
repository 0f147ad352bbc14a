package org.careqms.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.auditing.DateTimeProvider;
import org.springframework.data.domain.AuditorAware;
import org.springframework.data.jdbc.repository.config.EnableJdbcAuditing;

/** Fills created_by/created_at/changed_by/changed_at of every aggregate in one place. */
@Configuration(proxyBeanMethods = false)
@EnableJdbcAuditing(auditorAwareRef = "currentAuditor", dateTimeProviderRef = "auditingClock")
class PersistenceConfiguration {

	@Bean
	AuditorAware<String> currentAuditor() {
		return () -> Optional.of(CurrentUser.name());
	}

	@Bean
	DateTimeProvider auditingClock(Clock clock) {
		// PostgreSQL keeps microseconds: truncate so that what is saved equals what is read back
		return () -> Optional.of(Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
	}
}
