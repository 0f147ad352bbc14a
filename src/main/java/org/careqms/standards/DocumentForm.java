package org.careqms.standards;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The document form: what a regulation is and who owns it. Checked by {@link DocumentManagement}. */
public class DocumentForm {

	private String code;
	private String title;
	private DocumentType type = DocumentType.REGULATION;
	private UUID ownerDepartmentId;
	private List<String> coreSystems = new ArrayList<>();

	static DocumentForm of(DocumentQueries.Document d) {
		var form = new DocumentForm();
		form.code = d.code();
		form.title = d.title();
		form.type = d.type();
		form.ownerDepartmentId = d.ownerDepartmentId();
		form.coreSystems = new ArrayList<>(d.coreSystems());
		return form;
	}

	DocumentManagement.DocumentDraft draft() {
		return new DocumentManagement.DocumentDraft(code, title, type, ownerDepartmentId, coreSystems);
	}

	public String getCode() {
		return code;
	}

	public void setCode(String code) {
		this.code = code;
	}

	public String getTitle() {
		return title;
	}

	public void setTitle(String title) {
		this.title = title;
	}

	public DocumentType getType() {
		return type;
	}

	public void setType(DocumentType type) {
		this.type = type;
	}

	public UUID getOwnerDepartmentId() {
		return ownerDepartmentId;
	}

	public void setOwnerDepartmentId(UUID ownerDepartmentId) {
		this.ownerDepartmentId = ownerDepartmentId;
	}

	public List<String> getCoreSystems() {
		return coreSystems;
	}

	public void setCoreSystems(List<String> coreSystems) {
		this.coreSystems = coreSystems == null ? new ArrayList<>() : coreSystems;
	}
}
