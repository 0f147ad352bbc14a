package org.careqms.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * E-mail delivery against an in-process SMTP server (GreenMail): immediate e-mails in the recipient's
 * language with absolute links, the daily digest, the in-app-only preference, retries while the
 * server is down, exactly-once delivery under concurrent senders, and the administrator's outbox page.
 */
@CareQmsTest
class MailTests {

	static final String BASE = "https://qms.test.example";

	static GreenMail smtp;

	@Autowired
	Notifications notifications;

	@Autowired
	MailOutbox outbox;

	@Autowired
	DailyDigest digest;

	@Autowired
	JavaMailSenderImpl sender;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	UUID hospital;

	@BeforeAll
	static void startSmtp() {
		smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
		smtp.start();
	}

	@AfterAll
	static void stopSmtp() {
		smtp.stop();
	}

	@BeforeEach
	void pointSenderAtSmtp() {
		sender.setPort(smtp.getSmtp().getPort());
		hospital = jdbc.sql("select id from hospital where code = 'H0001'").query(UUID.class).single();
	}

	@AfterEach
	void purge() throws Exception {
		sender.setPort(smtp.getSmtp().getPort());
		smtp.purgeEmailFromAllMailboxes();
	}

	// ---- helpers

	/** A fresh active user with an e-mail address (or none) and, optionally, a chosen delivery. */
	UUID newUser(String email, EmailDelivery delivery, String locale) {
		UUID id = UUID.randomUUID();
		String username = "mail-" + id.toString().substring(0, 8);
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		jdbc.sql("""
				insert into app_user (id, hospital_id, username, password_hash, display_name, email, enabled,
				    password_changed_at, version, created_by, created_at, changed_by, changed_at)
				values (:id, :hospital, :username, 'x', :name, :email, true, :now, 0, 'test', :now, 'test', :now)""")
			.param("id", id).param("hospital", hospital).param("username", username)
			.param("name", "Tester " + username).param("email", email).param("now", now)
			.update();
		jdbc.sql("insert into app_user_role (user_id, role) values (:id, 'STAFF')").param("id", id).update();
		if (delivery != null) {
			jdbc.sql("""
					insert into notification_preference (user_id, hospital_id, delivery, locale, delivery_since, version,
					    changed_by, changed_at)
					values (:id, :hospital, :delivery, :locale, :since, 0, 'test', :since)""")
				.param("id", id).param("hospital", hospital).param("delivery", delivery.name()).param("locale", locale)
				.param("since", now.minusDays(1))
				.update();
		}
		return id;
	}

	static String address(String local) {
		return local + "-" + UUID.randomUUID().toString().substring(0, 8) + "@ward.test.example";
	}

	List<MimeMessage> mailTo(String address) {
		return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
			try {
				return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address));
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	List<MimeMessage> awaitMail(String address, int count) {
		await(() -> mailTo(address).size() >= count, "e-mail to " + address);
		return mailTo(address);
	}

	static void await(BooleanSupplier condition, String what) {
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > until) {
				throw new AssertionError("Timed out waiting for " + what);
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

	/** The plain-text and HTML parts of a message, by content type. */
	static Map<String, String> parts(MimeMessage message) throws MessagingException, IOException {
		Map<String, String> found = new java.util.HashMap<>();
		collect(message, found);
		return found;
	}

	private static void collect(Part part, Map<String, String> found) throws MessagingException, IOException {
		if (part.isMimeType("text/plain")) {
			found.put("text", (String) part.getContent());
		}
		else if (part.isMimeType("text/html")) {
			found.put("html", (String) part.getContent());
		}
		else if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart body = multipart.getBodyPart(i);
				collect(body, found);
			}
		}
	}

	Map<String, Object> row(UUID userId) {
		return jdbc.sql("select status, attempts, last_error, next_attempt_at, subject from mail_outbox where user_id = :u")
			.param("u", userId)
			.query()
			.singleRow();
	}

	int outboxRows(UUID userId) {
		return jdbc.sql("select count(*) from mail_outbox where user_id = :u").param("u", userId).query(Integer.class)
			.single();
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	// ---- behaviour

	@Test
	void anImmediateEmailArrivesInTheRecipientsLanguageWithAbsoluteLinks() throws Exception {
		String english = address("en");
		String chinese = address("zh");
		UUID reader = newUser(english, EmailDelivery.IMMEDIATE, "en");
		UUID nurse = newUser(chinese, null, null);
		String dedupe = "mail-test:" + UUID.randomUUID();

		assertThat(notifications.send(hospital, List.of(reader, nurse), "INCIDENT_ASSIGNED", "notification.unread",
				List.of("7"), "/incidents/42", dedupe)).isEqualTo(2);

		MimeMessage en = awaitMail(english, 1).get(0);
		assertThat(en.getSubject()).isEqualTo("[CareQMS] 7 unread messages");
		assertThat(en.getFrom()[0].toString()).contains("careqms@test.example");
		Map<String, String> enParts = parts(en);
		assertThat(enParts.get("text")).contains("Hello Tester", "7 unread messages", BASE + "/incidents/42",
				BASE + "/inbox", BASE + "/account");
		assertThat(enParts.get("html")).contains("href=\"" + BASE + "/incidents/42\"", "href=\"" + BASE + "/inbox\"",
				"lang=\"en\"");

		MimeMessage zh = awaitMail(chinese, 1).get(0);
		assertThat(zh.getSubject()).isEqualTo("[CareQMS] 7 条未读消息");
		assertThat(parts(zh).get("text")).contains("您好", "查看详情", BASE + "/incidents/42");
		assertThat(parts(zh).get("html")).contains("lang=\"zh-CN\"");

		await(() -> "SENT".equals(row(reader).get("status")), "outbox row marked sent");
		assertThat(row(reader)).containsEntry("attempts", 1).containsEntry("subject", "[CareQMS] 7 unread messages");

		// the same event again: no second notification, no second e-mail
		assertThat(notifications.send(hospital, List.of(reader), "INCIDENT_ASSIGNED", "notification.unread",
				List.of("7"), "/incidents/42", dedupe)).isZero();
		assertThat(outboxRows(reader)).isOne();
	}

	@Test
	void inAppOnlyAndUsersWithoutAddressGetNoEmail() {
		UUID quiet = newUser(address("quiet"), EmailDelivery.IN_APP_ONLY, "zh-CN");
		UUID unreachable = newUser(null, EmailDelivery.IMMEDIATE, "zh-CN");
		UUID digestReader = newUser(address("digest"), EmailDelivery.DAILY_DIGEST, "en");

		assertThat(notifications.send(hospital, List.of(quiet, unreachable, digestReader), "ACTION_OVERDUE",
				"notification.unread", List.of("1"), "/actions", null)).isEqualTo(3);

		assertThat(outboxRows(quiet)).isZero();
		assertThat(outboxRows(unreachable)).isZero();
		assertThat(outboxRows(digestReader)).isZero();
		assertThat(notifications.unreadCount(quiet)).isOne();
	}

	@Test
	void aNotificationRolledBackWithItsCauseSendsNoEmail() {
		UUID reader = newUser(address("rollback"), EmailDelivery.IMMEDIATE, "en");
		var transactions = new org.springframework.transaction.support.TransactionTemplate(
				org.springframework.test.util.AopTestUtils.getTargetObject(transactionManager));
		transactions.executeWithoutResult(status -> {
			notifications.send(hospital, List.of(reader), "ACTION_OVERDUE", "notification.unread", List.of("2"),
					"/actions", null);
			status.setRollbackOnly();
		});
		assertThat(outboxRows(reader)).isZero();
		assertThat(notifications.unreadCount(reader)).isZero();
	}

	@Autowired
	org.springframework.transaction.PlatformTransactionManager transactionManager;

	@Test
	void theDailyDigestGroupsUnreadNotificationsByKindAndIsSentOncePerDay() throws Exception {
		String email = address("digest");
		UUID head = newUser(email, EmailDelivery.DAILY_DIGEST, "en");
		notifications.send(hospital, List.of(head), "INCIDENT_REPORTED", "notification.unread", List.of("11"),
				"/incidents/1", null);
		notifications.send(hospital, List.of(head), "INCIDENT_REPORTED", "notification.unread", List.of("12"),
				"/incidents/2", null);
		notifications.send(hospital, List.of(head), "ACTION_OVERDUE", "notification.unread", List.of("13"),
				"/actions/3", null);
		notifications.send(hospital, List.of(head), "ACTION_OVERDUE", "notification.unread", List.of("14"),
				"/actions/4", null);
		UUID read = notifications.inbox(head, 10).stream().filter(n -> n.arguments().equals(List.of("14"))).findFirst()
			.orElseThrow().id();
		notifications.markRead(head, read);
		assertThat(outboxRows(head)).as("digest readers get no immediate e-mail").isZero();

		LocalDate day = LocalDate.now().plusYears(1);
		Instant cutoff = Instant.now();
		// two nodes compose the same day's digests at once
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> runs = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				runs.add(pool.submit(() -> {
					start.await();
					return digest.compose(day, cutoff);
				}));
			}
			start.countDown();
			for (Future<Integer> run : runs) {
				run.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		digest.compose(day, cutoff.plusSeconds(1));
		assertThat(outboxRows(head)).isOne();
		assertThat(jdbc.sql("select items from mail_digest where user_id = :u").param("u", head).query(Integer.class)
			.single()).isEqualTo(3);

		MimeMessage mail = awaitMail(email, 1).get(0);
		assertThat(mail.getSubject()).isEqualTo("[CareQMS] Daily digest: 3 unread (" + day + ")");
		String text = parts(mail).get("text");
		assertThat(text).contains("== Newly reported adverse events (2) ==", "== Overdue actions (escalation) (1) ==",
				"11 unread messages", "12 unread messages", "13 unread messages", BASE + "/incidents/1",
				BASE + "/actions/3", BASE + "/inbox")
			.doesNotContain("14 unread messages");
		// each kind under its own heading
		assertThat(text.indexOf("== Overdue actions")).isLessThan(text.indexOf("13 unread"));
		assertThat(text.indexOf("13 unread")).isLessThan(text.indexOf("== Newly reported"));
		assertThat(text.indexOf("== Newly reported")).isLessThan(text.indexOf("11 unread"))
			.isLessThan(text.indexOf("12 unread"));
		assertThat(parts(mail).get("html")).contains("href=\"" + BASE + "/incidents/2\"");

		// the next day with nothing new: nothing is sent
		digest.compose(day.plusDays(1), Instant.now());
		assertThat(outboxRows(head)).isOne();
		assertThat(jdbc.sql("select items from mail_digest where user_id = :u and digest_day = :d").param("u", head)
			.param("d", day.plusDays(1)).query(Integer.class).single()).isZero();
		// something new by the day after: only the new one
		notifications.send(hospital, List.of(head), "RECORD_DEFECTS", "notification.unread", List.of("15"),
				"/record-qc", null);
		digest.compose(day.plusDays(2), Instant.now());
		assertThat(outboxRows(head)).isEqualTo(2);
		MimeMessage second = awaitMail(email, 2).stream()
			.filter(m -> {
				try {
					return m.getSubject().contains(": 1 unread");
				}
				catch (MessagingException ex) {
					return false;
				}
			})
			.findFirst()
			.orElseThrow();
		assertThat(parts(second).get("text")).contains("== Medical record defects (1) ==", "15 unread messages")
			.doesNotContain("11 unread messages");
	}

	@Test
	void whileTheMailServerIsDownEmailsWaitAndAreDeliveredOnALaterAttempt() throws Exception {
		String email = address("retry");
		UUID reader = newUser(email, EmailDelivery.IMMEDIATE, "zh-CN");
		sender.setPort(freePort());

		notifications.send(hospital, List.of(reader), "INCIDENT_OVERDUE", "notification.unread", List.of("3"),
				"/incidents/9", null);
		await(() -> ((Integer) row(reader).get("attempts")) == 1, "the first attempt");
		Map<String, Object> failed = row(reader);
		assertThat(failed).containsEntry("status", "PENDING");
		assertThat((String) failed.get("last_error")).contains("MailSendException");
		Instant next = ((java.sql.Timestamp) failed.get("next_attempt_at")).toInstant();
		assertThat(next).isAfter(Instant.now().plusSeconds(30));

		sender.setPort(smtp.getSmtp().getPort());
		// not due yet: nothing happens
		outbox.deliverDue(Instant.now());
		assertThat(row(reader)).containsEntry("attempts", 1).containsEntry("status", "PENDING");
		// due: delivered
		outbox.deliverDue(next.plusSeconds(1));
		assertThat(row(reader)).containsEntry("status", "SENT").containsEntry("attempts", 2);
		assertThat(awaitMail(email, 1)).hasSize(1);
		assertThat(row(reader).get("last_error")).isNull();
	}

	@Test
	void anEmailIsGivenUpAfterTheLastAttemptWithItsError() {
		UUID reader = newUser(address("fail"), EmailDelivery.IMMEDIATE, "en");
		sender.setPort(1);
		notifications.send(hospital, List.of(reader), "INCIDENT_OVERDUE", "notification.unread", List.of("4"),
				"/incidents/10", null);
		await(() -> ((Integer) row(reader).get("attempts")) >= 1, "the first attempt");
		jdbc.sql("update mail_outbox set attempts = 7 where user_id = :u").param("u", reader).update();
		outbox.deliverDue(Instant.now().plus(1, ChronoUnit.DAYS));
		Map<String, Object> row = row(reader);
		assertThat(row).containsEntry("status", "FAILED").containsEntry("attempts", 8);
		assertThat((String) row.get("last_error")).contains("MailSendException");
		// a failed e-mail is not attempted again by the sender
		outbox.deliverDue(Instant.now().plus(30, ChronoUnit.DAYS));
		assertThat(row(reader)).containsEntry("attempts", 8);
	}

	@Test
	void concurrentSendersDeliverEachEmailExactlyOnce() throws Exception {
		int mails = 40;
		List<String> recipients = new ArrayList<>();
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		for (int i = 0; i < mails; i++) {
			String recipient = address("once" + i);
			recipients.add(recipient);
			jdbc.sql("""
					insert into mail_outbox (id, hospital_id, kind, recipient, locale, status, attempts, next_attempt_at,
					    created_by, created_at)
					values (:id, :hospital, 'TEST', :recipient, 'en', 'PENDING', 0, :now, 'test', :now)""")
				.param("id", UUID.randomUUID()).param("hospital", hospital).param("recipient", recipient)
				.param("now", now)
				.update();
		}
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> runs = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				runs.add(pool.submit(() -> {
					start.await();
					int sent = 0;
					for (int round = 0; round < 3; round++) {
						sent += outbox.deliverDue(Instant.now().plusSeconds(1));
					}
					return sent;
				}));
			}
			start.countDown();
			for (Future<Integer> run : runs) {
				run.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		for (String recipient : recipients) {
			assertThat(mailTo(recipient)).as(recipient).hasSize(1);
		}
		assertThat(jdbc.sql("""
				select count(*) from mail_outbox where recipient = any(:r) and status = 'SENT' and attempts = 1""")
			.param("r", recipients.toArray(String[]::new))
			.query(Integer.class)
			.single()).isEqualTo(mails);
	}

	@Test
	void onlyAnAdministratorSeesTheOutboxAndSendsATestEmail() throws Exception {
		var admin = users.loadUserByUsername("admin");
		String recipient = address("admin-test");
		mvc.perform(get("/admin/mail").with(user(users.loadUserByUsername("quality"))))
			.andExpect(status().isForbidden());
		mvc.perform(post("/admin/mail/test").param("recipient", recipient)
			.with(user(users.loadUserByUsername("quality"))).with(csrf()))
			.andExpect(status().isForbidden());
		assertThat(mailTo(recipient)).isEmpty();

		mvc.perform(post("/admin/mail/test").param("recipient", "not an address").with(user(admin)).with(csrf()))
			.andExpect(redirectedUrl("/admin/mail"))
			.andExpect(flash().attribute("failure", "error.notification.recipient"));

		mvc.perform(post("/admin/mail/test").param("recipient", recipient).param("lang", "en").with(user(admin))
			.with(csrf()))
			.andExpect(redirectedUrl("/admin/mail"))
			.andExpect(flash().attribute("success", "notification.outbox.test-queued"));
		MimeMessage test = awaitMail(recipient, 1).get(0);
		assertThat(test.getSubject()).as("in the administrator's language").isEqualTo("[CareQMS] Test e-mail");
		assertThat(parts(test).get("text")).contains("admin", BASE + "/admin/mail");
		assertThat(jdbc.sql("""
				select count(*) from audit_entry where entity_type = 'MailOutbox' and action = 'CREATE'
				  and summary = :summary""")
			.param("summary", "test " + recipient)
			.query(Integer.class)
			.single()).isOne();

		await(() -> jdbc.sql("select status from mail_outbox where recipient = :r").param("r", recipient)
			.query(String.class).single().equals("SENT"), "the test e-mail marked sent");
		String page = mvc.perform(get("/admin/mail").param("status", "SENT").param("lang", "en").with(user(admin)))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains(recipient, "[CareQMS] Test e-mail", "Sent", "test-form");

		// a failed e-mail can be queued again; nothing else can
		UUID failed = UUID.randomUUID();
		jdbc.sql("""
				insert into mail_outbox (id, hospital_id, kind, recipient, locale, status, attempts, next_attempt_at,
				    last_error, created_by, created_at)
				values (:id, :hospital, 'TEST', :recipient, 'en', 'FAILED', 8, now(), 'MailSendException: refused', 'test',
				    now())""")
			.param("id", failed).param("hospital", hospital).param("recipient", address("failed"))
			.update();
		assertThat(mvc.perform(get("/admin/mail").param("status", "FAILED").with(user(admin)))
			.andReturn().getResponse().getContentAsString()).contains("MailSendException: refused");
		mvc.perform(post("/admin/mail/" + failed + "/retry").with(user(admin)).with(csrf()))
			.andExpect(redirectedUrl("/admin/mail?status=PENDING"));
		mvc.perform(post("/admin/mail/" + failed + "/retry").with(user(admin)).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/admin/mail/" + UUID.randomUUID() + "/retry").with(user(admin)).with(csrf()))
			.andExpect(status().isNotFound());
		await(() -> "SENT".equals(jdbc.sql("select status from mail_outbox where id = :id").param("id", failed)
			.query(String.class).single()), "the retried e-mail sent");
	}

	@Test
	void eachUserChoosesDeliveryAndLanguageOnTheAccountPageAudited() throws Exception {
		String email = address("choice");
		UUID me = newUser(email, null, null);
		String username = jdbc.sql("select username from app_user where id = :id").param("id", me).query(String.class)
			.single();
		var principal = users.loadUserByUsername(username);

		String account = mvc.perform(get("/account").with(user(principal))).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString();
		assertThat(account).contains("hx-get=\"/account/notifications\"");
		String form = mvc.perform(get("/account/notifications").param("lang", "en").with(user(principal)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(form).contains("E-mails go to " + email, "delivery-DAILY_DIGEST", "One digest e-mail a day");

		mvc.perform(post("/account/notifications").param("delivery", "DAILY_DIGEST").param("locale", "en")
			.with(user(principal)).with(csrf()))
			.andExpect(redirectedUrl("/account"))
			.andExpect(flash().attribute("success", "notification.preferences.saved"));
		mvc.perform(post("/account/notifications").param("delivery", "IN_APP_ONLY").param("locale", "en")
			.with(user(principal)).with(csrf()))
			.andExpect(redirectedUrl("/account"));
		assertThat(jdbc.sql("select delivery || ' ' || locale from notification_preference where user_id = :id")
			.param("id", me).query(String.class).single()).isEqualTo("IN_APP_ONLY en");
		assertThat(jdbc.sql("""
				select action from audit_entry where entity_type = 'NotificationPreference' and entity_id = :id
				order by seq""")
			.param("id", me.toString()).query(String.class).list()).containsExactly("CREATE", "UPDATE");

		mvc.perform(post("/account/notifications").param("delivery", "WEEKLY").param("locale", "en")
			.with(user(principal)).with(csrf()))
			.andExpect(status().isBadRequest());
		mvc.perform(post("/account/notifications").param("delivery", "IMMEDIATE").param("locale", "fr")
			.with(user(principal)).with(csrf()))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/account/notifications")).andExpect(status().is3xxRedirection());

		notifications.send(hospital, List.of(me), "ACTION_ASSIGNED", "notification.unread", List.of("5"), "/actions",
				null);
		assertThat(outboxRows(me)).isZero();
	}
}
