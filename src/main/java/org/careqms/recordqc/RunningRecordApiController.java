package org.careqms.recordqc;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Running records over HTTP (ADR 0015): the items of {@code /record-qc/running} as JSON, scoped alike. */
@RestController
@Tag(name = "Record QC")
class RunningRecordApiController {

	private final RunningRecords running;
	private final OrganizationDirectory organization;

	RunningRecordApiController(RunningRecords running, OrganizationDirectory organization) {
		this.running = running;
		this.organization = organization;
	}

	/** One item of {@code GET /api/v1/record-qc/running}. */
	record ItemView(String encounterId, String patientId, String departmentCode, String doctorId, String admitTime,
			String conditionLevel, String ruleId, String documentType, String eventTime, String dueTime,
			String writtenTime, RunningState state, long minutesLeft) {
	}

	record RunningView(int dueSoonHours, String now, List<ItemView> items) {
	}

	@GetMapping("/api/v1/record-qc/running")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Patients in hospital: documents due soon, overdue or written late (running records), "
			+ "as far as the user may see them; minutesLeft is negative when overdue or late")
	RunningView api(@RequestParam(required = false) UUID department) {
		CareQmsUser user = CurrentUser.require();
		Map<UUID, String> codes = organization.departments(user.hospitalId()).stream()
			.collect(Collectors.toMap(d -> d.id(), d -> d.code()));
		List<ItemView> items = running.visibleItems(user, department)
			.stream()
			.map(i -> new ItemView(i.encounterId(), i.patientId(), codes.get(i.departmentId()), i.doctorId(),
					Defects.time(i.admitTime()), i.conditionLevel(), i.ruleId(), i.documentType(),
					Defects.time(i.eventTime()), Defects.time(i.dueTime()), Defects.time(i.writtenTime()), i.state(),
					i.minutesLeft()))
			.toList();
		return new RunningView(running.dueSoonHours(), Defects.time(running.localNow()), items);
	}
}
