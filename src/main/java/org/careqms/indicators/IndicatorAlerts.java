package org.careqms.indicators;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.careqms.notification.Notifications;
import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Watches the newest month of every indicator for every department and the hospital: a month worse
 * than its target, or a special-cause signal on its control chart, raises one alert. The alert goes
 * to the inbox of the department's head and QC officer and of the quality office, and is published
 * as {@link IndicatorSignalDetected} for the improvement module.
 */
@Service
public class IndicatorAlerts {

	private static final Logger log = LoggerFactory.getLogger(IndicatorAlerts.class);

	/** How far back the control chart of an alert evaluation looks. */
	static final int HISTORY_MONTHS = 24;

	/** An alert as the pages show it. */
	public record Alert(UUID id, String indicatorCode, UUID departmentId, YearMonth period, String kind,
			BigDecimal value, BigDecimal target, String detail, Instant detectedAt, Instant acknowledgedAt) {
	}

	private final IndicatorCatalog catalog;
	private final IndicatorResults results;
	private final IndicatorTargets targets;
	private final IndicatorCharts charts;
	private final OrganizationDirectory organization;
	private final Notifications notifications;
	private final ApplicationEventPublisher events;
	private final JdbcClient jdbc;
	private final Clock clock;

	IndicatorAlerts(IndicatorCatalog catalog, IndicatorResults results, IndicatorTargets targets, IndicatorCharts charts,
			OrganizationDirectory organization, Notifications notifications, ApplicationEventPublisher events,
			JdbcClient jdbc, Clock clock) {
		this.catalog = catalog;
		this.results = results;
		this.targets = targets;
		this.charts = charts;
		this.organization = organization;
		this.notifications = notifications;
		this.events = events;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Evaluates every indicator of the hospital; returns the alerts raised now. */
	@Transactional
	public List<Alert> evaluate(UUID hospitalId) {
		List<Alert> raised = new ArrayList<>();
		for (Indicator indicator : catalog.all()) {
			raised.addAll(evaluate(hospitalId, indicator));
		}
		return raised;
	}

	/** Evaluates one indicator for every department and the hospital as a whole. */
	@Transactional
	public List<Alert> evaluate(UUID hospitalId, Indicator indicator) {
		YearMonth to = YearMonth.now(clock);
		YearMonth from = to.minusMonths(HISTORY_MONTHS - 1);
		Map<UUID, List<IndicatorResult>> series = new LinkedHashMap<>();
		for (IndicatorResult row : results.results(indicator, hospitalId, from, to, null, false)) {
			series.computeIfAbsent(row.departmentId(), d -> new ArrayList<>()).add(row);
		}
		List<IndicatorResult> hospital = results.results(indicator, hospitalId, from, to, null, true);
		List<Alert> raised = new ArrayList<>();
		if (!hospital.isEmpty()) {
			series.put(null, hospital);
		}
		series.forEach((department, rows) -> {
			rows.sort(Comparator.comparing(IndicatorResult::period));
			IndicatorResult latest = rows.get(rows.size() - 1);
			Optional<BigDecimal> target = targets.targetFor(hospitalId, indicator.code(), department);
			if (target.isPresent() && Boolean.FALSE.equals(IndicatorController.meets(indicator, latest, target.get()))) {
				raise(hospitalId, indicator, department, latest, "TARGET_BREACH", target.get(), null).ifPresent(raised::add);
			}
			charts.latestSignal(indicator, rows).ifPresent(signal -> raise(hospitalId, indicator, department, latest,
					"SPECIAL_CAUSE", target.orElse(null), signal).ifPresent(raised::add));
		});
		return raised;
	}

	private Optional<Alert> raise(UUID hospitalId, Indicator indicator, UUID department, IndicatorResult month,
			String kind, BigDecimal target, String detail) {
		UUID id = UUID.randomUUID();
		Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
		int inserted = jdbc.sql("""
				insert into indicator_alert (id, hospital_id, indicator_code, department_id, period, kind, value, target,
				    detail, detected_at)
				values (:id, :hospital, :code, :department, :period, :kind, :value, :target, :detail, :now)
				on conflict do nothing""")
			.param("id", id).param("hospital", hospitalId).param("code", indicator.code())
			.param("department", department).param("period", month.period().atDay(1)).param("kind", kind)
			.param("value", BigDecimal.valueOf(month.value())).param("target", target).param("detail", detail)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
		if (inserted == 0) {
			return Optional.empty();
		}
		List<UUID> recipients = department == null
				? organization.responsibleUsers(hospitalId, null, EnumSet.noneOf(Role.class),
						EnumSet.of(Role.QUALITY_MANAGER))
				: organization.responsibleUsers(hospitalId, department,
						EnumSet.of(Role.DEPARTMENT_HEAD, Role.QC_OFFICER), EnumSet.of(Role.QUALITY_MANAGER));
		String where = department == null ? "" : organization.department(hospitalId, department)
			.map(d -> d.code() + " " + d.name())
			.orElse("");
		notifications.send(hospitalId, recipients, "INDICATOR_" + kind, "indicators.alert.notification." + kind,
				List.of(indicator.nameZh(), where, month.period().toString(), format(month.value()),
						target == null ? "" : target.toPlainString(),
						indicator.nameEn() == null ? indicator.nameZh() : indicator.nameEn(), detail == null ? "" : detail),
				"/indicators/" + indicator.code() + (department == null ? "" : "?department=" + department),
				"alert:" + id);
		events.publishEvent(new IndicatorSignalDetected(id, hospitalId, indicator.code(), department, month.period(),
				kind, month.value()));
		log.info("Indicator alert {} {} {} {} = {}", kind, indicator.code(), where, month.period(), month.value());
		return Optional.of(new Alert(id, indicator.code(), department, month.period(), kind,
				BigDecimal.valueOf(month.value()), target, detail, now, null));
	}

	private static String format(double value) {
		return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
	}

	/** Open and recent alerts of the hospital, newest first, limited to the departments given (null: all). */
	@Transactional(readOnly = true)
	public List<Alert> recent(UUID hospitalId, String indicatorCode, List<UUID> departments, int limit) {
		String where = "hospital_id = :hospital" + (indicatorCode == null ? "" : " and indicator_code = :code")
				+ (departments == null ? "" : " and department_id = any(:departments)");
		var statement = jdbc.sql("""
				select id, indicator_code, department_id, period, kind, value, target, detail, detected_at, acknowledged_at
				from indicator_alert where\s""" + where + " order by detected_at desc, period desc limit :limit")
			.param("hospital", hospitalId)
			.param("limit", limit);
		if (indicatorCode != null) {
			statement = statement.param("code", indicatorCode);
		}
		if (departments != null) {
			statement = statement.param("departments", departments.toArray(UUID[]::new));
		}
		return statement.query((rs, n) -> new Alert(rs.getObject("id", UUID.class), rs.getString("indicator_code"),
				rs.getObject("department_id", UUID.class), YearMonth.from(rs.getObject("period", LocalDate.class)),
				rs.getString("kind"), IndicatorResults.plain(rs.getBigDecimal("value")),
				rs.getBigDecimal("target") == null ? null : IndicatorResults.plain(rs.getBigDecimal("target")),
				rs.getString("detail"), rs.getObject("detected_at", OffsetDateTime.class).toInstant(),
				rs.getObject("acknowledged_at", OffsetDateTime.class) == null ? null
						: rs.getObject("acknowledged_at", OffsetDateTime.class).toInstant()))
			.list();
	}
}
