package org.careqms.organization;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedBy;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** A hospital: the tenant every business row belongs to. */
@Table("hospital")
class Hospital {

	@Id
	private UUID id;
	private String code;
	private String name;
	private String nameEn;
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

	Hospital() {
	}

	Hospital(String code, String name, String nameEn) {
		this.id = UUID.randomUUID();
		this.code = code;
		this.name = name;
		this.nameEn = nameEn;
	}

	public UUID getId() {
		return id;
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
}
