package org.careqms.organization;

import java.util.UUID;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What a person types to enrol or change a staff member. */
class StaffForm {

	static final String EMPLOYEE_NO_PATTERN = "[A-Za-z0-9][A-Za-z0-9_-]*";

	static final String PHONE_PATTERN = "[0-9+()\\- ]*";

	@NotBlank
	@Size(max = 32)
	@Pattern(regexp = EMPLOYEE_NO_PATTERN, message = "{organization.staff.employee-no.pattern}")
	private String employeeNo;

	@NotBlank
	@Size(max = 100)
	private String name;

	@NotNull
	private Profession profession = Profession.DOCTOR;

	@NotNull
	private StaffTitle title;

	@NotNull
	private UUID departmentId;

	@Size(max = 32)
	@Pattern(regexp = PHONE_PATTERN, message = "{organization.staff.phone.pattern}")
	private String phone;

	@Email
	@Size(max = 200)
	private String email;

	private Integer version;

	static StaffForm of(Staff staff) {
		var form = new StaffForm();
		form.employeeNo = staff.getEmployeeNo();
		form.name = staff.getName();
		form.profession = staff.getProfession();
		form.title = staff.getTitle();
		form.departmentId = staff.getDepartmentId();
		form.phone = staff.getPhone();
		form.email = staff.getEmail();
		form.version = staff.getVersion();
		return form;
	}

	public String getEmployeeNo() {
		return employeeNo;
	}

	public void setEmployeeNo(String employeeNo) {
		this.employeeNo = employeeNo == null ? null : employeeNo.trim();
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name == null ? null : name.trim();
	}

	public Profession getProfession() {
		return profession;
	}

	public void setProfession(Profession profession) {
		this.profession = profession;
	}

	public StaffTitle getTitle() {
		return title;
	}

	public void setTitle(StaffTitle title) {
		this.title = title;
	}

	public UUID getDepartmentId() {
		return departmentId;
	}

	public void setDepartmentId(UUID departmentId) {
		this.departmentId = departmentId;
	}

	public String getPhone() {
		return phone;
	}

	public void setPhone(String phone) {
		this.phone = DepartmentForm.trimToNull(phone);
	}

	public String getEmail() {
		return email;
	}

	public void setEmail(String email) {
		this.email = DepartmentForm.trimToNull(email);
	}

	public Integer getVersion() {
		return version;
	}

	public void setVersion(Integer version) {
		this.version = version;
	}
}
