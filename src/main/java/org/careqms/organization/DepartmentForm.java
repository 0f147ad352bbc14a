package org.careqms.organization;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What a person types to create or change a department. */
class DepartmentForm {

	static final String CODE_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]*";

	@NotBlank
	@Size(max = 32)
	@Pattern(regexp = CODE_PATTERN, message = "{organization.code.pattern}")
	private String code;

	@NotBlank
	@Size(max = 100)
	private String name;

	@Size(max = 100)
	private String nameEn;

	@NotNull
	private DepartmentType type = DepartmentType.CLINICAL;

	private UUID parentId;

	@Size(max = 1000)
	private String description;

	/** One mapping per line, {@code SYSTEM:CODE} (HIS:0301). */
	@Size(max = 4000)
	@Pattern(regexp = "(?s)\\s*|(\\s*[A-Za-z0-9_-]{1,32}\\s*:\\s*[^:\\s]{1,64}\\s*)+", message = "{organization.department.his-codes.pattern}")
	private String hisCodes;

	private Integer version;

	static DepartmentForm of(Department department) {
		var form = new DepartmentForm();
		form.code = department.getCode();
		form.name = department.getName();
		form.nameEn = department.getNameEn();
		form.type = department.getType();
		form.parentId = department.getParentId();
		form.description = department.getDescription();
		form.hisCodes = department.getHisCodes().stream().map(h -> h.system() + ":" + h.code()).sorted()
			.collect(Collectors.joining("\n"));
		form.version = department.getVersion();
		return form;
	}

	/** The HIS mappings typed in the text area, one {@code SYSTEM:CODE} per line. */
	Set<HisCode> parsedHisCodes(UUID hospitalId) {
		Set<HisCode> codes = new LinkedHashSet<>();
		if (hisCodes == null) {
			return codes;
		}
		for (String line : hisCodes.split("\\R")) {
			String trimmed = line.trim();
			if (trimmed.isEmpty()) {
				continue;
			}
			int colon = trimmed.indexOf(':');
			codes.add(new HisCode(hospitalId, trimmed.substring(0, colon).trim().toUpperCase(),
					trimmed.substring(colon + 1).trim()));
		}
		return codes;
	}

	static String trimToNull(String value) {
		return value == null || value.isBlank() ? null : value.trim();
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

	public String getNameEn() {
		return nameEn;
	}

	public void setNameEn(String nameEn) {
		this.nameEn = trimToNull(nameEn);
	}

	public DepartmentType getType() {
		return type;
	}

	public void setType(DepartmentType type) {
		this.type = type;
	}

	public UUID getParentId() {
		return parentId;
	}

	public void setParentId(UUID parentId) {
		this.parentId = parentId;
	}

	public String getDescription() {
		return description;
	}

	public void setDescription(String description) {
		this.description = trimToNull(description);
	}

	public String getHisCodes() {
		return hisCodes;
	}

	public void setHisCodes(String hisCodes) {
		this.hisCodes = hisCodes;
	}

	public Integer getVersion() {
		return version;
	}

	public void setVersion(Integer version) {
		this.version = version;
	}
}
