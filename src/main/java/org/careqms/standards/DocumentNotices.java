package org.careqms.standards;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.careqms.notification.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells staff that a regulation or SOP has a new version in force that they should read and acknowledge,
 * and reminds those who have not acknowledged it once, {@code careqms.standards.acknowledgement-reminder-days}
 * after publication (nightly job).
 * <p>
 * Who: the active staff (not external auditors) of the owning department and of the departments under it
 * (a clinical department's wards and units); a document without an owning department is the whole
 * hospital's. Each notification has a dedupe key per version, so a recipient hears of a version once and
 * is reminded of it once, whatever runs twice.
 */
@Component
class DocumentNotices {

	private static final Logger log = LoggerFactory.getLogger(DocumentNotices.class);

	static final String PUBLISHED = "DOCUMENT_PUBLISHED";
	static final String REMINDER = "DOCUMENT_ACKNOWLEDGEMENT_REMINDER";
	private static final long LOCK = 0x5354445245_4D44L; // "STDREMD"

	private final Notifications notifications;
	private final JdbcClient jdbc;
	private final Clock clock;
	private final int reminderDays;

	DocumentNotices(Notifications notifications, JdbcClient jdbc, Clock clock,
			@Value("${careqms.standards.acknowledgement-reminder-days:7}") int reminderDays) {
		if (reminderDays < 1) {
			throw new IllegalArgumentException("careqms.standards.acknowledgement-reminder-days must be at least 1");
		}
		this.notifications = notifications;
		this.jdbc = jdbc;
		this.clock = clock;
		this.reminderDays = reminderDays;
	}

	int reminderDays() {
		return reminderDays;
	}

	private record VersionInForce(UUID versionId, UUID hospitalId, UUID documentId, String code, String title,
			int number, UUID ownerDepartmentId) {
	}

	/** A version has just been put in force (same transaction as the publication). */
	@Transactional(propagation = Propagation.MANDATORY)
	public int published(UUID versionId) {
		VersionInForce version = version(versionId);
		var recipients = staffToAcknowledge(version, false);
		return notifications.send(version.hospitalId(), recipients, PUBLISHED, "standards.notification.published",
				List.of(version.code(), version.title(), String.valueOf(version.number())),
				"/standards/documents/" + version.documentId(), "document-version:" + versionId + ":published");
	}

	/**
	 * Reminds, once per version, the staff who have not acknowledged a version in force published at least
	 * the configured number of days ago. Returns the number of notifications sent.
	 */
	@Scheduled(cron = "${careqms.standards.acknowledgement-reminder-cron:0 15 2 * * *}")
	@Transactional
	public int remindNightly() {
		Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(?)").param(LOCK).query(Boolean.class).single();
		if (!Boolean.TRUE.equals(locked)) {
			return 0;
		}
		Instant due = clock.instant().minus(Duration.ofDays(reminderDays));
		List<UUID> versions = jdbc.sql("""
				select v.id from std_document_version v
				join std_document d on d.id = v.document_id and not d.retired
				where v.status = 'PUBLISHED' and v.published_at <= :due
				  and not exists (select 1 from std_acknowledgement_reminder r where r.document_version_id = v.id)
				order by v.published_at""")
			.param("due", Timestamp.from(due))
			.query(UUID.class)
			.list();
		int sent = 0;
		for (UUID versionId : versions) {
			VersionInForce version = version(versionId);
			var recipients = staffToAcknowledge(version, true);
			int count = notifications.send(version.hospitalId(), recipients, REMINDER, "standards.notification.reminder",
					List.of(version.code(), version.title(), String.valueOf(version.number()),
							String.valueOf(reminderDays)),
					"/standards/documents/" + version.documentId(), "document-version:" + versionId + ":reminder");
			jdbc.sql("""
					insert into std_acknowledgement_reminder (document_version_id, hospital_id, recipients, sent_at)
					values (:v, :h, :n, :at) on conflict (document_version_id) do nothing""")
				.param("v", versionId).param("h", version.hospitalId()).param("n", recipients.size())
				.param("at", Timestamp.from(clock.instant()))
				.update();
			sent += count;
		}
		if (!versions.isEmpty()) {
			log.info("Acknowledgement reminders: {} version(s), {} notification(s)", versions.size(), sent);
		}
		return sent;
	}

	private VersionInForce version(UUID versionId) {
		return jdbc.sql("""
				select v.id, d.hospital_id, d.id document_id, d.code, d.title, v.version_number, d.owner_department_id
				from std_document_version v join std_document d on d.id = v.document_id where v.id = :id""")
			.param("id", versionId)
			.query((rs, n) -> new VersionInForce(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), rs.getInt(6), rs.getObject(7, UUID.class)))
			.single();
	}

	/** Active staff of the owning department and the departments under it (everyone without an owner). */
	private List<UUID> staffToAcknowledge(VersionInForce version, boolean onlyUnacknowledged) {
		return jdbc.sql("""
				with recursive scope (id) as (
				    select id from department
				    where hospital_id = :h and not retired and (id = :owner or cast(:owner as uuid) is null)
				    union
				    select d.id from department d join scope s on d.parent_id = s.id where not d.retired
				)
				select distinct u.id from app_user u
				join app_user_department ud on ud.user_id = u.id
				join scope on scope.id = ud.department_id
				where u.hospital_id = :h and u.enabled and not u.retired
				  and (u.access_expires_at is null or u.access_expires_at > now())
				  and exists (select 1 from app_user_role r where r.user_id = u.id and r.role <> 'AUDITOR')
				  and (not :only or not exists (select 1 from std_acknowledgement a
				                                where a.user_id = u.id and a.document_version_id = :v))
				order by u.id""")
			.param("h", version.hospitalId())
			.param("owner", version.ownerDepartmentId())
			.param("only", onlyUnacknowledged)
			.param("v", version.versionId())
			.query(UUID.class)
			.list();
	}
}
