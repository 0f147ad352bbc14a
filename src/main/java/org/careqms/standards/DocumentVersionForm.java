package org.careqms.standards;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;

/** The text of a draft version, its effective date and what changed. */
public class DocumentVersionForm {

	private String content;
	private String changeNote;
	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate effectiveDate;

	static DocumentVersionForm of(DocumentQueries.Version v) {
		var form = new DocumentVersionForm();
		form.content = v.content();
		form.changeNote = v.changeNote();
		form.effectiveDate = v.effectiveDate();
		return form;
	}

	DocumentManagement.VersionText text() {
		return new DocumentManagement.VersionText(content, changeNote, effectiveDate);
	}

	public String getContent() {
		return content;
	}

	public void setContent(String content) {
		this.content = content;
	}

	public String getChangeNote() {
		return changeNote;
	}

	public void setChangeNote(String changeNote) {
		this.changeNote = changeNote;
	}

	public LocalDate getEffectiveDate() {
		return effectiveDate;
	}

	public void setEffectiveDate(LocalDate effectiveDate) {
		this.effectiveDate = effectiveDate;
	}
}
