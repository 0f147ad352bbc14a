package org.careqms.notification;

import java.time.Duration;
import java.time.ZoneId;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * E-mail settings under {@code careqms.mail.*}. The SMTP server itself is Spring Boot's
 * {@code spring.mail.*} (host, port, username, password, TLS); without {@code spring.mail.host}
 * notifications stay in the application.
 *
 * @param from sender address ({@code CAREQMS_MAIL_FROM}), required when e-mail is on
 * @param pollInterval how often the sender looks for due e-mails (retries included)
 * @param batchSize e-mails one sender run delivers at most
 * @param maxAttempts attempts before an e-mail is given up as failed
 * @param retryDelay wait after the first failure; doubled after each further one
 * @param maxRetryDelay longest wait between two attempts
 * @param digestCron when the daily digest is composed (Spring cron, six fields)
 * @param timeZone the hospital's time zone: of the digest time and the digest's day
 * @param defaultDelivery delivery of users who have not chosen one
 */
@ConfigurationProperties("careqms.mail")
@Validated
record MailSettings(String from,
		@DefaultValue("15s") Duration pollInterval,
		@DefaultValue("50") @Min(1) @Max(1000) int batchSize,
		@DefaultValue("8") @Min(1) @Max(50) int maxAttempts,
		@DefaultValue("1m") Duration retryDelay,
		@DefaultValue("2h") Duration maxRetryDelay,
		@DefaultValue("0 30 7 * * *") String digestCron,
		@DefaultValue("Asia/Shanghai") ZoneId timeZone,
		@DefaultValue("IMMEDIATE") EmailDelivery defaultDelivery) {

	/** The wait before attempt {@code attempts + 1}, after {@code attempts} failures. */
	Duration backoff(int attempts) {
		Duration delay = retryDelay;
		for (int i = 1; i < attempts && delay.compareTo(maxRetryDelay) < 0; i++) {
			delay = delay.multipliedBy(2);
		}
		return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
	}
}
