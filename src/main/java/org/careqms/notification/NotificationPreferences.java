package org.careqms.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.careqms.audittrail.AuditAction;
import org.careqms.audittrail.AuditTrail;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each user's choice of e-mail delivery and of the language e-mails are written in. Users who never
 * chose get the configured default delivery and zh-CN.
 */
@Service
class NotificationPreferences {

	static final String ENTITY = "NotificationPreference";

	/** Languages e-mails can be written in, as stored. */
	static final List<String> LOCALES = List.of("zh-CN", "en");

	static final String DEFAULT_LOCALE = "zh-CN";

	/**
	 * @param since when the delivery was chosen (a first digest starts there)
	 */
	record Preference(UUID userId, EmailDelivery delivery, String locale, Instant since, boolean chosen) {

		Locale javaLocale() {
			return NotificationPreferences.javaLocale(locale);
		}
	}

	private final JdbcClient jdbc;
	private final AuditTrail audit;
	private final MailSettings settings;
	private final Clock clock;

	NotificationPreferences(JdbcClient jdbc, AuditTrail audit, MailSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.settings = settings;
		this.clock = clock;
	}

	static Locale javaLocale(String tag) {
		return "en".equals(tag) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
	}

	@Transactional(readOnly = true)
	public Preference of(UUID userId) {
		return of(List.of(userId)).get(userId);
	}

	/** The preference of each user (the default for users who never chose). */
	@Transactional(readOnly = true)
	public Map<UUID, Preference> of(Collection<UUID> userIds) {
		Map<UUID, Preference> found = new HashMap<>();
		if (!userIds.isEmpty()) {
			jdbc.sql("""
					select user_id, delivery, locale, delivery_since from notification_preference
					where user_id = any(:ids)""")
				.param("ids", userIds.toArray(UUID[]::new))
				.query(rs -> {
					UUID id = rs.getObject("user_id", UUID.class);
					found.put(id, new Preference(id, EmailDelivery.valueOf(rs.getString("delivery")),
							rs.getString("locale"), rs.getObject("delivery_since", OffsetDateTime.class).toInstant(),
							true));
				});
		}
		Map<UUID, Preference> all = new LinkedHashMap<>();
		for (UUID id : userIds) {
			all.put(id, found.getOrDefault(id,
					new Preference(id, settings.defaultDelivery(), DEFAULT_LOCALE, Instant.EPOCH, false)));
		}
		return all;
	}

	/** Users who chose the daily digest. */
	@Transactional(readOnly = true)
	public List<Preference> digestUsers() {
		return jdbc.sql("""
				select user_id, delivery, locale, delivery_since from notification_preference
				where delivery = 'DAILY_DIGEST' order by user_id""")
			.query((rs, n) -> new Preference(rs.getObject("user_id", UUID.class),
					EmailDelivery.valueOf(rs.getString("delivery")), rs.getString("locale"),
					rs.getObject("delivery_since", OffsetDateTime.class).toInstant(), true))
			.list();
	}

	/** The signed-in user changes their own preference (audited). */
	@Transactional
	public Preference change(EmailDelivery delivery, String locale) {
		CareQmsUser user = CurrentUser.require();
		if (delivery == null) {
			throw new org.careqms.platform.InvalidInputException("delivery", "error.notification.delivery");
		}
		if (locale == null || !LOCALES.contains(locale)) {
			throw new org.careqms.platform.InvalidInputException("locale", "error.notification.locale");
		}
		Preference before = of(user.id());
		if (before.chosen() && before.delivery() == delivery && before.locale().equals(locale)) {
			return before;
		}
		OffsetDateTime now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
		jdbc.sql("""
				insert into notification_preference (user_id, hospital_id, delivery, locale, delivery_since, version,
				    changed_by, changed_at)
				values (:user, :hospital, :delivery, :locale, :now, 0, :by, :now)
				on conflict (user_id) do update set
				    delivery = excluded.delivery, locale = excluded.locale,
				    delivery_since = case when notification_preference.delivery = excluded.delivery
				        then notification_preference.delivery_since else excluded.delivery_since end,
				    version = notification_preference.version + 1,
				    changed_by = excluded.changed_by, changed_at = excluded.changed_at""")
			.param("user", user.id()).param("hospital", user.hospitalId()).param("delivery", delivery.name())
			.param("locale", locale).param("now", now).param("by", CurrentUser.name())
			.update();
		audit.record(user.hospitalId(), ENTITY, user.id(), before.chosen() ? AuditAction.UPDATE : AuditAction.CREATE,
				user.getUsername(),
				before.chosen() ? state(before) : null, Map.of("delivery", delivery.name(), "locale", locale));
		return of(user.id());
	}

	private static Map<String, Object> state(Preference preference) {
		return Map.of("delivery", preference.delivery().name(), "locale", preference.locale());
	}
}
