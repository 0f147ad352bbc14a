package org.careqms.improvement;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.careqms.indicators.IndicatorCatalog;
import org.careqms.indicators.IndicatorSignalDetected;
import org.careqms.organization.OrganizationDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Findings of other modules become actions: indicator signals, serious adverse events and failed
 * inspection items (record QC, complaints and committee minutes publish into the same register as they
 * arrive).
 * Also runs the nightly escalation (督办) of overdue actions.
 */
@Component
class FindingListeners {

	private static final Logger log = LoggerFactory.getLogger(FindingListeners.class);

	/** Days the responsible department gets to answer an indicator signal. */
	static final int SIGNAL_DAYS = 30;

	/** Days the audited department gets to answer a failed critical item (单项否决). */
	static final int CRITICAL_FINDING_DAYS = 7;

	static final long ESCALATION_LOCK = 0x4455424149L;

	private final ActionManagement management;
	private final CycleManagement cycles;
	private final IndicatorCatalog catalog;
	private final OrganizationDirectory organization;
	private final JdbcClient jdbc;
	private final Clock clock;

	FindingListeners(ActionManagement management, CycleManagement cycles, IndicatorCatalog catalog,
			OrganizationDirectory organization, JdbcClient jdbc, Clock clock) {
		this.management = management;
		this.cycles = cycles;
		this.catalog = catalog;
		this.organization = organization;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(IndicatorSignalDetected signal) {
		String name = catalog.find(signal.indicatorCode()).map(i -> i.nameZh()).orElse(signal.indicatorCode());
		String where = signal.departmentId() == null ? null
				: organization.department(signal.hospitalId(), signal.departmentId()).map(d -> d.name()).orElse(null);
		String title = name + (where == null ? "" : " · " + where) + " · " + signal.period();
		var draft = new ActionManagement.ActionDraft(title.length() > 200 ? title.substring(0, 200) : title,
				null, signal.departmentId(), null,
				LocalDate.now(clock).plusDays(SIGNAL_DAYS), null, null, Set.of(), signal.indicatorCode(),
				signal.departmentId());
		var action = management.register(signal.hospitalId(), ActionSource.INDICATOR_SIGNAL,
				signal.alertId().toString(), draft, "system");
		if (action != null) {
			log.info("Action {} opened for indicator signal {}", action.getReference(), signal.alertId());
		}
	}

	/** A level I or II adverse event needs an analysis and actions: it opens one for the handling department. */
	@ApplicationModuleListener
	void on(org.careqms.incidents.IncidentClassified classified) {
		if (!classified.serious()) {
			return;
		}
		var draft = new ActionManagement.ActionDraft(classified.reference() + " · " + classified.level(), null,
				classified.handlingDepartmentId(), null, LocalDate.now(clock).plusDays(SIGNAL_DAYS), null, null, Set.of(),
				null, null);
		var action = management.register(classified.hospitalId(), ActionSource.INCIDENT,
				classified.incidentId().toString(), draft, "system", classified.incidentId(), null);
		if (action != null) {
			log.info("Action {} opened for adverse event {}", action.getReference(), classified.reference());
		}
	}

	/**
	 * A failed checklist item of a submitted inspection: an action for the audited department, once per
	 * finding however often the event is delivered; a critical item (单项否决) gets a shorter deadline.
	 */
	@ApplicationModuleListener
	void on(org.careqms.audits.FindingRaised finding) {
		String title = finding.inspectionReference() + " · " + finding.itemCode() + " " + finding.itemText();
		StringBuilder description = new StringBuilder(finding.templateName());
		if (finding.note() != null) {
			description.append('\n').append(finding.note());
		}
		var draft = new ActionManagement.ActionDraft(title.length() > 200 ? title.substring(0, 200) : title,
				description.length() > 4000 ? description.substring(0, 4000) : description.toString(),
				finding.departmentId(), null,
				LocalDate.now(clock).plusDays(finding.critical() ? CRITICAL_FINDING_DAYS : SIGNAL_DAYS), null, null,
				Set.of(), null, null);
		var action = management.register(finding.hospitalId(), ActionSource.AUDIT_FINDING,
				finding.findingId().toString(), draft, "system");
		if (action != null) {
			log.info("Action {} opened for finding {} of inspection {}", action.getReference(), finding.itemCode(),
					finding.inspectionReference());
		}
	}

	@Scheduled(cron = "${careqms.improvement.escalation-cron:0 0 7 * * *}")
	@Transactional
	public void escalate() {
		Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(?)").param(ESCALATION_LOCK).query(Boolean.class)
			.single();
		if (Boolean.TRUE.equals(locked)) {
			log.info("Escalated {} overdue action(s)", management.escalateOverdue());
			log.info("Escalated {} late PDCA/QCC stage(s)", cycles.escalateOverdue());
		}
	}
}
