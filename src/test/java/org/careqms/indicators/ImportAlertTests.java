package org.careqms.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.careqms.notification.Notifications;
import org.careqms.support.Api;
import org.careqms.support.CareQmsTest;
import org.careqms.support.ClinicalCsv;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;

/** An import that pushes a department past its target raises the alert without anyone asking. */
@CareQmsTest
class ImportAlertTests {

	@LocalServerPort
	int port;

	@Autowired
	IndicatorTargets targets;

	@Autowired
	IndicatorAlerts alerts;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	@Test
	@WithUserDetails("quality")
	void anImportedMonthAboveTargetAlertsTheDepartmentAfterTheUpload() {
		UUID hospital = jdbc.sql("select id from hospital where code = 'H0001'").query(UUID.class).single();
		UUID neurosurgery = jdbc.sql("select id from department where code = '0403'").query(UUID.class).single();
		targets.set(hospital, "MORT-INPT", neurosurgery, new BigDecimal("1"), null);
		YearMonth month = YearMonth.now().minusMonths(1);
		List<String> rows = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			rows.add("IMPALERT-" + i + ",PIA" + i + ",1,1955-02-01," + month.atDay(2) + " 08:00,0403," + month.atDay(9)
					+ " 10:00,0403,1,S06.500,," + (i < 3 ? 5 : 1) + ",1,");
		}
		var answer = new Api(port).upload("/api/v1/imports/encounters", "encounters.csv",
				ClinicalCsv.file(ClinicalCsv.ENCOUNTERS, rows.toArray(String[]::new)), Api.demo("quality"), null);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.json().get("accepted").asInt()).isEqualTo(20);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
				alerts.recent(hospital, "MORT-INPT", List.of(neurosurgery), 10))
			.anySatisfy(a -> {
				assertThat(a.kind()).isEqualTo("TARGET_BREACH");
				assertThat(a.period()).isEqualTo(month);
				assertThat(a.value()).isEqualByComparingTo("15");
			}));
		UUID quality = jdbc.sql("select id from app_user where username = 'quality'").query(UUID.class).single();
		assertThat(notifications.inbox(quality, 100)).anySatisfy(n -> assertThat(n.link())
			.isEqualTo("/indicators/MORT-INPT?department=" + neurosurgery));
	}
}
