package org.careqms.audits;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.careqms.platform.RuleViolationException;
import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedBy;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * 检查计划: what is checked (a checklist version), where (departments), by whom (auditors) and when
 * (one date, or a day of every month in a range). The plan's inspections are generated from it.
 */
@Table("audit_plan")
class AuditPlan {

	enum Schedule {
		ONCE, MONTHLY
	}

	@Id
	private UUID id;
	private UUID hospitalId;
	private String title;
	private AuditType auditType;
	private long templateId;
	private long templateVersionId;
	private String templateCode;
	private String templateName;
	private Schedule schedule;
	private LocalDate plannedOn;
	private LocalDate firstMonth;
	private LocalDate lastMonth;
	private Integer dayOfMonth;
	private String notes;
	private boolean voided;
	private String voidedBy;
	private Instant voidedAt;
	private String voidReason;
	@MappedCollection(idColumn = "plan_id")
	private Set<PlanDepartment> departments = new LinkedHashSet<>();
	@MappedCollection(idColumn = "plan_id")
	private Set<PlanAuditor> auditors = new LinkedHashSet<>();
	@Version
	private Integer version;
	@CreatedBy
	private String createdBy;
	@CreatedDate
	private Instant createdAt;
	@LastModifiedBy
	private String changedBy;
	@LastModifiedDate
	private Instant changedAt;

	@Table("audit_plan_department")
	record PlanDepartment(UUID departmentId) {
	}

	@Table("audit_plan_auditor")
	record PlanAuditor(UUID userId) {
	}

	AuditPlan() {
	}

	AuditPlan(UUID hospitalId, String title, AuditType auditType, long templateId, long templateVersionId,
			String templateCode, String templateName, Set<UUID> departmentIds, Set<UUID> auditorIds, String notes) {
		this.id = UUID.randomUUID();
		this.hospitalId = hospitalId;
		this.title = title;
		this.auditType = auditType;
		this.templateId = templateId;
		this.templateVersionId = templateVersionId;
		this.templateCode = templateCode;
		this.templateName = templateName;
		this.notes = notes;
		this.departments = departmentIds.stream().map(PlanDepartment::new)
			.collect(Collectors.toCollection(LinkedHashSet::new));
		this.auditors = auditorIds.stream().map(PlanAuditor::new).collect(Collectors.toCollection(LinkedHashSet::new));
	}

	void once(LocalDate date) {
		this.schedule = Schedule.ONCE;
		this.plannedOn = date;
	}

	void monthly(YearMonth first, YearMonth last, int day) {
		if (last.isBefore(first)) {
			throw new RuleViolationException("lastMonth", "audits.plan.months");
		}
		this.schedule = Schedule.MONTHLY;
		this.firstMonth = first.atDay(1);
		this.lastMonth = last.atDay(1);
		this.dayOfMonth = day;
	}

	/** Every date the plan's inspections fall on. */
	List<LocalDate> dates() {
		if (schedule == Schedule.ONCE) {
			return List.of(plannedOn);
		}
		List<LocalDate> dates = new ArrayList<>();
		for (YearMonth month = YearMonth.from(firstMonth); !month.isAfter(YearMonth.from(lastMonth)); month = month
			.plusMonths(1)) {
			dates.add(month.atDay(dayOfMonth));
		}
		return dates;
	}

	/** What may change after saving: checklist version, departments and auditors (for inspections not yet started). */
	void change(long versionId, String code, String name, Set<UUID> departmentIds, Set<UUID> auditorIds) {
		if (voided) {
			throw new RuleViolationException("audits.plan.voided");
		}
		this.templateVersionId = versionId;
		this.templateCode = code;
		this.templateName = name;
		this.departments = departmentIds.stream().map(PlanDepartment::new)
			.collect(Collectors.toCollection(LinkedHashSet::new));
		this.auditors = auditorIds.stream().map(PlanAuditor::new).collect(Collectors.toCollection(LinkedHashSet::new));
	}

	void voidPlan(String reason, String by, Instant at) {
		if (voided) {
			throw new RuleViolationException("audits.plan.voided");
		}
		this.voided = true;
		this.voidReason = reason;
		this.voidedBy = by;
		this.voidedAt = at;
	}

	Map<String, Object> auditState() {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("title", title);
		state.put("auditType", auditType);
		state.put("templateVersionId", templateVersionId);
		state.put("templateCode", templateCode);
		state.put("schedule", schedule);
		state.put("plannedOn", plannedOn);
		state.put("firstMonth", firstMonth);
		state.put("lastMonth", lastMonth);
		state.put("dayOfMonth", dayOfMonth);
		state.put("departments", departmentIds());
		state.put("auditors", auditorIds());
		state.put("voided", voided);
		state.put("voidReason", voidReason);
		return state;
	}

	public List<UUID> departmentIds() {
		return departments.stream().map(PlanDepartment::departmentId).toList();
	}

	public List<UUID> auditorIds() {
		return auditors.stream().map(PlanAuditor::userId).toList();
	}

	public UUID getId() {
		return id;
	}

	public UUID getHospitalId() {
		return hospitalId;
	}

	public String getTitle() {
		return title;
	}

	public AuditType getAuditType() {
		return auditType;
	}

	public long getTemplateId() {
		return templateId;
	}

	public long getTemplateVersionId() {
		return templateVersionId;
	}

	public String getTemplateCode() {
		return templateCode;
	}

	public String getTemplateName() {
		return templateName;
	}

	public Schedule getSchedule() {
		return schedule;
	}

	public LocalDate getPlannedOn() {
		return plannedOn;
	}

	public LocalDate getFirstMonth() {
		return firstMonth;
	}

	public LocalDate getLastMonth() {
		return lastMonth;
	}

	public Integer getDayOfMonth() {
		return dayOfMonth;
	}

	public String getNotes() {
		return notes;
	}

	public boolean isVoided() {
		return voided;
	}

	public String getVoidReason() {
		return voidReason;
	}

	public Integer getVersion() {
		return version;
	}

	public String getCreatedBy() {
		return createdBy;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}
}
