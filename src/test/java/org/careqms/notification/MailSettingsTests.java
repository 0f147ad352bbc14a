package org.careqms.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** E-mail is off without an SMTP server, refuses to start without a sender address, and backs off. */
class MailSettingsTests {

	static MailSettings settings(String from) {
		return new MailSettings(from, Duration.ofSeconds(15), 50, 8, Duration.ofMinutes(1), Duration.ofHours(2),
				"0 30 7 * * *", ZoneId.of("Asia/Shanghai"), EmailDelivery.IMMEDIATE);
	}

	static MailOutbox outbox(JavaMailSender sender, MailSettings settings) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		if (sender != null) {
			beans.addBean("mailSender", sender);
		}
		return new MailOutbox(null, beans.getBeanProvider(JavaMailSender.class), null, null, null, settings, null, null,
				Runnable::run, null, java.time.Clock.systemUTC());
	}

	@Test
	void withoutAnSmtpServerNothingIsQueuedOrSent() {
		MailOutbox off = outbox(null, settings(null));
		assertThat(off.enabled()).isFalse();
		assertThat(off.enqueueNotifications(UUID.randomUUID(), Map.of(UUID.randomUUID(), UUID.randomUUID()))).isZero();
		assertThat(off.deliverDue()).isZero();
	}

	@Test
	void anSmtpServerWithoutASenderAddressStopsTheStartWithTheSettingToFix() {
		assertThatThrownBy(() -> outbox(new JavaMailSenderImpl(), settings(" ")))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("CAREQMS_MAIL_FROM");
		assertThat(outbox(new JavaMailSenderImpl(), settings("qms@hospital.example")).enabled()).isTrue();
	}

	@Test
	void theWaitDoublesAfterEachFailureUpToTheLimit() {
		MailSettings settings = settings("qms@hospital.example");
		assertThat(settings.backoff(1)).isEqualTo(Duration.ofMinutes(1));
		assertThat(settings.backoff(2)).isEqualTo(Duration.ofMinutes(2));
		assertThat(settings.backoff(4)).isEqualTo(Duration.ofMinutes(8));
		assertThat(settings.backoff(7)).isEqualTo(Duration.ofMinutes(64));
		assertThat(settings.backoff(8)).isEqualTo(Duration.ofHours(2));
		assertThat(settings.backoff(40)).isEqualTo(Duration.ofHours(2));
	}

	@Test
	void anErrorIsDescribedWithItsCausesAndKeptShort() {
		var error = new RuntimeException("outer", new java.net.ConnectException("Connection refused"));
		assertThat(MailOutbox.describe(error))
			.isEqualTo("RuntimeException: outer <- ConnectException: Connection refused");
		assertThat(MailOutbox.describe(new RuntimeException("x".repeat(5000)))).hasSize(MailOutbox.ERROR_LENGTH);
	}

	@Test
	void aServerThatCannotBeReachedEndsTheRunButABadMessageDoesNot() {
		var refused = new org.springframework.mail.MailSendException("Mail server connection failed",
				new jakarta.mail.MessagingException("Couldn't connect to host", new java.net.ConnectException("refused")));
		assertThat(MailOutbox.unreachable(refused)).isTrue();
		assertThat(MailOutbox.unreachable(new org.springframework.mail.MailAuthenticationException("535"))).isTrue();
		assertThat(MailOutbox.unreachable(new org.springframework.mail.MailSendException("550 no such user"))).isFalse();
		assertThat(MailOutbox.unreachable(new MailOutbox.UndeliverableException("gone"))).isFalse();
	}

	@Test
	void onlyAPlainAddressIsAcceptedForTheTestEmail() {
		assertThat(MailOutboxController.valid("qc@hospital.example")).isTrue();
		assertThat(MailOutboxController.valid("not an address")).isFalse();
		assertThat(MailOutboxController.valid("QC <qc@hospital.example>")).isFalse();
		assertThat(MailOutboxController.valid("a@b.example, c@d.example")).isFalse();
		assertThat(MailOutboxController.valid("x".repeat(200) + "@b.example")).isFalse();
		assertThat(MailOutboxController.valid("")).isFalse();
	}
}
