package org.careqms.audits;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
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
 * 检查: one department checked against one checklist version on one day by its auditors. Answers are
 * entered while it is planned or in progress; submission scores it and makes it a record — after that
 * nothing about it changes, a correction is a new inspection that amends it.
 */
@Table("inspection")
class Inspection {

	@Id
	private UUID id;
	private UUID hospitalId;
	private String reference;
	private UUID planId;
	private AuditType auditType;
	private UUID departmentId;
	private long templateId;
	private long templateVersionId;
	private String templateCode;
	private String templateName;
	private LocalDate plannedOn;
	private InspectionStatus status = InspectionStatus.PLANNED;
	private String startedBy;
	private Instant startedAt;
	private String submittedBy;
	private Instant submittedAt;
	private BigDecimal earned;
	private BigDecimal possible;
	private BigDecimal scorePercent;
	private Boolean vetoed;
	private UUID amendsId;
	private String amendmentReason;
	private String sampleSeed;
	private String sampleUnit;
	private LocalDate sampleFrom;
	private LocalDate sampleTo;
	private Integer sampleSize;
	private String sampledBy;
	private Instant sampledAt;
	private String voidReason;
	private String voidedBy;
	private Instant voidedAt;
	@MappedCollection(idColumn = "inspection_id")
	private Set<Auditor> auditors = new LinkedHashSet<>();
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

	@Table("inspection_auditor")
	record Auditor(UUID userId) {
	}

	Inspection() {
	}

	Inspection(UUID hospitalId, String reference, UUID planId, AuditType auditType, UUID departmentId, long templateId,
			long templateVersionId, String templateCode, String templateName, LocalDate plannedOn,
			Set<UUID> auditorIds) {
		this.id = UUID.randomUUID();
		this.hospitalId = hospitalId;
		this.reference = reference;
		this.planId = planId;
		this.auditType = auditType;
		this.departmentId = departmentId;
		this.templateId = templateId;
		this.templateVersionId = templateVersionId;
		this.templateCode = templateCode;
		this.templateName = templateName;
		this.plannedOn = plannedOn;
		this.auditors = auditorIds.stream().map(Auditor::new).collect(Collectors.toCollection(LinkedHashSet::new));
	}

	/** A correction of a submitted inspection: same department and checklist, a reason on record. */
	static Inspection amending(Inspection original, String reference, String reason, Set<UUID> auditorIds,
			LocalDate today) {
		var amendment = new Inspection(original.hospitalId, reference, original.planId, original.auditType,
				original.departmentId, original.templateId, original.templateVersionId, original.templateCode,
				original.templateName, today, auditorIds);
		amendment.amendsId = original.id;
		amendment.amendmentReason = reason;
		return amendment;
	}

	/** A planned inspection that nobody has started can still be changed by the quality office. */
	private void requirePlanned() {
		if (status != InspectionStatus.PLANNED) {
			throw new RuleViolationException("audits.inspection.not-planned");
		}
	}

	/** Moves a planned inspection to another date. */
	void reschedule(LocalDate date) {
		requirePlanned();
		this.plannedOn = date;
	}

	/** Gives a planned inspection another team. */
	void reassign(Set<UUID> auditorIds) {
		requirePlanned();
		this.auditors = auditorIds.stream().map(Auditor::new).collect(Collectors.toCollection(LinkedHashSet::new));
	}

	/** Makes a planned inspection use another published checklist version. */
	void useChecklist(long templateId, long versionId, String code, String name) {
		requirePlanned();
		this.templateId = templateId;
		this.templateVersionId = versionId;
		this.templateCode = code;
		this.templateName = name;
	}

	boolean open() {
		return status == InspectionStatus.PLANNED || status == InspectionStatus.IN_PROGRESS;
	}

	void requireOpen() {
		if (status == InspectionStatus.SUBMITTED) {
			throw new RuleViolationException("audits.inspection.submitted");
		}
		if (status == InspectionStatus.VOIDED) {
			throw new RuleViolationException("audits.inspection.voided");
		}
	}

	/** The first answer starts the inspection (and makes an unannounced one visible to the department). */
	boolean start(String by, Instant at) {
		requireOpen();
		if (status == InspectionStatus.IN_PROGRESS) {
			return false;
		}
		status = InspectionStatus.IN_PROGRESS;
		startedBy = by;
		startedAt = at;
		return true;
	}

	void submit(BigDecimal earned, BigDecimal possible, BigDecimal percent, boolean vetoed, String by, Instant at) {
		requireOpen();
		if (startedAt == null) {
			startedBy = by;
			startedAt = at;
		}
		this.status = InspectionStatus.SUBMITTED;
		this.earned = earned;
		this.possible = possible;
		this.scorePercent = percent;
		this.vetoed = vetoed;
		this.submittedBy = by;
		this.submittedAt = at;
	}

	void voidInspection(String reason, String by, Instant at) {
		if (status != InspectionStatus.PLANNED) {
			throw new RuleViolationException("audits.inspection.not-planned");
		}
		status = InspectionStatus.VOIDED;
		voidReason = reason;
		voidedBy = by;
		voidedAt = at;
	}

	void sampled(String seed, String unit, LocalDate from, LocalDate to, int size, String by, Instant at) {
		requireOpen();
		sampleSeed = seed;
		sampleUnit = unit;
		sampleFrom = from;
		sampleTo = to;
		sampleSize = size;
		sampledBy = by;
		sampledAt = at;
	}

	boolean assigned(UUID userId) {
		return auditors.stream().anyMatch(a -> a.userId().equals(userId));
	}

	Map<String, Object> auditState() {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("reference", reference);
		state.put("auditType", auditType);
		state.put("departmentId", departmentId);
		state.put("templateVersionId", templateVersionId);
		state.put("plannedOn", plannedOn);
		state.put("status", status);
		state.put("auditors", auditorIds());
		state.put("earned", earned);
		state.put("possible", possible);
		state.put("scorePercent", scorePercent);
		state.put("vetoed", vetoed);
		state.put("amendsId", amendsId);
		state.put("amendmentReason", amendmentReason);
		state.put("sampleSeed", sampleSeed);
		state.put("sampleUnit", sampleUnit);
		state.put("sampleFrom", sampleFrom);
		state.put("sampleTo", sampleTo);
		state.put("sampleSize", sampleSize);
		state.put("voidReason", voidReason);
		return state;
	}

	public List<UUID> auditorIds() {
		return auditors.stream().map(Auditor::userId).toList();
	}

	public UUID getId() {
		return id;
	}

	public UUID getHospitalId() {
		return hospitalId;
	}

	public String getReference() {
		return reference;
	}

	public UUID getPlanId() {
		return planId;
	}

	public AuditType getAuditType() {
		return auditType;
	}

	public UUID getDepartmentId() {
		return departmentId;
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

	public LocalDate getPlannedOn() {
		return plannedOn;
	}

	public InspectionStatus getStatus() {
		return status;
	}

	public String getStartedBy() {
		return startedBy;
	}

	public Instant getStartedAt() {
		return startedAt;
	}

	public String getSubmittedBy() {
		return submittedBy;
	}

	public Instant getSubmittedAt() {
		return submittedAt;
	}

	public BigDecimal getEarned() {
		return earned;
	}

	public BigDecimal getPossible() {
		return possible;
	}

	public BigDecimal getScorePercent() {
		return scorePercent;
	}

	public Boolean getVetoed() {
		return vetoed;
	}

	public UUID getAmendsId() {
		return amendsId;
	}

	public String getAmendmentReason() {
		return amendmentReason;
	}

	public String getSampleSeed() {
		return sampleSeed;
	}

	public String getSampleUnit() {
		return sampleUnit;
	}

	public LocalDate getSampleFrom() {
		return sampleFrom;
	}

	public LocalDate getSampleTo() {
		return sampleTo;
	}

	public Integer getSampleSize() {
		return sampleSize;
	}

	public String getSampledBy() {
		return sampledBy;
	}

	public Instant getSampledAt() {
		return sampledAt;
	}

	public String getVoidReason() {
		return voidReason;
	}

	public Integer getVersion() {
		return version;
	}
}
