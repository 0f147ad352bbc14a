package org.careqms.incidents;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.careqms.notification.Notifications;
import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deadlines of open events: a reminder to the handling department two days before the analysis is
 * due, and an escalation to the quality office and the department head once it is late. Each is sent
 * once per event (de-duplicated), every morning, by one node (database lock).
 */
@Component
class IncidentDeadlines {

	private static final Logger log = LoggerFactory.getLogger(IncidentDeadlines.class);

	static final long LOCK = 0x494E4344554500L;

	static final int REMIND_DAYS_BEFORE = 2;

	private final JdbcClient jdbc;
	private final OrganizationDirectory organization;
	private final Notifications notifications;
	private final Clock clock;

	IncidentDeadlines(JdbcClient jdbc, OrganizationDirectory organization, Notifications notifications, Clock clock) {
		this.jdbc = jdbc;
		this.organization = organization;
		this.notifications = notifications;
		this.clock = clock;
	}

	record Open(UUID id, UUID hospitalId, String reference, UUID handlingDepartmentId, Instant dueAt) {
	}

	@Scheduled(cron = "${careqms.incidents.deadline-cron:0 0 8 * * *}")
	@Transactional
	public void scheduled() {
		Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(?)").param(LOCK).query(Boolean.class).single();
		if (Boolean.TRUE.equals(locked)) {
			log.info("Incident deadlines: {} reminder(s) and escalation(s) sent", remind());
		}
	}

	/** Sends what is due now; returns how many notifications were created. */
	@Transactional
	public int remind() {
		Instant now = Instant.now(clock);
		List<Open> open = jdbc.sql("""
				select id, hospital_id, reference, handling_department_id, analysis_due_at from incident
				where status in ('TRIAGED', 'INVESTIGATING', 'ACTION_PLANNING') and analysis_due_at is not null
				  and analysis_due_at < :soon""")
			.param("soon", now.plus(REMIND_DAYS_BEFORE, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC))
			.query((rs, n) -> new Open(rs.getObject("id", UUID.class), rs.getObject("hospital_id", UUID.class),
					rs.getString("reference"), rs.getObject("handling_department_id", UUID.class),
					rs.getObject("analysis_due_at", java.time.OffsetDateTime.class).toInstant()))
			.list();
		int sent = 0;
		for (Open event : open) {
			String due = event.dueAt().atZone(java.time.ZoneId.systemDefault()).toLocalDate().toString();
			if (event.dueAt().isAfter(now)) {
				sent += notifications.send(event.hospitalId(),
						organization.responsibleUsers(event.hospitalId(), event.handlingDepartmentId(),
								EnumSet.of(Role.DEPARTMENT_HEAD, Role.QC_OFFICER), EnumSet.noneOf(Role.class)),
						"INCIDENT_DUE_SOON", "incidents.notification.due-soon", List.of(event.reference(), due),
						"/incidents/" + event.id(), "incident:" + event.id() + ":due-soon");
			}
			else {
				sent += notifications.send(event.hospitalId(),
						organization.responsibleUsers(event.hospitalId(), event.handlingDepartmentId(),
								EnumSet.of(Role.DEPARTMENT_HEAD), EnumSet.of(Role.QUALITY_MANAGER)),
						"INCIDENT_OVERDUE", "incidents.notification.overdue", List.of(event.reference(), due),
						"/incidents/" + event.id(), "incident:" + event.id() + ":overdue");
			}
		}
		return sent;
	}
}
