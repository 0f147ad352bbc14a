package org.careqms.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.UUID;

import org.careqms.notification.Notifications;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * A month worse than its target raises one alert per department and for the hospital, reaches the
 * inboxes of the people who answer for it, and is published for the improvement module.
 */
@CareQmsTest
@RecordApplicationEvents
class IndicatorAlertTests {

	@Autowired
	IndicatorAlerts alerts;

	@Autowired
	IndicatorTargets targets;

	@Autowired
	ManualValues manual;

	@Autowired
	IndicatorCatalog catalog;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	UUID id(String sql) {
		return jdbc.sql(sql).query(UUID.class).single();
	}

	/** Indicator alerts in the user's inbox (the action register adds notifications of its own). */
	long alertsFor(String username) {
		return notifications.inbox(user(username), 500).stream()
			.filter(n -> n.messageKey().startsWith("indicators.alert.notification"))
			.count();
	}

	UUID user(String username) {
		return id("select id from app_user where username = '" + username + "'");
	}

	@Test
	@WithUserDetails("quality")
	void aBreachedTargetAlertsTheDepartmentAndTheQualityOfficeOnce() {
		UUID hospital = id("select id from hospital where code = 'H0001'");
		UUID cardiology = id("select id from department where code = '0301'");
		Indicator restraint = catalog.find("QI-065").orElseThrow();
		YearMonth lastMonth = YearMonth.now().minusMonths(1);
		targets.set(hospital, "QI-065", null, new BigDecimal("5"), "院级目标");
		manual.enter(hospital, restraint, cardiology, lastMonth, new BigDecimal("12"), new BigDecimal("100"), null);

		long before = alertsFor("head.cardio");
		var raised = alerts.evaluate(hospital, restraint);
		assertThat(raised).extracting(IndicatorAlerts.Alert::kind).containsOnly("TARGET_BREACH");
		assertThat(raised).extracting(IndicatorAlerts.Alert::departmentId).containsExactlyInAnyOrder(cardiology, null);
		assertThat(raised).allSatisfy(a -> assertThat(a.period()).isEqualTo(lastMonth));

		assertThat(alertsFor("head.cardio")).isEqualTo(before + 1);
		assertThat(notifications.inbox(user("qc.cardio"), 50)).anySatisfy(n -> {
			assertThat(n.messageKey()).isEqualTo("indicators.alert.notification.TARGET_BREACH");
			assertThat(n.link()).isEqualTo("/indicators/QI-065?department=" + cardiology);
			assertThat(n.arguments()).contains("12", "5");
		});
		assertThat(notifications.inbox(user("quality"), 50))
			.filteredOn(n -> n.messageKey().equals("indicators.alert.notification.TARGET_BREACH"))
			.hasSizeGreaterThanOrEqualTo(2); // the department's alert and the hospital's
		assertThat(notifications.inbox(user("qc.ortho"), 50)).noneMatch(n -> n.link().contains("QI-065"));
		assertThat(notifications.inbox(user("nurse.cardio"), 50)).noneMatch(n -> n.link().contains("QI-065"));

		assertThat(events.stream(IndicatorSignalDetected.class)
			.filter(e -> e.indicatorCode().equals("QI-065"))).hasSize(2);

		assertThat(alerts.evaluate(hospital, restraint)).as("raised once").isEmpty();
		assertThat(alertsFor("head.cardio")).isEqualTo(before + 1);
	}

	@Test
	@WithUserDetails("quality")
	void aMonthWithinTargetRaisesNothing() {
		UUID hospital = id("select id from hospital where code = 'H0001'");
		UUID ortho = id("select id from department where code = '0402'");
		Indicator hygiene = catalog.find("QI-055").orElseThrow(); // higher is better
		targets.set(hospital, "QI-055", ortho, new BigDecimal("80"), null);
		manual.enter(hospital, hygiene, ortho, YearMonth.now().minusMonths(1), new BigDecimal("95"),
				new BigDecimal("100"), null);
		assertThat(alerts.evaluate(hospital, hygiene)).noneMatch(a -> ortho.equals(a.departmentId()));
	}

	@Test
	@WithUserDetails("quality")
	void aMonthOutsideTheControlLimitsRaisesASpecialCauseAlert() {
		UUID hospital = id("select id from hospital where code = 'H0001'");
		UUID ortho = id("select id from department where code = '0402'");
		Indicator turnover = catalog.find("QI-064").orElseThrow();
		YearMonth last = YearMonth.now().minusMonths(1);
		for (int i = 20; i >= 1; i--) {
			manual.enter(hospital, turnover, ortho, last.minusMonths(i), new BigDecimal(4 + i % 3), new BigDecimal("100"),
					null);
		}
		manual.enter(hospital, turnover, ortho, last, new BigDecimal("40"), new BigDecimal("100"), null);
		var raised = alerts.evaluate(hospital, turnover);
		assertThat(raised).filteredOn(a -> ortho.equals(a.departmentId()))
			.singleElement()
			.satisfies(a -> {
				assertThat(a.kind()).isEqualTo("SPECIAL_CAUSE");
				assertThat(a.detail()).isEqualTo("SIGMA_HIGH");
				assertThat(a.period()).isEqualTo(last);
			});
		assertThat(notifications.inbox(user("qc.ortho"), 50)).anySatisfy(n -> assertThat(n.messageKey())
			.isEqualTo("indicators.alert.notification.SPECIAL_CAUSE"));
	}
}
