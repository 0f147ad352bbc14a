package org.careqms.organization;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What a person types to set up or change a committee or QC group. */
class CommitteeForm {

	@NotBlank
	@Size(max = 32)
	@Pattern(regexp = DepartmentForm.CODE_PATTERN, message = "{organization.code.pattern}")
	private String code;

	@NotBlank
	@Size(max = 200)
	private String name;

	@NotNull
	private CommitteeType type = CommitteeType.QUALITY_MANAGEMENT;

	private UUID departmentId;

	@Size(max = 4000)
	private String duties;

	private Integer version;

	static CommitteeForm of(Committee committee) {
		var form = new CommitteeForm();
		form.code = committee.getCode();
		form.name = committee.getName();
		form.type = committee.getType();
		form.departmentId = committee.getDepartmentId();
		form.duties = committee.getDuties();
		form.version = committee.getVersion();
		return form;
	}

	public String getCode() {
		return code;
	}

	public void setCode(String code) {
		this.code = code == null ? null : code.trim();
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name == null ? null : name.trim();
	}

	public CommitteeType getType() {
		return type;
	}

	public void setType(CommitteeType type) {
		this.type = type;
	}

	public UUID getDepartmentId() {
		return departmentId;
	}

	public void setDepartmentId(UUID departmentId) {
		this.departmentId = departmentId;
	}

	public String getDuties() {
		return duties;
	}

	public void setDuties(String duties) {
		this.duties = DepartmentForm.trimToNull(duties);
	}

	public Integer getVersion() {
		return version;
	}

	public void setVersion(Integer version) {
		this.version = version;
	}
}
