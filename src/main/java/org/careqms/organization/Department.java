package org.careqms.organization;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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

/** 科室: a node of the department tree, with the codes other systems use for it. */
@Table("department")
class Department {

	@Id
	private UUID id;
	private UUID hospitalId;
	private String code;
	private String name;
	private String nameEn;
	private DepartmentType type;
	private UUID parentId;
	private String description;
	@MappedCollection(idColumn = "department_id")
	private Set<HisCode> hisCodes = new LinkedHashSet<>();
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

	Department() {
	}

	Department(UUID hospitalId, String code) {
		this.id = UUID.randomUUID();
		this.hospitalId = hospitalId;
		this.code = code;
	}

	void describe(String name, String nameEn, DepartmentType type, UUID parentId, String description) {
		if (id.equals(parentId)) {
			throw new RuleViolationException("parentId", "department.parent-cycle");
		}
		this.name = name;
		this.nameEn = nameEn;
		this.type = type;
		this.parentId = parentId;
		this.description = description;
	}

	void recode(String code) {
		this.code = code;
	}

	void mapHisCodes(Set<HisCode> codes) {
		this.hisCodes = new LinkedHashSet<>(codes);
	}

	void retire(String reason, String by, Instant at) {
		if (retired) {
			throw new RuleViolationException("department.already-retired");
		}
		this.retired = true;
		this.retireReason = reason;
		this.retiredBy = by;
		this.retiredAt = at;
	}

	void restore() {
		if (!retired) {
			throw new RuleViolationException("department.not-retired");
		}
		this.retired = false;
		this.retireReason = null;
		this.retiredBy = null;
		this.retiredAt = null;
	}

	/** The state the audit trail keeps before and after a change. */
	Map<String, Object> auditState() {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("code", code);
		state.put("name", name);
		state.put("nameEn", nameEn);
		state.put("type", type);
		state.put("parentId", parentId);
		state.put("description", description);
		state.put("hisCodes", hisCodes.stream().map(h -> h.system() + ":" + h.code()).sorted()
			.collect(Collectors.joining(", ")));
		state.put("retired", retired);
		state.put("retireReason", retireReason);
		return state;
	}

	public String label() {
		return code + " " + name;
	}

	public UUID getId() {
		return id;
	}

	public UUID getHospitalId() {
		return hospitalId;
	}

	public String getCode() {
		return code;
	}

	public String getName() {
		return name;
	}

	public String getNameEn() {
		return nameEn;
	}

	public DepartmentType getType() {
		return type;
	}

	public UUID getParentId() {
		return parentId;
	}

	public String getDescription() {
		return description;
	}

	public Set<HisCode> getHisCodes() {
		return hisCodes;
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
