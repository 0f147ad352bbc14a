package org.careqms.indicators;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Targets per hospital and, where a department is held to its own figure, per department. A
 * department without its own target is measured against the hospital's.
 */
@Service
public class IndicatorTargets {

	static final String ENTITY = "IndicatorTarget";

	/** A target: for the hospital as a whole when {@code departmentId} is null. */
	public record Target(UUID id, String indicatorCode, UUID departmentId, BigDecimal target, String note,
			String changedBy, Instant changedAt) {
	}

	private final JdbcClient jdbc;
	private final AuditTrail audit;
	private final Clock clock;

	IndicatorTargets(JdbcClient jdbc, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<Target> all(UUID hospitalId) {
		return jdbc.sql("""
				select id, indicator_code, department_id, target, note, changed_by, changed_at from indicator_target
				where hospital_id = :hospital order by indicator_code, department_id nulls first""")
			.param("hospital", hospitalId)
			.query((rs, n) -> new Target(rs.getObject("id", UUID.class), rs.getString("indicator_code"),
					rs.getObject("department_id", UUID.class), IndicatorResults.plain(rs.getBigDecimal("target")),
					rs.getString("note"), rs.getString("changed_by"),
					rs.getObject("changed_at", java.time.OffsetDateTime.class).toInstant()))
			.list();
	}

	/** The hospital-wide target of every indicator that has one. */
	@Transactional(readOnly = true)
	public Map<String, BigDecimal> hospitalTargets(UUID hospitalId) {
		Map<String, BigDecimal> targets = new LinkedHashMap<>();
		all(hospitalId).stream().filter(t -> t.departmentId() == null)
			.forEach(t -> targets.put(t.indicatorCode(), t.target()));
		return targets;
	}

	/** The target a department is measured against: its own, else the hospital's. */
	@Transactional(readOnly = true)
	public Optional<BigDecimal> targetFor(UUID hospitalId, String code, UUID departmentId) {
		List<Target> targets = all(hospitalId).stream().filter(t -> t.indicatorCode().equals(code)).toList();
		return targets.stream()
			.filter(t -> departmentId != null && departmentId.equals(t.departmentId()))
			.findFirst()
			.or(() -> targets.stream().filter(t -> t.departmentId() == null).findFirst())
			.map(Target::target);
	}

	/** Sets (or replaces) a target; {@code null} as value removes it. */
	@Transactional
	public void set(UUID hospitalId, String code, UUID departmentId, BigDecimal target, String note) {
		Optional<Target> existing = all(hospitalId).stream()
			.filter(t -> t.indicatorCode().equals(code) && java.util.Objects.equals(t.departmentId(), departmentId))
			.findFirst();
		Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("indicator", code);
		after.put("departmentId", departmentId);
		after.put("target", target);
		after.put("note", note);
		Map<String, Object> before = existing.map(t -> {
			Map<String, Object> state = new LinkedHashMap<>(after);
			state.put("target", t.target());
			state.put("note", t.note());
			return state;
		}).orElse(null);
		if (target == null) {
			existing.ifPresent(t -> {
				jdbc.sql("delete from indicator_target where id = :id").param("id", t.id()).update();
				audit.record(hospitalId, ENTITY, t.id(), AuditAction.VOID, code, before, null);
			});
			return;
		}
		UUID id = existing.map(Target::id).orElseGet(UUID::randomUUID);
		if (existing.isPresent()) {
			jdbc.sql("""
					update indicator_target set target = :target, note = :note, version = version + 1,
					    changed_by = :by, changed_at = :at where id = :id""")
				.param("target", target).param("note", note).param("by", CurrentUser.name())
				.param("at", now.atOffset(ZoneOffset.UTC)).param("id", id)
				.update();
		}
		else {
			jdbc.sql("""
					insert into indicator_target (id, hospital_id, indicator_code, department_id, target, note, version,
					    created_by, created_at, changed_by, changed_at)
					values (:id, :hospital, :code, :department, :target, :note, 0, :by, :at, :by, :at)""")
				.param("id", id).param("hospital", hospitalId).param("code", code).param("department", departmentId)
				.param("target", target).param("note", note).param("by", CurrentUser.name())
				.param("at", now.atOffset(ZoneOffset.UTC))
				.update();
		}
		audit.record(hospitalId, ENTITY, id, existing.isPresent() ? AuditAction.UPDATE : AuditAction.CREATE, code,
				before, after);
	}
}
