package org.careqms.organization;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.careqms.platform.RuleViolationException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Departments over HTTP, as api-contract.md promises: codes, not ids, identify departments. */
@RestController
@RequestMapping("/api/v1/departments")
@Tag(name = "Departments")
@PreAuthorize("isAuthenticated()")
class DepartmentApiController {

	private final DepartmentManagement management;

	DepartmentApiController(DepartmentManagement management) {
		this.management = management;
	}

	/** A department as the API shows it. */
	record DepartmentView(String code, String name, String nameEn, String parentCode, DepartmentType type,
			List<String> hisCodes, boolean retired, Integer version) {
	}

	/** Create or change a department; {@code type} defaults to CLINICAL. */
	record DepartmentRequest(
			@NotBlank @Size(max = 32) @Pattern(regexp = DepartmentForm.CODE_PATTERN,
					message = "{organization.code.pattern}") String code,
			@NotBlank @Size(max = 100) String name, @Size(max = 100) String nameEn, String parentCode,
			DepartmentType type, @Size(max = 1000) String description, List<@Size(max = 100) String> hisCodes,
			Integer version) {
	}

	record RetireRequest(@Size(max = 500) String reason) {
	}

	@GetMapping
	@Operation(summary = "List the hospital's departments (active ones unless includeRetired=true)")
	List<DepartmentView> list(@RequestParam(defaultValue = "false") boolean includeRetired) {
		UUID hospital = hospital();
		List<Department> all = management.all(hospital);
		Map<UUID, String> codes = codes(all);
		return all.stream().filter(d -> includeRetired || !d.isRetired()).map(d -> view(d, codes)).toList();
	}

	@GetMapping("/{code}")
	@Operation(summary = "One department by its code")
	DepartmentView get(@PathVariable String code) {
		Department department = management.getByCode(hospital(), code);
		return view(department, codes(management.all(hospital())));
	}

	@PostMapping
	@PreAuthorize(DepartmentController.MANAGERS)
	@Operation(summary = "Create a department: 201, 409 if the code exists, 400 for invalid input")
	ResponseEntity<DepartmentView> create(@Valid @RequestBody DepartmentRequest request) {
		UUID hospital = hospital();
		if (management.all(hospital).stream().anyMatch(d -> d.getCode().equals(request.code()))) {
			throw new RuleViolationException("code", "department.code-taken", request.code());
		}
		Department created = management.create(hospital, form(hospital, request));
		return ResponseEntity.created(URI.create("/api/v1/departments/" + created.getCode()))
			.body(view(created, codes(management.all(hospital))));
	}

	@PutMapping("/{code}")
	@PreAuthorize(DepartmentController.MANAGERS)
	@Operation(summary = "Change a department (send version to refuse overwriting someone else's change)")
	DepartmentView update(@PathVariable String code, @Valid @RequestBody DepartmentRequest request) {
		UUID hospital = hospital();
		Department department = management.getByCode(hospital, code);
		Department saved = management.update(hospital, department.getId(), form(hospital, request));
		return view(saved, codes(management.all(hospital)));
	}

	@PostMapping("/{code}/retire")
	@PreAuthorize(DepartmentController.MANAGERS)
	@Operation(summary = "Retire a department (it stays in history; no active sub-departments allowed)")
	DepartmentView retire(@PathVariable String code, @Valid @RequestBody(required = false) RetireRequest request) {
		UUID hospital = hospital();
		Department department = management.getByCode(hospital, code);
		Department saved = management.retire(hospital, department.getId(),
				request == null ? null : DepartmentForm.trimToNull(request.reason()));
		return view(saved, codes(management.all(hospital)));
	}

	private DepartmentForm form(UUID hospital, DepartmentRequest request) {
		var form = new DepartmentForm();
		form.setCode(request.code());
		form.setName(request.name());
		form.setNameEn(request.nameEn());
		form.setType(request.type() == null ? DepartmentType.CLINICAL : request.type());
		form.setDescription(request.description());
		form.setVersion(request.version());
		if (request.parentCode() != null && !request.parentCode().isBlank()) {
			Department parent = management.all(hospital).stream()
				.filter(d -> d.getCode().equals(request.parentCode()))
				.findFirst()
				.orElseThrow(() -> new InvalidInputException("parentCode", "error.department.parent-unknown"));
			form.setParentId(parent.getId());
		}
		if (request.hisCodes() != null) {
			for (String mapping : request.hisCodes()) {
				if (mapping == null || !mapping.matches("\\s*[A-Za-z0-9_-]{1,32}\\s*:\\s*[^:\\s]{1,64}\\s*")) {
					throw new InvalidInputException("hisCodes", "organization.department.his-codes.pattern");
				}
			}
			form.setHisCodes(String.join("\n", request.hisCodes()));
		}
		return form;
	}

	private static Map<UUID, String> codes(List<Department> all) {
		Map<UUID, String> codes = new HashMap<>();
		all.forEach(d -> codes.put(d.getId(), d.getCode()));
		return codes;
	}

	private static DepartmentView view(Department d, Map<UUID, String> codes) {
		return new DepartmentView(d.getCode(), d.getName(), d.getNameEn(),
				d.getParentId() == null ? null : codes.get(d.getParentId()), d.getType(),
				d.getHisCodes().stream().map(h -> h.system() + ":" + h.code()).sorted().toList(), d.isRetired(),
				d.getVersion());
	}

	private static UUID hospital() {
		return CurrentUser.require().hospitalId();
	}
}
