package org.careqms.indicators;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.careqms.clinicaldata.ClinicalDataImported;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * When indicators are looked at again: after every committed import (asynchronously, so the upload
 * answers at once), and every night for every hospital, which also catches a month that has just
 * closed. The nightly run takes a database lock so that one node of several does it.
 */
@Component
class AlertTriggers {

	private static final Logger log = LoggerFactory.getLogger(AlertTriggers.class);

	/** Arbitrary, fixed key of the nightly job's lock. */
	static final long NIGHTLY_LOCK = 0x494E4449434154L;

	private final IndicatorAlerts alerts;
	private final JdbcClient jdbc;

	AlertTriggers(IndicatorAlerts alerts, JdbcClient jdbc) {
		this.alerts = alerts;
		this.jdbc = jdbc;
	}

	@ApplicationModuleListener
	void afterImport(ClinicalDataImported imported) {
		if ("INPATIENTS".equals(imported.kind())) {
			return; // a census of patients in hospital (ADR 0015) changes no indicator: they count discharges
		}
		var raised = alerts.evaluate(imported.hospitalId());
		log.info("Indicators evaluated after import run {}: {} alert(s)", imported.runId(), raised.size());
	}

	@Scheduled(cron = "${careqms.indicators.alert-cron:0 30 2 * * *}")
	@Transactional
	public void nightly() {
		Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(?)").param(NIGHTLY_LOCK).query(Boolean.class)
			.single();
		if (!Boolean.TRUE.equals(locked)) {
			return;
		}
		for (UUID hospital : jdbc.sql("select id from hospital").query(UUID.class).list()) {
			log.info("Nightly indicator evaluation of hospital {}: {} alert(s)", hospital,
					alerts.evaluate(hospital).size());
		}
	}
}
