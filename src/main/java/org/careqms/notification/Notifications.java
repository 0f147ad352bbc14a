package org.careqms.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends and reads in-app notifications. Texts are stored as a message key with arguments, so each
 * reader sees them in their own language.
 */
@Service
public class Notifications {

	/** A notification as its recipient sees it. */
	public record Notification(UUID id, String kind, String messageKey, List<String> arguments, String link,
			Instant createdAt, Instant readAt) {

		public boolean unread() {
			return readAt == null;
		}
	}

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final Clock clock;
	private final MailOutbox mail;

	Notifications(JdbcClient jdbc, JsonMapper json, Clock clock, MailOutbox mail) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.mail = mail;
	}

	/**
	 * Notifies each recipient once per {@code dedupeKey} (null: no de-duplication). Recipients who want
	 * e-mail right away also get an e-mail: it is queued in this transaction and sent after it commits.
	 *
	 * @param link the object the notification is about, as a path inside the application
	 * @return how many notifications were created
	 */
	@Transactional
	public int send(UUID hospitalId, Collection<UUID> recipients, String kind, String messageKey,
			List<String> arguments, String link, String dedupeKey) {
		OffsetDateTime now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
		String args = json.writeValueAsString(arguments);
		Map<UUID, UUID> created = new LinkedHashMap<>();
		List<UUID> distinct = recipients.stream().distinct().toList();
		if (distinct.isEmpty()) {
			return 0;
		}
		// one statement for every recipient (the quality office of a hospital is several people)
		Map<UUID, UUID> returned = new java.util.HashMap<>();
		jdbc.sql("""
				insert into notification (id, hospital_id, user_id, kind, message_key, arguments, link, dedupe_key,
				    created_at)
				select gen_random_uuid(), :hospital, r.user_id, :kind, :key, cast(:args as json), :link, :dedupe, :now
				from unnest(cast(:users as uuid[])) as r(user_id)
				on conflict do nothing
				returning user_id, id""")
			.param("hospital", hospitalId).param("users", distinct.stream().map(UUID::toString).toArray(String[]::new))
			.param("kind", kind).param("key", messageKey).param("args", args).param("link", link)
			.param("dedupe", dedupeKey).param("now", now)
			.query(rs -> {
				returned.put(rs.getObject("user_id", UUID.class), rs.getObject("id", UUID.class));
			});
		for (UUID recipient : distinct) {
			if (returned.containsKey(recipient)) {
				created.put(recipient, returned.get(recipient));
			}
		}
		mail.enqueueNotifications(hospitalId, created);
		return created.size();
	}

	@Transactional(readOnly = true)
	public List<Notification> inbox(UUID userId, int limit) {
		return jdbc.sql("""
				select id, kind, message_key, arguments::text as arguments, link, created_at, read_at from notification
				where user_id = :user order by created_at desc limit :limit""")
			.param("user", userId)
			.param("limit", limit)
			.query((rs, n) -> new Notification(rs.getObject("id", UUID.class), rs.getString("kind"),
					rs.getString("message_key"), json.readValue(rs.getString("arguments"), new TypeReference<List<String>>() {
					}), rs.getString("link"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
					rs.getObject("read_at", OffsetDateTime.class) == null ? null
							: rs.getObject("read_at", OffsetDateTime.class).toInstant()))
			.list();
	}

	@Transactional(readOnly = true)
	public long unreadCount(UUID userId) {
		return jdbc.sql("select count(*) from notification where user_id = :user and read_at is null")
			.param("user", userId)
			.query(Long.class)
			.single();
	}

	/** Marks one of the user's notifications read; false when it is not theirs. */
	@Transactional
	public boolean markRead(UUID userId, UUID notificationId) {
		return jdbc.sql("""
				update notification set read_at = coalesce(read_at, :now) where id = :id and user_id = :user""")
			.param("now", Instant.now(clock).atOffset(ZoneOffset.UTC))
			.param("id", notificationId)
			.param("user", userId)
			.update() > 0;
	}

	@Transactional
	public int markAllRead(UUID userId) {
		return jdbc.sql("update notification set read_at = :now where user_id = :user and read_at is null")
			.param("now", Instant.now(clock).atOffset(ZoneOffset.UTC))
			.param("user", userId)
			.update();
	}

	/** The link of one of the user's notifications (to open it). */
	@Transactional(readOnly = true)
	public java.util.Optional<String> link(UUID userId, UUID notificationId) {
		return jdbc.sql("select link from notification where id = :id and user_id = :user")
			.param("id", notificationId)
			.param("user", userId)
			.query(String.class)
			.optional();
	}
}
