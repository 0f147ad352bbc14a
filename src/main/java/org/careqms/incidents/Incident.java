package org.careqms.incidents;

import java.time.Instant;
import java.time.LocalDateTime;
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
 * 不良事件: one report and how the hospital answered it. Submitted → triaged → investigating →
 * action planning → closed; closing needs the feedback the reporter will read.
 */
@Table("incident")
class Incident {

	enum Status {
		SUBMITTED, TRIAGED, INVESTIGATING, ACTION_PLANNING, CLOSED
	}

	@Id
	private UUID id;
	private UUID hospitalId;
	private String reference;
	private LocalDateTime occurredAt;
	private UUID departmentId;
	private String category;
	private String level;
	private String harm;
	private String description;
	private String immediateActions;
	private boolean patientInvolved;
	private boolean anonymous;
	private UUID reporterUserId;
	private String details;
	private Status status = Status.SUBMITTED;
	private UUID handlingDepartmentId;
	private String triagedBy;
	private Instant triagedAt;
	private Instant reportDueAt;
	private Instant analysisDueAt;
	private String feedback;
	private Instant closedAt;
	private Instant submittedAt;
	private String reporterName;
	private boolean viaPublicLink;
	@MappedCollection(idColumn = "incident_id")
	private Set<Collaborator> collaborators = new LinkedHashSet<>();
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

	@Table("incident_collaborator")
	record Collaborator(UUID departmentId) {
	}

	Incident() {
	}

	Incident(UUID hospitalId, String reference, LocalDateTime occurredAt, UUID departmentId, String category,
			String level, String description, String immediateActions, boolean patientInvolved, boolean anonymous,
			UUID reporterUserId, String details, Instant submittedAt) {
		this(UUID.randomUUID(), hospitalId, reference, occurredAt, departmentId, category, level, description,
				immediateActions, patientInvolved, anonymous, reporterUserId, details, submittedAt);
	}

	/** A new report with the id chosen before (the one its Idempotency-Key was claimed for). */
	Incident(UUID id, UUID hospitalId, String reference, LocalDateTime occurredAt, UUID departmentId, String category,
			String level, String description, String immediateActions, boolean patientInvolved, boolean anonymous,
			UUID reporterUserId, String details, Instant submittedAt) {
		this.id = id;
		this.hospitalId = hospitalId;
		this.reference = reference;
		this.occurredAt = occurredAt;
		this.departmentId = departmentId;
		this.category = category;
		this.level = level;
		this.description = description;
		this.immediateActions = immediateActions;
		this.patientInvolved = patientInvolved;
		this.anonymous = anonymous;
		this.reporterUserId = anonymous ? null : reporterUserId;
		this.details = details;
		this.submittedAt = submittedAt;
	}

	/**
	 * Sent through the hospital's public reporting link: no user behind it, only the name the
	 * reporter chose to type (none for an anonymous report).
	 */
	void viaPublicLink(String reporterName) {
		this.viaPublicLink = true;
		this.reporterName = anonymous || reporterName == null || reporterName.isBlank() ? null : reporterName.trim();
	}

	/** The first action was planned on the analysis: the event moves to action planning. */
	boolean actionPlanned() {
		if (status == Status.TRIAGED || status == Status.INVESTIGATING) {
			status = Status.ACTION_PLANNING;
			return true;
		}
		return false;
	}

	void triage(String level, String harm, UUID handlingDepartmentId, Set<UUID> collaborating, String by, Instant at,
			Instant reportDue, Instant analysisDue) {
		if (status == Status.CLOSED) {
			throw new RuleViolationException("incident.closed");
		}
		this.level = level;
		this.harm = harm;
		this.handlingDepartmentId = handlingDepartmentId;
		this.collaborators = collaborating.stream().map(Collaborator::new)
			.collect(Collectors.toCollection(LinkedHashSet::new));
		this.triagedBy = by;
		this.triagedAt = at;
		this.reportDueAt = reportDue;
		this.analysisDueAt = analysisDue;
		if (status == Status.SUBMITTED) {
			status = Status.TRIAGED;
		}
	}

	void advance(Status to) {
		boolean allowed = switch (to) {
			case INVESTIGATING -> status == Status.TRIAGED;
			case ACTION_PLANNING -> status == Status.INVESTIGATING || status == Status.TRIAGED;
			default -> false;
		};
		if (!allowed) {
			throw new RuleViolationException("incident.illegal-transition");
		}
		status = to;
	}

	/** Closing answers the reporter: what was found and what changed. */
	void close(String feedback, Instant at) {
		if (status == Status.SUBMITTED || status == Status.CLOSED) {
			throw new RuleViolationException("incident.not-closable");
		}
		if (feedback == null || feedback.isBlank()) {
			throw new RuleViolationException("feedback", "incident.feedback-required");
		}
		this.feedback = feedback.trim();
		this.closedAt = at;
		this.status = Status.CLOSED;
	}

	/** The columns of {@code incident}, in the order {@link #newRow} gives them (a test compares them with the table). */
	static final List<String> COLUMNS = List.of("id", "hospital_id", "reference", "occurred_at", "department_id",
			"category", "level", "harm", "description", "immediate_actions", "patient_involved", "anonymous",
			"reporter_user_id", "details", "status", "handling_department_id", "triaged_by", "triaged_at",
			"report_due_at", "analysis_due_at", "feedback", "closed_at", "submitted_at", "reporter_name",
			"via_public_link", "version", "created_by", "created_at", "changed_by", "changed_at");

	/**
	 * A new report as its first row, with what Spring Data JDBC's auditing and versioning would have set
	 * (version 0, created = last changed). Submissions insert it with one written-out statement: saving
	 * through the repository built the INSERT and its parameters anew for every report, a fifth of a
	 * submission's CPU (docs/benchmarks.md).
	 */
	Map<String, Object> newRow(String by, Instant at) {
		if (version != null || !collaborators.isEmpty()) {
			throw new IllegalStateException("not a new report");
		}
		this.version = 0;
		this.createdBy = by;
		this.createdAt = at;
		this.changedBy = by;
		this.changedAt = at;
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("id", id);
		row.put("hospital_id", hospitalId);
		row.put("reference", reference);
		row.put("occurred_at", occurredAt);
		row.put("department_id", departmentId);
		row.put("category", category);
		row.put("level", level);
		row.put("harm", harm);
		row.put("description", description);
		row.put("immediate_actions", immediateActions);
		row.put("patient_involved", patientInvolved);
		row.put("anonymous", anonymous);
		row.put("reporter_user_id", reporterUserId);
		row.put("details", details);
		row.put("status", status.name());
		row.put("handling_department_id", handlingDepartmentId);
		row.put("triaged_by", triagedBy);
		row.put("triaged_at", utc(triagedAt));
		row.put("report_due_at", utc(reportDueAt));
		row.put("analysis_due_at", utc(analysisDueAt));
		row.put("feedback", feedback);
		row.put("closed_at", utc(closedAt));
		row.put("submitted_at", utc(submittedAt));
		row.put("reporter_name", reporterName);
		row.put("via_public_link", viaPublicLink);
		row.put("version", version);
		row.put("created_by", createdBy);
		row.put("created_at", utc(createdAt));
		row.put("changed_by", changedBy);
		row.put("changed_at", utc(changedAt));
		return row;
	}

	private static java.time.OffsetDateTime utc(Instant at) {
		return at == null ? null : at.atOffset(java.time.ZoneOffset.UTC);
	}

	/** What the audit trail keeps: never who reported an anonymous event. */
	Map<String, Object> auditState() {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("reference", reference);
		state.put("occurredAt", occurredAt == null ? null : occurredAt.toString());
		state.put("departmentId", departmentId);
		state.put("category", category);
		state.put("level", level);
		state.put("harm", harm);
		state.put("status", status);
		state.put("anonymous", anonymous);
		state.put("viaPublicLink", viaPublicLink);
		state.put("reporterName", reporterName);
		state.put("handlingDepartmentId", handlingDepartmentId);
		state.put("collaborating", collaborators.stream().map(c -> c.departmentId().toString()).sorted().toList());
		state.put("feedback", feedback);
		return state;
	}

	public Set<UUID> collaboratingDepartments() {
		return collaborators.stream().map(Collaborator::departmentId).collect(Collectors.toCollection(LinkedHashSet::new));
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

	public LocalDateTime getOccurredAt() {
		return occurredAt;
	}

	public UUID getDepartmentId() {
		return departmentId;
	}

	public String getCategory() {
		return category;
	}

	public String getLevel() {
		return level;
	}

	public String getHarm() {
		return harm;
	}

	public String getDescription() {
		return description;
	}

	public String getImmediateActions() {
		return immediateActions;
	}

	public boolean isPatientInvolved() {
		return patientInvolved;
	}

	public boolean isAnonymous() {
		return anonymous;
	}

	public UUID getReporterUserId() {
		return reporterUserId;
	}

	public String getDetails() {
		return details;
	}

	public Status getStatus() {
		return status;
	}

	public UUID getHandlingDepartmentId() {
		return handlingDepartmentId;
	}

	public String getTriagedBy() {
		return triagedBy;
	}

	public Instant getReportDueAt() {
		return reportDueAt;
	}

	public Instant getAnalysisDueAt() {
		return analysisDueAt;
	}

	public String getFeedback() {
		return feedback;
	}

	public Instant getClosedAt() {
		return closedAt;
	}

	public Instant getSubmittedAt() {
		return submittedAt;
	}

	public String getReporterName() {
		return reporterName;
	}

	public boolean isViaPublicLink() {
		return viaPublicLink;
	}
}
