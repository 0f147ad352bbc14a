package org.careqms.indicators;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.careqms.audittrail.AuditAction;
import org.careqms.audittrail.AuditTrail;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.DepartmentScope;
import org.careqms.platform.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Monthly numerators and denominators entered by departments for indicators CareQMS cannot compute
 * from imported data. Entering a month again replaces the earlier figure (the old one is voided and
 * kept); every change is in the audit trail.
 */
@Service
public class ManualValues {

	static final String ENTITY = "IndicatorManualValue";

	/** One entered month. */
	public record Entry(UUID id, String indicatorCode, UUID departmentId, YearMonth period, BigDecimal numerator,
			BigDecimal denominator, String note, String changedBy, Instant changedAt) {
	}

	private final JdbcClient jdbc;
	private final AuditTrail audit;
	private final Clock clock;

	ManualValues(JdbcClient jdbc, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<Entry> entries(UUID hospitalId, String code, List<UUID> departments) {
		String scope = departments == null ? "" : " and department_id = any(:departments)";
		var statement = jdbc.sql("""
				select id, indicator_code, department_id, period, numerator, denominator, note, changed_by, changed_at
				from indicator_manual_value where hospital_id = :hospital and indicator_code = :code and not voided"""
				+ scope + " order by period desc, department_id")
			.param("hospital", hospitalId)
			.param("code", code);
		if (departments != null) {
			statement = statement.param("departments", departments.toArray(UUID[]::new));
		}
		return statement.query((rs, n) -> new Entry(rs.getObject("id", UUID.class), rs.getString("indicator_code"),
				rs.getObject("department_id", UUID.class),
				YearMonth.from(rs.getObject("period", java.time.LocalDate.class)),
				IndicatorResults.plain(rs.getBigDecimal("numerator")),
				IndicatorResults.plain(rs.getBigDecimal("denominator")), rs.getString("note"),
				rs.getString("changed_by"), rs.getObject("changed_at", java.time.OffsetDateTime.class).toInstant()))
			.list();
	}

	/** Records a month's figures for a department the current user may see. */
	@Transactional
	public void enter(UUID hospitalId, Indicator indicator, UUID departmentId, YearMonth period, BigDecimal numerator,
			BigDecimal denominator, String note) {
		DepartmentScope.check(departmentId);
		if (indicator.computation().computed()) {
			throw new InvalidInputException("indicator", "error.indicators.computed");
		}
		if (numerator == null || denominator == null || numerator.signum() < 0 || denominator.signum() < 0) {
			throw new InvalidInputException("numerator", "error.indicators.negative");
		}
		if ("%".equals(indicator.unit()) && numerator.compareTo(denominator) > 0) {
			throw new InvalidInputException("numerator", "error.indicators.numerator-above-denominator");
		}
		if (period.isAfter(YearMonth.now(clock))) {
			throw new InvalidInputException("period", "error.indicators.future");
		}
		Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
		Optional<Entry> existing = entries(hospitalId, indicator.code(), List.of(departmentId)).stream()
			.filter(e -> e.period().equals(period))
			.findFirst();
		existing.ifPresent(old -> jdbc.sql("""
				update indicator_manual_value set voided = true, voided_by = :by, voided_at = :at,
				    void_reason = 'replaced', version = version + 1 where id = :id""")
			.param("by", CurrentUser.name()).param("at", now.atOffset(ZoneOffset.UTC)).param("id", old.id())
			.update());
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into indicator_manual_value (id, hospital_id, indicator_code, department_id, period, numerator,
				    denominator, note, version, created_by, created_at, changed_by, changed_at)
				values (:id, :hospital, :code, :department, :period, :numerator, :denominator, :note, 0, :by, :at, :by, :at)""")
			.param("id", id).param("hospital", hospitalId).param("code", indicator.code())
			.param("department", departmentId).param("period", period.atDay(1)).param("numerator", numerator)
			.param("denominator", denominator).param("note", note).param("by", CurrentUser.name())
			.param("at", now.atOffset(ZoneOffset.UTC))
			.update();
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("indicator", indicator.code());
		after.put("departmentId", departmentId);
		after.put("period", period.toString());
		after.put("numerator", numerator);
		after.put("denominator", denominator);
		after.put("note", note);
		Map<String, Object> before = existing.map(old -> {
			Map<String, Object> state = new LinkedHashMap<>(after);
			state.put("numerator", old.numerator());
			state.put("denominator", old.denominator());
			state.put("note", old.note());
			return state;
		}).orElse(null);
		audit.record(hospitalId, ENTITY, id, existing.isPresent() ? AuditAction.UPDATE : AuditAction.CREATE,
				indicator.code() + " " + period, before, after);
	}
}
