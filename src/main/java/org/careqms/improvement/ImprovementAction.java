package org.careqms.improvement;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
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
 * 整改措施: an action answering a finding, with its trail. Its methods guard the workflow: started,
 * completed, then verified — effective closes it, not effective sends it back to work.
 */
@Table("improvement_action")
class ImprovementAction {

	@Id
	private UUID id;
	private UUID hospitalId;
	private String reference;
	private String title;
	private String description;
	private ActionSource sourceType;
	private String sourceId;
	private UUID responsibleDepartmentId;
	private UUID ownerUserId;
	private LocalDate dueDate;
	private String expectedResult;
	private ActionStatus status = ActionStatus.OPEN;
	private ActionStrength strength;
	private String indicatorCode;
	private UUID indicatorDepartmentId;
	private LocalDate effectiveMonth;
	private String verificationOutcome;
	private String verificationNote;
	private String verifiedBy;
	private Instant verifiedAt;
	private int escalationLevel;
	private Instant lastEscalatedAt;
	private UUID incidentId;
	private String rootCause;
	@MappedCollection(idColumn = "action_id")
	private Set<Collaborator> collaborators = new LinkedHashSet<>();
	@MappedCollection(idColumn = "action_id")
	private Set<ActionEvent> events = new LinkedHashSet<>();
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

	/** A collaborating department. */
	@Table("improvement_action_department")
	record Collaborator(UUID departmentId) {
	}

	/** One entry of the action's trail. */
	@Table("improvement_action_event")
	record ActionEvent(UUID id, String kind, String note, String status, String byName, Instant at) {
	}

	ImprovementAction() {
	}

	ImprovementAction(UUID hospitalId, String reference, ActionSource source, String sourceId) {
		this.id = UUID.randomUUID();
		this.hospitalId = hospitalId;
		this.reference = reference;
		this.sourceType = source;
		this.sourceId = sourceId;
	}

	void describe(String title, String description, UUID responsibleDepartmentId, UUID ownerUserId, LocalDate dueDate,
			String expectedResult, ActionStrength strength, Set<UUID> collaborating) {
		requireActive();
		this.title = title;
		this.description = description;
		this.responsibleDepartmentId = responsibleDepartmentId;
		this.ownerUserId = ownerUserId;
		this.dueDate = dueDate;
		this.expectedResult = expectedResult;
		this.strength = strength;
		this.collaborators = collaborating.stream()
			.filter(d -> !d.equals(responsibleDepartmentId))
			.map(Collaborator::new)
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	/** The adverse event, and the root cause of its analysis, this action answers. */
	void answers(UUID incidentId, String rootCause) {
		this.incidentId = incidentId;
		this.rootCause = rootCause;
	}

	void opened(String by, Instant at) {
		events.add(new ActionEvent(UUID.randomUUID(), "STATUS", null, ActionStatus.OPEN.name(), by, at));
	}

	void linkIndicator(String code, UUID departmentId) {
		this.indicatorCode = code;
		this.indicatorDepartmentId = departmentId;
	}

	void note(String note, String by, Instant at) {
		requireActive();
		events.add(new ActionEvent(UUID.randomUUID(), "NOTE", note, null, by, at));
	}

	void start(String by, Instant at) {
		if (status != ActionStatus.OPEN) {
			throw new RuleViolationException("action.not-open");
		}
		move(ActionStatus.IN_PROGRESS, null, by, at);
	}

	/** The work is done; an indicator-linked action says from which month its effect should show. */
	void complete(String note, YearMonth effectiveFrom, String by, Instant at) {
		if (status != ActionStatus.OPEN && status != ActionStatus.IN_PROGRESS) {
			throw new RuleViolationException("action.not-in-progress");
		}
		if (indicatorCode != null && effectiveFrom == null) {
			throw new RuleViolationException("effectiveMonth", "action.effective-month-required");
		}
		this.effectiveMonth = effectiveFrom == null ? null : effectiveFrom.atDay(1);
		move(ActionStatus.AWAITING_VERIFICATION, note, by, at);
	}

	/** 闭环: closing means the effect was checked, not only that the task was ticked. */
	void verify(boolean effective, String note, String by, Instant at) {
		if (status != ActionStatus.AWAITING_VERIFICATION) {
			throw new RuleViolationException("action.not-awaiting-verification");
		}
		if (note == null || note.isBlank()) {
			throw new RuleViolationException("verificationNote", "action.verification-note-required");
		}
		this.verificationOutcome = effective ? "EFFECTIVE" : "NOT_EFFECTIVE";
		this.verificationNote = note;
		this.verifiedBy = by;
		this.verifiedAt = at;
		events.add(new ActionEvent(UUID.randomUUID(), "VERIFICATION", note, verificationOutcome, by, at));
		move(effective ? ActionStatus.CLOSED : ActionStatus.IN_PROGRESS, null, by, at);
	}

	void cancel(String reason, String by, Instant at) {
		requireActive();
		if (reason == null || reason.isBlank()) {
			throw new RuleViolationException("reason", "action.cancel-reason-required");
		}
		move(ActionStatus.CANCELLED, reason, by, at);
	}

	/** 督办: records an escalation step for an overdue action. */
	void escalate(int level, String note, Instant at) {
		this.escalationLevel = level;
		this.lastEscalatedAt = at;
		events.add(new ActionEvent(UUID.randomUUID(), "ESCALATION", note, String.valueOf(level), "system", at));
	}

	public boolean overdue(LocalDate today) {
		return status.active() && dueDate.isBefore(today);
	}

	private void move(ActionStatus to, String note, String by, Instant at) {
		this.status = to;
		events.add(new ActionEvent(UUID.randomUUID(), "STATUS", note, to.name(), by, at));
	}

	private void requireActive() {
		if (status != null && !status.active()) {
			throw new RuleViolationException("action.not-active");
		}
	}

	public List<ActionEvent> trail() {
		List<ActionEvent> trail = new ArrayList<>(events);
		trail.sort(Comparator.comparing(ActionEvent::at).thenComparing(e -> e.kind().equals("STATUS") ? 1 : 0));
		return trail;
	}

	public Set<UUID> collaboratingDepartments() {
		return collaborators.stream().map(Collaborator::departmentId).collect(Collectors.toCollection(LinkedHashSet::new));
	}

	Map<String, Object> auditState() {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("reference", reference);
		state.put("title", title);
		state.put("source", sourceType + (sourceId == null ? "" : ":" + sourceId));
		state.put("responsibleDepartmentId", responsibleDepartmentId);
		state.put("collaboratingDepartments", collaboratingDepartments().stream().map(UUID::toString).sorted().toList());
		state.put("ownerUserId", ownerUserId);
		state.put("dueDate", dueDate);
		state.put("expectedResult", expectedResult);
		state.put("strength", strength);
		state.put("incidentId", incidentId);
		state.put("rootCause", rootCause);
		state.put("status", status);
		state.put("indicator", indicatorCode);
		state.put("effectiveMonth", effectiveMonth);
		state.put("verification", verificationOutcome);
		state.put("verificationNote", verificationNote);
		state.put("escalationLevel", escalationLevel);
		return state;
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

	public String getTitle() {
		return title;
	}

	public String getDescription() {
		return description;
	}

	public ActionSource getSourceType() {
		return sourceType;
	}

	public String getSourceId() {
		return sourceId;
	}

	public UUID getResponsibleDepartmentId() {
		return responsibleDepartmentId;
	}

	public UUID getOwnerUserId() {
		return ownerUserId;
	}

	public LocalDate getDueDate() {
		return dueDate;
	}

	public String getExpectedResult() {
		return expectedResult;
	}

	public ActionStatus getStatus() {
		return status;
	}

	public ActionStrength getStrength() {
		return strength;
	}

	public String getIndicatorCode() {
		return indicatorCode;
	}

	public UUID getIndicatorDepartmentId() {
		return indicatorDepartmentId;
	}

	public LocalDate getEffectiveMonth() {
		return effectiveMonth;
	}

	public String getVerificationOutcome() {
		return verificationOutcome;
	}

	public String getVerificationNote() {
		return verificationNote;
	}

	public String getVerifiedBy() {
		return verifiedBy;
	}

	public Instant getVerifiedAt() {
		return verifiedAt;
	}

	public int getEscalationLevel() {
		return escalationLevel;
	}

	public UUID getIncidentId() {
		return incidentId;
	}

	public String getRootCause() {
		return rootCause;
	}

	public Integer getVersion() {
		return version;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public String getCreatedBy() {
		return createdBy;
	}
}
