package org.careqms.organization;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.careqms.platform.CurrentUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Committees and QC groups over HTTP (read only): hospital committees for all, QC groups within scope. */
@RestController
@RequestMapping("/api/v1/committees")
@Tag(name = "Committees")
@PreAuthorize("isAuthenticated()")
class CommitteeApiController {

	private final CommitteeManagement management;
	private final DepartmentManagement departments;

	CommitteeApiController(CommitteeManagement management, DepartmentManagement departments) {
		this.management = management;
		this.departments = departments;
	}

	/** A member as the API shows them. */
	record MemberView(String employeeNo, String name, CommitteePosition position, String duty) {
	}

	/** A committee as the API shows it. */
	record CommitteeView(String code, String name, CommitteeType type, String departmentCode,
			List<MemberView> members) {
	}

	@GetMapping
	@Operation(summary = "Committees and the QC groups of the caller's departments, with their members")
	List<CommitteeView> list(@RequestParam(defaultValue = "false") boolean includeRetired) {
		UUID hospital = CurrentUser.require().hospitalId();
		Map<UUID, String> codes = departments.all(hospital).stream()
			.collect(Collectors.toMap(Department::getId, Department::getCode));
		return management.visible(hospital, includeRetired).stream()
			.map(c -> new CommitteeView(c.getCode(), c.getName(), c.getType(),
					c.getDepartmentId() == null ? null : codes.get(c.getDepartmentId()),
					management.members(c).stream()
						.map(m -> new MemberView(m.employeeNo(), m.name(), m.position(), m.duty()))
						.toList()))
			.toList();
	}
}
