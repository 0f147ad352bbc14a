package org.careqms.recordqc;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.careqms.audittrail.AuditAction;
import org.careqms.audittrail.AuditTrail;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.NotFoundException;
import org.careqms.platform.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each hospital's settings of the judged rules: on or off, deadline, points and severity. A hospital
 * gets the catalog defaults the first time anyone looks (so a new catalog rule appears on its own),
 * and the quality office changes them without a release; every change goes into the audit trail.
 */
@Repository
class RuleSettings {

	static final String ENTITY = "RecordQcRule";

	/** One rule as the hospital has set it. */
	record Setting(String ruleId, String documentType, boolean enabled, int deadlineHours, BigDecimal deduction,
			Severity severity, int version) {

		Map<String, Object> state() {
			Map<String, Object> state = new LinkedHashMap<>();
			state.put("enabled", enabled);
			state.put("deadlineHours", deadlineHours);
			state.put("deduction", deduction);
			state.put("severity", severity.name());
			return state;
		}
	}

	private final JdbcClient jdbc;
	private final RecordRuleCatalog catalog;
	private final AuditTrail audit;
	private final Clock clock;

	RuleSettings(JdbcClient jdbc, RecordRuleCatalog catalog, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.catalog = catalog;
		this.audit = audit;
		this.clock = clock;
	}

	/** The settings of every judged rule, in catalog order, seeding missing ones from the catalog. */
	@Transactional
	public List<Setting> all(UUID hospitalId) {
		seed(hospitalId);
		Map<String, Setting> byId = new LinkedHashMap<>();
		jdbc.sql("""
				select rule_id, enabled, deadline_hours, deduction, severity, version from record_qc_rule
				where hospital_id = :hospital""")
			.param("hospital", hospitalId)
			.query(rs -> {
				String id = rs.getString("rule_id");
				var rule = catalog.find(id);
				if (rule.isPresent()) {
					byId.put(id, new Setting(id, rule.get().documentType(), rs.getBoolean("enabled"),
							rs.getInt("deadline_hours"), rs.getBigDecimal("deduction"),
							Severity.valueOf(rs.getString("severity")), rs.getInt("version")));
				}
			});
		return catalog.judged().stream().map(r -> byId.get(r.id())).toList();
	}

	private void seed(UUID hospitalId) {
		for (RecordRuleCatalog.Rule rule : catalog.judged()) {
			jdbc.sql("""
					insert into record_qc_rule (hospital_id, rule_id, enabled, deadline_hours, deduction, severity, version,
					    created_by, created_at, changed_by, changed_at)
					values (:hospital, :rule, true, :hours, :deduction, :severity, 0, 'system', :now, 'system', :now)
					on conflict do nothing""")
				.param("hospital", hospitalId)
				.param("rule", rule.id())
				.param("hours", rule.defaultDeadlineHours())
				.param("deduction", rule.defaultDeduction())
				.param("severity", rule.defaultSeverity().name())
				.param("now", Instant.now(clock).atOffset(ZoneOffset.UTC))
				.update();
		}
	}

	/**
	 * Changes one rule's setting. {@code version} is the one the form was filled in on: a change made
	 * meanwhile by someone else is not overwritten silently.
	 */
	@Transactional
	public Setting change(UUID hospitalId, String ruleId, boolean enabled, int deadlineHours, BigDecimal deduction,
			Severity severity, int version) {
		Setting before = all(hospitalId).stream()
			.filter(s -> s.ruleId().equals(ruleId))
			.findFirst()
			.orElseThrow(NotFoundException::new);
		int updated = jdbc.sql("""
				update record_qc_rule set enabled = :enabled, deadline_hours = :hours, deduction = :deduction,
				    severity = :severity, version = version + 1, changed_by = :by, changed_at = :now
				where hospital_id = :hospital and rule_id = :rule and version = :version""")
			.param("enabled", enabled)
			.param("hours", deadlineHours)
			.param("deduction", deduction)
			.param("severity", severity.name())
			.param("by", CurrentUser.name())
			.param("now", Instant.now(clock).atOffset(ZoneOffset.UTC))
			.param("hospital", hospitalId)
			.param("rule", ruleId)
			.param("version", version)
			.update();
		if (updated == 0) {
			throw new RuleViolationException("recordqc.rule-changed-meanwhile");
		}
		Setting after = new Setting(ruleId, before.documentType(), enabled, deadlineHours, deduction, severity,
				before.version() + 1);
		audit.record(hospitalId, ENTITY, ruleId, AuditAction.UPDATE, ruleId, before.state(), after.state());
		return after;
	}
}
