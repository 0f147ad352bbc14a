package org.careqms.organization;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.DepartmentScope;
import org.careqms.platform.InvalidInputException;
import org.careqms.platform.RuleViolationException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff over HTTP, identified by employee number and department code. Scoped like the pages: a
 * department-bound caller sees only staff of their departments (anything else is 404). A department
 * head who creates staff in a department outside their scope gets 403, not 404: the department list
 * is visible to everyone, so refusing openly discloses nothing.
 */
@RestController
@RequestMapping("/api/v1/staff")
@Tag(name = "Staff")
@PreAuthorize("isAuthenticated()")
class StaffApiController {

	/** Enough for any department's roster in one answer. */
	private static final int LIMIT = 10_000;

	private final StaffManagement management;
	private final StaffDirectoryQueries queries;
	private final DepartmentManagement departments;

	StaffApiController(StaffManagement management, StaffDirectoryQueries queries, DepartmentManagement departments) {
		this.management = management;
		this.queries = queries;
		this.departments = departments;
	}

	/** A staff member as the API shows them. */
	record StaffView(String employeeNo, String name, Profession profession, StaffTitle title, String departmentCode,
			boolean retired) {
	}

	/** Enrol a staff member. */
	record StaffRequest(
			@NotBlank @Size(max = 32) @Pattern(regexp = StaffForm.EMPLOYEE_NO_PATTERN,
					message = "{organization.staff.employee-no.pattern}") String employeeNo,
			@NotBlank @Size(max = 100) String name, @NotNull Profession profession, @NotNull StaffTitle title,
			@NotBlank String departmentCode,
			@Size(max = 32) @Pattern(regexp = StaffForm.PHONE_PATTERN,
					message = "{organization.staff.phone.pattern}") String phone,
			@Email @Size(max = 200) String email) {
	}

	@GetMapping
	@Operation(summary = "Staff the caller may see, optionally of one department (404 if outside the caller's scope)")
	List<StaffView> list(@RequestParam(required = false) String department,
			@RequestParam(defaultValue = "false") boolean includeRetired) {
		CareQmsUser user = CurrentUser.require();
		UUID departmentId = null;
		if (department != null && !department.isBlank()) {
			departmentId = departments.getByCode(user.hospitalId(), department.trim()).getId();
			DepartmentScope.check(departmentId);
		}
		var filter = new StaffDirectoryQueries.StaffFilter(departmentId, null, includeRetired);
		return queries.search(user.hospitalId(), filter, 0, LIMIT).rows().stream()
			.map(r -> new StaffView(r.employeeNo(), r.name(), r.profession(), r.title(), r.departmentCode(),
					r.retired()))
			.toList();
	}

	@GetMapping("/{employeeNo}")
	@Operation(summary = "One staff member by employee number (404 if outside the caller's scope)")
	StaffView get(@PathVariable String employeeNo) {
		UUID hospital = CurrentUser.require().hospitalId();
		return view(management.getByEmployeeNo(hospital, employeeNo), hospital);
	}

	@PostMapping
	@PreAuthorize(OrganizationAccess.MANAGERS_AND_HEADS)
	@Operation(summary = "Enrol a staff member: 201; 400 invalid; 403 for a department outside a head's scope; "
			+ "409 if the employee number exists")
	ResponseEntity<StaffView> create(@Valid @RequestBody StaffRequest request) {
		UUID hospital = CurrentUser.require().hospitalId();
		Department department = departments.all(hospital).stream()
			.filter(d -> d.getCode().equals(request.departmentCode().trim()))
			.findFirst()
			.orElseThrow(() -> new InvalidInputException("departmentCode", "error.staff.department-unknown"));
		var form = new StaffForm();
		form.setEmployeeNo(request.employeeNo());
		form.setName(request.name());
		form.setProfession(request.profession());
		form.setTitle(request.title());
		form.setDepartmentId(department.getId());
		form.setPhone(request.phone());
		form.setEmail(request.email());
		try {
			Staff created = management.create(hospital, form);
			return ResponseEntity.created(URI.create("/api/v1/staff/" + created.getEmployeeNo()))
				.body(view(created, hospital));
		}
		catch (RuleViolationException ex) {
			if ("staff.employee-no-taken".equals(ex.code())) {
				throw ex; // 409
			}
			String field = "departmentId".equals(ex.field()) ? "departmentCode" : ex.field();
			throw new InvalidInputException(field, ex.messageKey(), ex.arguments());
		}
	}

	private StaffView view(Staff staff, UUID hospital) {
		return new StaffView(staff.getEmployeeNo(), staff.getName(), staff.getProfession(), staff.getTitle(),
				departments.get(hospital, staff.getDepartmentId()).getCode(), staff.isRetired());
	}
}
