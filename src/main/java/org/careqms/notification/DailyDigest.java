package org.careqms.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.careqms.notification.NotificationPreferences.Preference;
import org.careqms.organization.UserContacts;
import org.careqms.organization.UserContacts.Contact;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily digest: at the configured time (hospital time zone) each user who chose it gets one e-mail
 * with the notifications that arrived since their last digest and are still unread, grouped by kind.
 * Nothing is sent when there is nothing new. A row per user and day (unique) is written in the same
 * transaction as the digest's outbox row, so a second node or a restart on the same day sends nothing
 * twice.
 */
@Component
class DailyDigest {

	private static final Logger log = LoggerFactory.getLogger(DailyDigest.class);

	private final JdbcClient jdbc;
	private final NotificationPreferences preferences;
	private final UserContacts contacts;
	private final MailOutbox outbox;
	private final MailSettings settings;
	private final TransactionTemplate perUser;
	private final Clock clock;

	DailyDigest(JdbcClient jdbc, NotificationPreferences preferences, UserContacts contacts, MailOutbox outbox,
			MailSettings settings, PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.preferences = preferences;
		this.contacts = contacts;
		this.outbox = outbox;
		this.settings = settings;
		this.perUser = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	@Scheduled(cron = "${careqms.mail.digest-cron:0 30 7 * * *}", zone = "${careqms.mail.time-zone:Asia/Shanghai}")
	public void scheduled() {
		if (!outbox.enabled()) {
			return;
		}
		Instant now = Instant.now(clock);
		int sent = compose(now.atZone(settings.timeZone()).toLocalDate(), now);
		log.info("Daily digest: {} e-mail(s) queued", sent);
	}

	/**
	 * Composes the digests of {@code day} covering notifications up to {@code cutoff}.
	 *
	 * @return how many digest e-mails were queued
	 */
	int compose(LocalDate day, Instant cutoff) {
		if (!outbox.enabled()) {
			return 0;
		}
		int queued = 0;
		for (Preference preference : preferences.digestUsers()) {
			try {
				if (Boolean.TRUE.equals(perUser.execute(status -> composeOne(preference, day, cutoff)))) {
					queued++;
				}
			}
			catch (RuntimeException ex) {
				log.warn("Daily digest for user {} failed: {}", preference.userId(), ex.toString());
			}
		}
		return queued;
	}

	private boolean composeOne(Preference preference, LocalDate day, Instant cutoff) {
		List<Contact> found = contacts.of(List.of(preference.userId()));
		if (found.isEmpty() || !found.get(0).reachable()) {
			return false;
		}
		Contact contact = found.get(0);
		OffsetDateTime to = cutoff.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
		UUID id = UUID.randomUUID();
		// the unique (user, day) key: a second node waits for the first one's commit and then inserts nothing
		int claimed = jdbc.sql("""
				insert into mail_digest (id, hospital_id, user_id, digest_day, window_from, window_to, items, created_at)
				values (:id, :hospital, :user, :day,
				        greatest((select max(window_to) from mail_digest where user_id = :user), cast(:since as timestamptz)),
				        :to, 0, :to)
				on conflict (user_id, digest_day) do nothing""")
			.param("id", id).param("hospital", contact.hospitalId()).param("user", contact.userId()).param("day", day)
			.param("since", preference.since().atOffset(ZoneOffset.UTC)).param("to", to)
			.update();
		if (claimed == 0) {
			return false;
		}
		int items = jdbc.sql("""
				select count(*) from notification n, mail_digest d
				where d.id = :digest and n.user_id = d.user_id and n.created_at > d.window_from
				  and n.created_at <= d.window_to and (n.read_at is null or n.read_at > d.window_to)""")
			.param("digest", id)
			.query(Integer.class)
			.single();
		if (items == 0) {
			return false;
		}
		jdbc.sql("update mail_digest set items = :items where id = :id").param("items", items).param("id", id).update();
		outbox.enqueueDigest(contact.hospitalId(), contact.userId(), id, contact.email().trim(), preference.locale());
		return true;
	}
}
