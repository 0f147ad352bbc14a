package org.careqms.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.careqms.notification.MailRenderer.Item;
import org.careqms.notification.MailRenderer.Rendered;
import org.careqms.notification.NotificationPreferences.Preference;
import org.careqms.audittrail.AuditAction;
import org.careqms.audittrail.AuditTrail;
import org.careqms.organization.UserContacts;
import org.careqms.organization.UserContacts.Contact;
import org.careqms.platform.CurrentUser;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactional outbox of e-mails. Rows are written in the transaction that creates what they are
 * about (a notification, a digest, a test), so an e-mail exists exactly when its cause committed.
 * After that commit, and on a schedule for retries, {@link #deliverDue} takes one due row at a time
 * with {@code FOR UPDATE SKIP LOCKED}, sends it while holding the row lock and marks it sent in the
 * same transaction: two senders (threads or application nodes) never take the same row. A failed
 * attempt is retried with a doubling wait; after the last attempt the row is marked failed with the
 * error. See ADR 0011.
 */
@Service
class MailOutbox {

	private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);

	static final int ERROR_LENGTH = 1000;

	static final String ENTITY = "MailOutbox";

	/** An outbox row as the administrator's page shows it. */
	public record Entry(UUID id, MailKind kind, String recipient, String locale, String subject, MailStatus status,
			int attempts, Instant nextAttemptAt, String lastError, String createdBy, Instant createdAt, Instant sentAt) {
	}

	/** A due row, locked by the transaction that delivers it. */
	record Due(UUID id, UUID hospitalId, MailKind kind, UUID userId, UUID notificationId, UUID digestId,
			String recipient, String locale, int attempts, String createdBy) {
	}

	private final JdbcClient jdbc;
	private final JavaMailSender sender;
	private final UserContacts contacts;
	private final NotificationPreferences preferences;
	private final MailRenderer renderer;
	private final MailSettings settings;
	private final JsonMapper json;
	private final TransactionTemplate perMail;
	private final Executor executor;
	private final AuditTrail audit;
	private final Clock clock;
	private final AtomicBoolean running = new AtomicBoolean();
	private final AtomicBoolean again = new AtomicBoolean();

	MailOutbox(JdbcClient jdbc, ObjectProvider<JavaMailSender> sender, UserContacts contacts,
			NotificationPreferences preferences, MailRenderer renderer, MailSettings settings, JsonMapper json,
			PlatformTransactionManager transactions, @Qualifier("applicationTaskExecutor") Executor executor,
			AuditTrail audit, Clock clock) {
		this.audit = audit;
		this.jdbc = jdbc;
		this.sender = sender.getIfAvailable();
		this.contacts = contacts;
		this.preferences = preferences;
		this.renderer = renderer;
		this.settings = settings;
		this.json = json;
		this.perMail = new TransactionTemplate(transactions);
		this.perMail.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
		this.executor = executor;
		this.clock = clock;
		if (this.sender != null && (settings.from() == null || settings.from().isBlank())) {
			throw new IllegalStateException(
					"E-mail is on (spring.mail.host is set) but no sender address: set CAREQMS_MAIL_FROM (careqms.mail.from)");
		}
		if (this.sender == null) {
			log.info("E-mail is off (no spring.mail.host): notifications stay in the in-app inbox");
		}
	}

	/** Whether an SMTP server is configured. Without one nothing is queued and notifications stay in-app. */
	boolean enabled() {
		return sender != null;
	}

	private OffsetDateTime now() {
		return Instant.now(clock).truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
	}

	/**
	 * Queues one e-mail for each just created notification whose recipient wants e-mails immediately and
	 * has an address. Runs in the caller's transaction.
	 *
	 * @param notificationByUser the created notification of each recipient
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	int enqueueNotifications(UUID hospitalId, Map<UUID, UUID> notificationByUser) {
		if (!enabled() || notificationByUser.isEmpty()) {
			return 0;
		}
		Map<UUID, Preference> chosen = preferences.of(notificationByUser.keySet());
		List<UUID> immediate = chosen.values().stream()
			.filter(p -> p.delivery() == EmailDelivery.IMMEDIATE)
			.map(Preference::userId)
			.toList();
		int queued = 0;
		for (Contact contact : contacts.of(immediate)) {
			if (contact.reachable()) {
				insert(hospitalId, MailKind.NOTIFICATION, contact.userId(), notificationByUser.get(contact.userId()), null,
						contact.email().trim(), chosen.get(contact.userId()).locale());
				queued++;
			}
		}
		if (queued > 0) {
			deliverAfterCommit();
		}
		return queued;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	UUID enqueueDigest(UUID hospitalId, UUID userId, UUID digestId, String recipient, String locale) {
		UUID id = insert(hospitalId, MailKind.DIGEST, userId, null, digestId, recipient, locale);
		deliverAfterCommit();
		return id;
	}

	/** Queues a test e-mail (audited); the address is checked by the caller. */
	@Transactional
	UUID enqueueTest(UUID hospitalId, String recipient, String locale) {
		UUID id = insert(hospitalId, MailKind.TEST, null, null, null, recipient, locale);
		audit.record(hospitalId, ENTITY, id, AuditAction.CREATE, "test " + recipient, null,
				Map.of("kind", MailKind.TEST.name(), "recipient", recipient, "locale", locale));
		deliverAfterCommit();
		return id;
	}

	private UUID insert(UUID hospitalId, MailKind kind, UUID userId, UUID notificationId, UUID digestId,
			String recipient, String locale) {
		UUID id = UUID.randomUUID();
		OffsetDateTime now = now();
		jdbc.sql("""
				insert into mail_outbox (id, hospital_id, kind, user_id, notification_id, digest_id, recipient, locale,
				    status, attempts, next_attempt_at, created_by, created_at)
				values (:id, :hospital, :kind, :user, :notification, :digest, :recipient, :locale, 'PENDING', 0, :now,
				    :by, :now)""")
			.param("id", id).param("hospital", hospitalId).param("kind", kind.name()).param("user", userId)
			.param("notification", notificationId).param("digest", digestId).param("recipient", recipient)
			.param("locale", locale).param("by", CurrentUser.name()).param("now", now)
			.update();
		return id;
	}

	/** Starts a delivery run once the current transaction has committed (the poll catches anything missed). */
	private void deliverAfterCommit() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					wakeUp();
				}
			});
		}
	}

	/** Runs {@link #deliverDue()} on another thread; a request while one runs makes it go round once more. */
	void wakeUp() {
		if (!enabled()) {
			return;
		}
		again.set(true);
		if (running.compareAndSet(false, true)) {
			try {
				executor.execute(() -> {
					try {
						while (again.getAndSet(false)) {
							deliverDue();
						}
					}
					catch (RuntimeException ex) {
						log.warn("E-mail delivery run failed: {}", ex.toString());
					}
					finally {
						running.set(false);
					}
					if (again.get()) {
						// woken between the last round and the reset above
						wakeUp();
					}
				});
			}
			catch (RuntimeException ex) {
				running.set(false);
				log.warn("E-mail delivery not started: {}", ex.toString());
			}
		}
	}

	/** Delivers what is due now, at most a batch; returns how many rows were attempted. */
	int deliverDue() {
		return deliverDue(Instant.now(clock));
	}

	int deliverDue(Instant now) {
		if (!enabled()) {
			return 0;
		}
		int attempted = 0;
		while (attempted < settings.batchSize()) {
			Outcome outcome = perMail.execute(status -> deliverOne(now));
			if (outcome == null || outcome == Outcome.NOTHING_DUE) {
				break;
			}
			attempted++;
			if (outcome == Outcome.SERVER_UNREACHABLE) {
				// the next e-mails would wait for the same timeout: leave them to the next run
				break;
			}
		}
		return attempted;
	}

	enum Outcome {
		NOTHING_DUE, SENT, FAILED, SERVER_UNREACHABLE
	}

	/** Takes one due row (skipping rows another sender holds), sends it and records the outcome. */
	private Outcome deliverOne(Instant now) {
		Optional<Due> next = jdbc.sql("""
				select id, hospital_id, kind, user_id, notification_id, digest_id, recipient, locale, attempts, created_by
				from mail_outbox where status = 'PENDING' and next_attempt_at <= :now
				order by next_attempt_at, id limit 1
				for update skip locked""")
			.param("now", now.atOffset(ZoneOffset.UTC))
			.query((rs, n) -> new Due(rs.getObject("id", UUID.class), rs.getObject("hospital_id", UUID.class),
					MailKind.valueOf(rs.getString("kind")), rs.getObject("user_id", UUID.class),
					rs.getObject("notification_id", UUID.class), rs.getObject("digest_id", UUID.class),
					rs.getString("recipient"), rs.getString("locale"), rs.getInt("attempts"), rs.getString("created_by")))
			.optional();
		if (next.isEmpty()) {
			return Outcome.NOTHING_DUE;
		}
		Due due = next.get();
		int attempts = due.attempts() + 1;
		Rendered mail = null;
		try {
			mail = render(due);
			send(due.recipient(), mail);
			jdbc.sql("""
					update mail_outbox set status = 'SENT', attempts = :attempts, subject = :subject, sent_at = :now,
					    last_error = null where id = :id""")
				.param("attempts", attempts).param("subject", mail.subject()).param("now", now())
				.param("id", due.id())
				.update();
			return Outcome.SENT;
		}
		catch (RuntimeException ex) {
			boolean permanent = ex instanceof MailParseException || ex instanceof MailPreparationException
					|| ex instanceof UndeliverableException;
			boolean giveUp = permanent || attempts >= settings.maxAttempts();
			String error = describe(ex);
			log.warn("E-mail {} to {} failed (attempt {}{}): {}", due.id(), due.recipient(), attempts,
					giveUp ? ", given up" : "", error);
			jdbc.sql("""
					update mail_outbox set status = :status, attempts = :attempts, next_attempt_at = :next,
					    last_error = :error, subject = coalesce(:subject, subject) where id = :id""")
				.param("status", giveUp ? MailStatus.FAILED.name() : MailStatus.PENDING.name())
				.param("attempts", attempts)
				.param("next", now.plus(settings.backoff(attempts)).atOffset(ZoneOffset.UTC))
				.param("error", error)
				.param("subject", mail == null ? null : mail.subject())
				.param("id", due.id())
				.update();
			if (ex instanceof MailAuthenticationException) {
				log.error("The SMTP server refused the configured credentials (spring.mail.username/password)");
			}
			return unreachable(ex) ? Outcome.SERVER_UNREACHABLE : Outcome.FAILED;
		}
	}

	/** Whether the server could not be reached or refused us at all (rather than this one e-mail). */
	static boolean unreachable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof MailAuthenticationException || cause instanceof java.io.IOException) {
				return true;
			}
		}
		return false;
	}

	static String describe(Throwable ex) {
		StringBuilder text = new StringBuilder();
		for (Throwable cause = ex; cause != null && text.length() < ERROR_LENGTH; cause = cause.getCause()) {
			if (!text.isEmpty()) {
				text.append(" <- ");
			}
			text.append(cause.getClass().getSimpleName());
			if (cause.getMessage() != null) {
				text.append(": ").append(cause.getMessage().replaceAll("\\s+", " ").strip());
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return text.length() > ERROR_LENGTH ? text.substring(0, ERROR_LENGTH - 1) + "…" : text.toString();
	}

	private void send(String recipient, Rendered mail) {
		MimeMessage message = sender.createMimeMessage();
		try {
			MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
					"UTF-8");
			helper.setFrom(settings.from());
			helper.setTo(recipient);
			helper.setSubject(mail.subject());
			helper.setText(mail.text(), mail.html());
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new MailPreparationException(ex);
		}
		sender.send(message);
	}

	/** Raised when an e-mail can never be written (its object is gone, its recipient no longer active). */
	static final class UndeliverableException extends RuntimeException {

		UndeliverableException(String message) {
			super(message);
		}
	}

	private Rendered render(Due due) {
		Locale locale = NotificationPreferences.javaLocale(due.locale());
		return switch (due.kind()) {
			case NOTIFICATION -> {
				String name = recipientName(due);
				Item item = jdbc.sql("""
						select kind, message_key, arguments::text as arguments, link, created_at from notification
						where id = :id""")
					.param("id", due.notificationId())
					.query((rs, n) -> renderer.item(rs.getString("kind"), rs.getString("message_key"),
							arguments(rs.getString("arguments")), rs.getString("link"),
							rs.getObject("created_at", OffsetDateTime.class).toInstant(), locale))
					.optional()
					.orElseThrow(() -> new UndeliverableException("notification " + due.notificationId() + " not found"));
				yield renderer.notification(name, item, locale);
			}
			case DIGEST -> {
				String name = recipientName(due);
				record Window(LocalDate day, OffsetDateTime from, OffsetDateTime to) {
				}
				Window window = jdbc.sql("select digest_day, window_from, window_to from mail_digest where id = :id")
					.param("id", due.digestId())
					.query((rs, n) -> new Window(rs.getObject("digest_day", LocalDate.class),
							rs.getObject("window_from", OffsetDateTime.class),
							rs.getObject("window_to", OffsetDateTime.class)))
					.single();
				List<Item> items = digestItems(due.userId(), window.from(), window.to(), locale);
				yield renderer.digest(name, window.day(), items, locale);
			}
			case TEST -> renderer.test(due.recipient(), due.createdBy(), locale);
		};
	}

	private String recipientName(Due due) {
		return contacts.of(List.of(due.userId())).stream()
			.findFirst()
			.map(Contact::displayName)
			.orElseThrow(() -> new UndeliverableException("recipient is no longer an active user"));
	}

	/** The notifications of a digest window that were still unread at its end, by kind. */
	List<Item> digestItems(UUID userId, OffsetDateTime from, OffsetDateTime to, Locale locale) {
		return jdbc.sql("""
				select kind, message_key, arguments::text as arguments, link, created_at from notification
				where user_id = :user and created_at > :from and created_at <= :to and (read_at is null or read_at > :to)
				order by kind, created_at""")
			.param("user", userId)
			.param("from", from == null ? OffsetDateTime.parse("1970-01-01T00:00:00Z") : from)
			.param("to", to)
			.query((rs, n) -> renderer.item(rs.getString("kind"), rs.getString("message_key"),
					arguments(rs.getString("arguments")), rs.getString("link"),
					rs.getObject("created_at", OffsetDateTime.class).toInstant(), locale))
			.list();
	}

	private List<String> arguments(String text) {
		return json.readValue(text, new TypeReference<List<String>>() {
		});
	}

	// the administrator's view

	@Transactional(readOnly = true)
	public List<Entry> recent(UUID hospitalId, MailStatus status, int limit) {
		return jdbc.sql("""
				select id, kind, recipient, locale, subject, status, attempts, next_attempt_at, last_error, created_by,
				       created_at, sent_at
				from mail_outbox where hospital_id = :hospital and (cast(:status as varchar) is null or status = :status)
				order by created_at desc, id limit :limit""")
			.param("hospital", hospitalId)
			.param("status", status == null ? null : status.name())
			.param("limit", limit)
			.query((rs, n) -> new Entry(rs.getObject("id", UUID.class), MailKind.valueOf(rs.getString("kind")),
					rs.getString("recipient"), rs.getString("locale"), rs.getString("subject"),
					MailStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
					instant(rs.getObject("next_attempt_at", OffsetDateTime.class)), rs.getString("last_error"),
					rs.getString("created_by"), instant(rs.getObject("created_at", OffsetDateTime.class)),
					instant(rs.getObject("sent_at", OffsetDateTime.class))))
			.list();
	}

	private static Instant instant(OffsetDateTime time) {
		return time == null ? null : time.toInstant();
	}

	@Transactional(readOnly = true)
	public Map<MailStatus, Long> counts(UUID hospitalId) {
		Map<MailStatus, Long> counts = new EnumMap<>(MailStatus.class);
		for (MailStatus status : MailStatus.values()) {
			counts.put(status, 0L);
		}
		jdbc.sql("select status, count(*) as n from mail_outbox where hospital_id = :hospital group by status")
			.param("hospital", hospitalId)
			.query(rs -> {
				counts.put(MailStatus.valueOf(rs.getString("status")), rs.getLong("n"));
			});
		return counts;
	}

	/** Puts a failed e-mail back in the queue for a fresh set of attempts; false when there is none such. */
	@Transactional
	public boolean retry(UUID hospitalId, UUID id) {
		int changed = jdbc.sql("""
				update mail_outbox set status = 'PENDING', attempts = 0, next_attempt_at = :now
				where id = :id and hospital_id = :hospital and status = 'FAILED'""")
			.param("now", now()).param("id", id).param("hospital", hospitalId)
			.update();
		if (changed > 0) {
			audit.record(hospitalId, ENTITY, id, AuditAction.UPDATE, "retry", Map.of("status", MailStatus.FAILED.name()),
					Map.of("status", MailStatus.PENDING.name()));
			deliverAfterCommit();
		}
		return changed > 0;
	}
}
