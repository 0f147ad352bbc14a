package org.careqms.improvement;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What a person types to open or change an action. */
class ActionForm {

	@NotBlank
	@Size(max = 200)
	private String title;

	@Size(max = 4000)
	private String description;

	private UUID responsibleDepartmentId;

	private Set<UUID> collaborating = new LinkedHashSet<>();

	private UUID ownerUserId;

	@NotNull
	@FutureOrPresent
	// an <input type="date"> shows and sends yyyy-MM-dd only; the locale's style (2026/12/26) left it empty
	@org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE)
	private LocalDate dueDate;

	@Size(max = 1000)
	private String expectedResult;

	private ActionStrength strength;

	@Size(max = 32)
	private String indicatorCode;

	private Integer version;

	/** Set when the action answers a root cause of an adverse event's analysis. */
	private UUID incidentId;

	@Size(max = 1000)
	private String rootCause;

	static ActionForm of(ImprovementAction action) {
		var form = new ActionForm();
		form.title = action.getTitle();
		form.description = action.getDescription();
		form.responsibleDepartmentId = action.getResponsibleDepartmentId();
		form.collaborating = action.collaboratingDepartments();
		form.ownerUserId = action.getOwnerUserId();
		form.dueDate = action.getDueDate();
		form.expectedResult = action.getExpectedResult();
		form.strength = action.getStrength();
		form.indicatorCode = action.getIndicatorCode();
		form.version = action.getVersion();
		return form;
	}

	ActionManagement.ActionDraft draft(UUID indicatorDepartment) {
		String code = indicatorCode == null || indicatorCode.isBlank() ? null : indicatorCode.trim();
		return new ActionManagement.ActionDraft(title, blankToNull(description), responsibleDepartmentId, ownerUserId,
				dueDate, blankToNull(expectedResult), strength, collaborating, code,
				code == null ? null : indicatorDepartment);
	}

	static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text.trim();
	}

	public String getTitle() {
		return title;
	}

	public void setTitle(String title) {
		this.title = title == null ? null : title.trim();
	}

	public String getDescription() {
		return description;
	}

	public void setDescription(String description) {
		this.description = description;
	}

	public UUID getResponsibleDepartmentId() {
		return responsibleDepartmentId;
	}

	public void setResponsibleDepartmentId(UUID responsibleDepartmentId) {
		this.responsibleDepartmentId = responsibleDepartmentId;
	}

	public Set<UUID> getCollaborating() {
		return collaborating;
	}

	public void setCollaborating(Set<UUID> collaborating) {
		this.collaborating = collaborating == null ? new LinkedHashSet<>() : collaborating;
	}

	public UUID getOwnerUserId() {
		return ownerUserId;
	}

	public void setOwnerUserId(UUID ownerUserId) {
		this.ownerUserId = ownerUserId;
	}

	public LocalDate getDueDate() {
		return dueDate;
	}

	public void setDueDate(LocalDate dueDate) {
		this.dueDate = dueDate;
	}

	public String getExpectedResult() {
		return expectedResult;
	}

	public void setExpectedResult(String expectedResult) {
		this.expectedResult = expectedResult;
	}

	public ActionStrength getStrength() {
		return strength;
	}

	public void setStrength(ActionStrength strength) {
		this.strength = strength;
	}

	public String getIndicatorCode() {
		return indicatorCode;
	}

	public void setIndicatorCode(String indicatorCode) {
		this.indicatorCode = indicatorCode;
	}

	public UUID getIncidentId() {
		return incidentId;
	}

	public void setIncidentId(UUID incidentId) {
		this.incidentId = incidentId;
	}

	public String getRootCause() {
		return rootCause;
	}

	public void setRootCause(String rootCause) {
		this.rootCause = rootCause;
	}

	public Integer getVersion() {
		return version;
	}

	public void setVersion(Integer version) {
		this.version = version;
	}
}
