package org.careqms.organization;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.careqms.audittrail.AuditAction;
import org.careqms.audittrail.AuditTrail;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.DepartmentScope;
import org.careqms.platform.NotFoundException;
import org.careqms.platform.RuleViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Enrolling, changing and retiring staff. Reads are limited to the caller's departments; changes
 * need {@link OrganizationAccess#mayManage} for the staff member's department (before and after a move).
 */
@Service
class StaffManagement {

	static final String ENTITY = "Staff";

	private final StaffRepository staff;
	private final DepartmentRepository departments;
	private final StaffDirectoryQueries queries;
	private final AuditTrail audit;
	private final Clock clock;

	StaffManagement(StaffRepository staff, DepartmentRepository departments, StaffDirectoryQueries queries,
			AuditTrail audit, Clock clock) {
		this.staff = staff;
		this.departments = departments;
		this.queries = queries;
		this.audit = audit;
		this.clock = clock;
	}

	/** A staff member the signed-in user may see; another department's staff is not found (404). */
	@Transactional(readOnly = true)
	public Staff get(UUID hospitalId, UUID id) {
		Staff found = staff.findByIdAndHospitalId(id, hospitalId).orElseThrow(NotFoundException::new);
		return DepartmentScope.visible(found, Staff::getDepartmentId);
	}

	/** By employee number, scoped like {@link #get}. */
	@Transactional(readOnly = true)
	public Staff getByEmployeeNo(UUID hospitalId, String employeeNo) {
		Staff found = staff.findByHospitalIdAndEmployeeNo(hospitalId, employeeNo).orElseThrow(NotFoundException::new);
		return DepartmentScope.visible(found, Staff::getDepartmentId);
	}

	@Transactional
	public Staff create(UUID hospitalId, StaffForm form) {
		OrganizationAccess.requireManage(form.getDepartmentId());
		return enrol(hospitalId, form);
	}

	/**
	 * Enrols without asking whether the caller may: for the installation's own seeding, where no person
	 * is signed in. Requests made by people go through {@link #create}.
	 */
	@Transactional
	Staff enrol(UUID hospitalId, StaffForm form) {
		if (staff.existsByHospitalIdAndEmployeeNo(hospitalId, form.getEmployeeNo())) {
			throw new RuleViolationException("employeeNo", "staff.employee-no-taken", form.getEmployeeNo());
		}
		var member = new Staff(hospitalId, form.getEmployeeNo());
		apply(member, form);
		Staff saved = staff.save(member);
		audit.record(hospitalId, ENTITY, saved.getId(), AuditAction.CREATE, saved.label(), null, saved.auditState());
		return saved;
	}

	@Transactional
	public Staff update(UUID hospitalId, UUID id, StaffForm form) {
		Staff member = get(hospitalId, id);
		OrganizationAccess.requireManage(member.getDepartmentId());
		OrganizationAccess.requireManage(form.getDepartmentId());
		if (form.getVersion() != null && !form.getVersion().equals(member.getVersion())) {
			throw new OptimisticLockingFailureException("staff changed by someone else");
		}
		if (member.isRetired()) {
			throw new RuleViolationException("staff.retired");
		}
		if (!member.getEmployeeNo().equals(form.getEmployeeNo())
				&& staff.existsByHospitalIdAndEmployeeNo(hospitalId, form.getEmployeeNo())) {
			throw new RuleViolationException("employeeNo", "staff.employee-no-taken", form.getEmployeeNo());
		}
		var before = member.auditState();
		member.renumber(form.getEmployeeNo());
		apply(member, form);
		Staff saved = staff.save(member);
		audit.record(hospitalId, ENTITY, saved.getId(), AuditAction.UPDATE, saved.label(), before, saved.auditState());
		return saved;
	}

	/** Retires a person who left; refused while they still sit on an active committee. */
	@Transactional
	public Staff retire(UUID hospitalId, UUID id, String reason) {
		Staff member = get(hospitalId, id);
		OrganizationAccess.requireManage(member.getDepartmentId());
		// the detail page lists the committees, so the message itself needs no arguments
		if (!member.isRetired() && !queries.activeCommitteesOf(id).isEmpty()) {
			throw new RuleViolationException("staff.committee-member");
		}
		var before = member.auditState();
		member.retire(reason, CurrentUser.name(), Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
		Staff saved = staff.save(member);
		audit.record(hospitalId, ENTITY, saved.getId(), AuditAction.RETIRE, saved.label(), before, saved.auditState());
		return saved;
	}

	@Transactional
	public Staff restore(UUID hospitalId, UUID id) {
		Staff member = get(hospitalId, id);
		OrganizationAccess.requireManage(member.getDepartmentId());
		if (activeDepartment(hospitalId, member.getDepartmentId()) == null) {
			throw new RuleViolationException("staff.department-retired");
		}
		var before = member.auditState();
		member.restore();
		Staff saved = staff.save(member);
		audit.record(hospitalId, ENTITY, saved.getId(), AuditAction.RESTORE, saved.label(), before, saved.auditState());
		return saved;
	}

	private void apply(Staff member, StaffForm form) {
		Department department = departments.findByIdAndHospitalId(form.getDepartmentId(), member.getHospitalId())
			.orElseThrow(() -> new RuleViolationException("departmentId", "staff.department-unknown"));
		if (department.isRetired()) {
			throw new RuleViolationException("departmentId", "staff.department-retired");
		}
		member.describe(form.getName(), form.getProfession(), form.getTitle(), form.getPhone(), form.getEmail());
		member.assignTo(department.getId());
	}

	private Department activeDepartment(UUID hospitalId, UUID departmentId) {
		return departments.findByIdAndHospitalId(departmentId, hospitalId).filter(d -> !d.isRetired()).orElse(null);
	}
}
