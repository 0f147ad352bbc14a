package org.careqms.standards;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/** Forms of the checklist pages. */
final class ChecklistForms {

	private ChecklistForms() {
	}

	/** A template's name, description and audit types (one per line or separated by commas). */
	public static class TemplateForm {

		private String code;
		private String name;
		private String description;
		private String auditTypes;

		static TemplateForm of(ChecklistQueries.Template t) {
			var form = new TemplateForm();
			form.code = t.code();
			form.name = t.name();
			form.description = t.description();
			form.auditTypes = String.join("\n", t.auditTypes());
			return form;
		}

		ChecklistTemplateManagement.TemplateDraft draft() {
			List<String> types = auditTypes == null ? List.of()
					: Arrays.stream(auditTypes.split("[\\n,，、;；]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
			return new ChecklistTemplateManagement.TemplateDraft(code, name, description, types);
		}

		public String getCode() {
			return code;
		}

		public void setCode(String code) {
			this.code = code;
		}

		public String getName() {
			return name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getDescription() {
			return description;
		}

		public void setDescription(String description) {
			this.description = description;
		}

		public String getAuditTypes() {
			return auditTypes;
		}

		public void setAuditTypes(String auditTypes) {
			this.auditTypes = auditTypes;
		}
	}

	/** One item in the editor. */
	public static class ItemForm {

		private String code;
		private String text;
		private String guidance;
		private ScoringMethod scoring = ScoringMethod.POINTS;
		private BigDecimal points;
		private boolean critical;
		private boolean notApplicableAllowed;
		private String coreSystemCheckId;

		ChecklistTemplateManagement.ItemDraft draft() {
			return new ChecklistTemplateManagement.ItemDraft(code, text, guidance, scoring, points, critical,
					notApplicableAllowed, coreSystemCheckId);
		}

		public String getCode() {
			return code;
		}

		public void setCode(String code) {
			this.code = code;
		}

		public String getText() {
			return text;
		}

		public void setText(String text) {
			this.text = text;
		}

		public String getGuidance() {
			return guidance;
		}

		public void setGuidance(String guidance) {
			this.guidance = guidance;
		}

		public ScoringMethod getScoring() {
			return scoring;
		}

		public void setScoring(ScoringMethod scoring) {
			this.scoring = scoring;
		}

		public BigDecimal getPoints() {
			return points;
		}

		public void setPoints(BigDecimal points) {
			this.points = points;
		}

		public boolean isCritical() {
			return critical;
		}

		public void setCritical(boolean critical) {
			this.critical = critical;
		}

		public boolean isNotApplicableAllowed() {
			return notApplicableAllowed;
		}

		public void setNotApplicableAllowed(boolean notApplicableAllowed) {
			this.notApplicableAllowed = notApplicableAllowed;
		}

		public String getCoreSystemCheckId() {
			return coreSystemCheckId;
		}

		public void setCoreSystemCheckId(String coreSystemCheckId) {
			this.coreSystemCheckId = coreSystemCheckId;
		}
	}
}
