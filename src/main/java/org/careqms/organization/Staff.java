package org.careqms.organization;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.careqms.platform.RuleViolationException;
import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedBy;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** 人员: a member of the hospital's staff, known by the employee number (工号) the HR system gives. */
@Table("staff")
class Staff {

	@Id
	private UUID id;
	private UUID hospitalId;
	private String employeeNo;
	private String name;
	private Profession profession;
	private StaffTitle title;
	private UUID departmentId;
	private String phone;
	private String email;
	private boolean retired;
	private String retiredBy;
	private Instant retiredAt;
	private String retireReason;
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

	Staff() {
	}

	Staff(UUID hospitalId, String employeeNo) {
		this.id = UUID.randomUUID();
		this.hospitalId = hospitalId;
		this.employeeNo = employeeNo;
	}

	/** Sets who the person is; a title must belong to the person's profession (a nurse is no 主任医师). */
	void describe(String name, Profession profession, StaffTitle title, String phone, String email) {
		if (!title.fits(profession)) {
			throw new RuleViolationException("title", "staff.title-profession-mismatch");
		}
		this.name = name;
		this.profession = profession;
		this.title = title;
		this.phone = phone;
		this.email = email;
	}

	void renumber(String employeeNo) {
		this.employeeNo = employeeNo;
	}

	void assignTo(UUID departmentId) {
		if (retired) {
			throw new RuleViolationException("staff.retired");
		}
		this.departmentId = departmentId;
	}

	void retire(String reason, String by, Instant at) {
		if (retired) {
			throw new RuleViolationException("staff.already-retired");
		}
		this.retired = true;
		this.retireReason = reason;
		this.retiredBy = by;
		this.retiredAt = at;
	}

	void restore() {
		if (!retired) {
			throw new RuleViolationException("staff.not-retired");
		}
		this.retired = false;
		this.retireReason = null;
		this.retiredBy = null;
		this.retiredAt = null;
	}

	/** The state the audit trail keeps before and after a change. */
	Map<String, Object> auditState() {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("employeeNo", employeeNo);
		state.put("name", name);
		state.put("profession", profession);
		state.put("title", title);
		state.put("departmentId", departmentId);
		state.put("phone", phone);
		state.put("email", email);
		state.put("retired", retired);
		state.put("retireReason", retireReason);
		return state;
	}

	public String label() {
		return employeeNo + " " + name;
	}

	public UUID getId() {
		return id;
	}

	public UUID getHospitalId() {
		return hospitalId;
	}

	public String getEmployeeNo() {
		return employeeNo;
	}

	public String getName() {
		return name;
	}

	public Profession getProfession() {
		return profession;
	}

	public StaffTitle getTitle() {
		return title;
	}

	public UUID getDepartmentId() {
		return departmentId;
	}

	public String getPhone() {
		return phone;
	}

	public String getEmail() {
		return email;
	}

	public boolean isRetired() {
		return retired;
	}

	public String getRetiredBy() {
		return retiredBy;
	}

	public Instant getRetiredAt() {
		return retiredAt;
	}

	public String getRetireReason() {
		return retireReason;
	}

	public Integer getVersion() {
		return version;
	}

	public String getCreatedBy() {
		return createdBy;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public String getChangedBy() {
		return changedBy;
	}

	public Instant getChangedAt() {
		return changedAt;
	}
}
