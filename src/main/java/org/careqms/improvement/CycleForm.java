package org.careqms.improvement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;

/** What a person types to open or change a PDCA cycle or QCC project. */
public class CycleForm {

	@NotBlank
	@Size(max = 200)
	private String title;

	@NotBlank
	@Size(max = 4000)
	private String problemStatement;

	@NotNull
	private UUID departmentId;

	private UUID ownerUserId;

	private Set<UUID> memberStaff = new LinkedHashSet<>();

	@Size(max = 32)
	private String indicatorCode;

	@NotNull
	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate planDue;

	@NotNull
	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate doDue;

	@NotNull
	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate checkDue;

	@NotNull
	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate actDue;

	@Size(max = 100)
	private String circleName;

	@Size(max = 200)
	private String slogan;

	private UUID leaderStaffId;

	private UUID facilitatorStaffId;

	private GoalDirection goalDirection = GoalDirection.DECREASE;

	private BigDecimal baselineValue;

	private BigDecimal targetValue;

	private BigDecimal improvementFocus;

	private BigDecimal circleCapability;

	private Integer version;

	static CycleForm of(PdcaCycle cycle) {
		var form = new CycleForm();
		form.title = cycle.getTitle();
		form.problemStatement = cycle.getProblemStatement();
		form.departmentId = cycle.getDepartmentId();
		form.ownerUserId = cycle.getOwnerUserId();
		form.memberStaff = cycle.memberStaff();
		form.indicatorCode = cycle.getIndicatorCode();
		var stages = cycle.stageMap();
		form.planDue = stages.get(PdcaStage.PLAN).dueDate();
		form.doDue = stages.get(PdcaStage.DO).dueDate();
		form.checkDue = stages.get(PdcaStage.CHECK).dueDate();
		form.actDue = stages.get(PdcaStage.ACT).dueDate();
		form.circleName = cycle.getCircleName();
		form.slogan = cycle.getSlogan();
		form.leaderStaffId = cycle.getLeaderStaffId();
		form.facilitatorStaffId = cycle.getFacilitatorStaffId();
		form.goalDirection = cycle.getGoalDirection();
		form.baselineValue = cycle.getBaselineValue();
		form.targetValue = cycle.getTargetValue();
		form.improvementFocus = cycle.getImprovementFocus();
		form.circleCapability = cycle.getCircleCapability();
		form.version = cycle.getVersion();
		return form;
	}

	CycleManagement.CycleDraft draft() {
		return new CycleManagement.CycleDraft(title.trim(), problemStatement.trim(), departmentId, ownerUserId,
				CycleManagement.blank(indicatorCode), memberStaff == null ? Set.of() : memberStaff,
				new PdcaCycle.DueDates(planDue, doDue, checkDue, actDue));
	}

	CycleManagement.CircleDraft circle() {
		return new CycleManagement.CircleDraft(CycleManagement.blank(circleName), slogan, leaderStaffId,
				facilitatorStaffId);
	}

	CycleManagement.Measure measure() {
		return new CycleManagement.Measure(goalDirection, baselineValue, targetValue, improvementFocus, circleCapability);
	}

	public String getTitle() { return title; }
	public void setTitle(String title) { this.title = title; }
	public String getProblemStatement() { return problemStatement; }
	public void setProblemStatement(String problemStatement) { this.problemStatement = problemStatement; }
	public UUID getDepartmentId() { return departmentId; }
	public void setDepartmentId(UUID departmentId) { this.departmentId = departmentId; }
	public UUID getOwnerUserId() { return ownerUserId; }
	public void setOwnerUserId(UUID ownerUserId) { this.ownerUserId = ownerUserId; }
	public Set<UUID> getMemberStaff() { return memberStaff; }
	public void setMemberStaff(Set<UUID> memberStaff) { this.memberStaff = memberStaff; }
	public String getIndicatorCode() { return indicatorCode; }
	public void setIndicatorCode(String indicatorCode) { this.indicatorCode = indicatorCode; }
	public LocalDate getPlanDue() { return planDue; }
	public void setPlanDue(LocalDate planDue) { this.planDue = planDue; }
	public LocalDate getDoDue() { return doDue; }
	public void setDoDue(LocalDate doDue) { this.doDue = doDue; }
	public LocalDate getCheckDue() { return checkDue; }
	public void setCheckDue(LocalDate checkDue) { this.checkDue = checkDue; }
	public LocalDate getActDue() { return actDue; }
	public void setActDue(LocalDate actDue) { this.actDue = actDue; }
	public String getCircleName() { return circleName; }
	public void setCircleName(String circleName) { this.circleName = circleName; }
	public String getSlogan() { return slogan; }
	public void setSlogan(String slogan) { this.slogan = slogan; }
	public UUID getLeaderStaffId() { return leaderStaffId; }
	public void setLeaderStaffId(UUID leaderStaffId) { this.leaderStaffId = leaderStaffId; }
	public UUID getFacilitatorStaffId() { return facilitatorStaffId; }
	public void setFacilitatorStaffId(UUID facilitatorStaffId) { this.facilitatorStaffId = facilitatorStaffId; }
	public GoalDirection getGoalDirection() { return goalDirection; }
	public void setGoalDirection(GoalDirection goalDirection) { this.goalDirection = goalDirection; }
	public BigDecimal getBaselineValue() { return baselineValue; }
	public void setBaselineValue(BigDecimal baselineValue) { this.baselineValue = baselineValue; }
	public BigDecimal getTargetValue() { return targetValue; }
	public void setTargetValue(BigDecimal targetValue) { this.targetValue = targetValue; }
	public BigDecimal getImprovementFocus() { return improvementFocus; }
	public void setImprovementFocus(BigDecimal improvementFocus) { this.improvementFocus = improvementFocus; }
	public BigDecimal getCircleCapability() { return circleCapability; }
	public void setCircleCapability(BigDecimal circleCapability) { this.circleCapability = circleCapability; }
	public Integer getVersion() { return version; }
	public void setVersion(Integer version) { this.version = version; }
}
