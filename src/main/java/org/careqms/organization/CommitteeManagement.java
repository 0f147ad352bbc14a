package org.careqms.organization;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.careqms.audittrail.AuditAction;
import org.careqms.audittrail.AuditTrail;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.NotFoundException;
import org.careqms.platform.RuleViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Setting up committees and QC groups and appointing their members. Everyone signed in sees the
 * hospital committees; a department's QC group is seen within that department's scope and managed by
 * its department head, the quality office and administrators.
 */
@Service
class CommitteeManagement {

	static final String ENTITY = "Committee";

	private final CommitteeRepository committees;
	private final StaffRepository staff;
	private final DepartmentRepository departments;
	private final AuditTrail audit;
	private final Clock clock;

	CommitteeManagement(CommitteeRepository committees, StaffRepository staff, DepartmentRepository departments,
			AuditTrail audit, Clock clock) {
		this.committees = committees;
		this.staff = staff;
		this.departments = departments;
		this.audit = audit;
		this.clock = clock;
	}

	/** A member as lists show them: position first, then the person. */
	record MemberRow(UUID staffId, String employeeNo, String name, StaffTitle title, String departmentName,
			CommitteePosition position, String duty, boolean retired) {
	}

	/** A committee with what the overview shows beside it. */
	record Summary(Committee committee, Department department, MemberRow chair, int memberCount) {
	}

	static boolean maySee(CareQmsUser user, Committee committee) {
		return !committee.isDepartmentGroup() || user.canSeeDepartment(committee.getDepartmentId());
	}

	/** Hospital committees may only be managed hospital-wide; a QC group also by its department's head. */
	static boolean mayManage(CareQmsUser user, CommitteeType type, UUID departmentId) {
		return OrganizationAccess.managesHospital(user)
				|| type.departmentGroup() && OrganizationAccess.mayManage(user, departmentId);
	}

	static boolean mayManage(CareQmsUser user, Committee committee) {
		return mayManage(user, committee.getType(), committee.getDepartmentId());
	}

	@Transactional(readOnly = true)
	public List<Committee> visible(UUID hospitalId, boolean includeRetired) {
		CareQmsUser user = CurrentUser.require();
		return committees.findByHospitalIdOrderByCode(hospitalId).stream()
			.filter(c -> includeRetired || !c.isRetired())
			.filter(c -> maySee(user, c))
			.toList();
	}

	/** The overview: hospital committees and QC groups, each with its chair and size. */
	@Transactional(readOnly = true)
	public List<Summary> summaries(UUID hospitalId, boolean includeRetired) {
		List<Committee> list = visible(hospitalId, includeRetired);
		Map<UUID, Department> departmentsById = departmentsById(hospitalId);
		Map<UUID, Staff> people = staffOf(list);
		return list.stream().map(c -> new Summary(c, departmentsById.get(c.getDepartmentId()),
				c.chair().map(m -> row(m, people, departmentsById)).orElse(null), c.getMembers().size()))
			.toList();
	}

	/** A committee the signed-in user may see; another department's QC group is not found. */
	@Transactional(readOnly = true)
	public Committee get(UUID hospitalId, UUID id) {
		Committee committee = committees.findByIdAndHospitalId(id, hospitalId).orElseThrow(NotFoundException::new);
		if (!maySee(CurrentUser.require(), committee)) {
			throw new NotFoundException();
		}
		return committee;
	}

	@Transactional(readOnly = true)
	public List<MemberRow> members(Committee committee) {
		Map<UUID, Department> departmentsById = departmentsById(committee.getHospitalId());
		Map<UUID, Staff> people = staffOf(List.of(committee));
		return committee.getMembers().stream()
			.map(m -> row(m, people, departmentsById))
			.sorted(Comparator.comparing(MemberRow::position).thenComparing(MemberRow::employeeNo))
			.toList();
	}

	/** Active staff who could join: anyone for a hospital committee, the department's own for a QC group. */
	@Transactional(readOnly = true)
	public List<Staff> candidates(Committee committee) {
		Set<UUID> eligibleDepartments = committee.isDepartmentGroup()
				? new HashSet<>(departments.findSubtreeIds(committee.getDepartmentId())) : null;
		return staff.findByHospitalIdAndRetiredFalseOrderByEmployeeNo(committee.getHospitalId()).stream()
			.filter(s -> committee.member(s.getId()).isEmpty())
			.filter(s -> eligibleDepartments == null || eligibleDepartments.contains(s.getDepartmentId()))
			.toList();
	}

	@Transactional
	public Committee create(UUID hospitalId, CommitteeForm form) {
		requireManage(form.getType(), form.getDepartmentId());
		return register(hospitalId, form);
	}

	/**
	 * Sets up a committee without asking whether the caller may: for the installation's own seeding,
	 * where no person is signed in. Requests made by people go through {@link #create}.
	 */
	@Transactional
	Committee register(UUID hospitalId, CommitteeForm form) {
		if (committees.existsByHospitalIdAndCode(hospitalId, form.getCode())) {
			throw new RuleViolationException("code", "committee.code-taken", form.getCode());
		}
		var committee = new Committee(hospitalId, form.getCode());
		apply(committee, form);
		Committee saved = committees.save(committee);
		audit.record(hospitalId, ENTITY, saved.getId(), AuditAction.CREATE, saved.label(), null, auditState(saved));
		return saved;
	}

	@Transactional
	public Committee update(UUID hospitalId, UUID id, CommitteeForm form) {
		Committee committee = get(hospitalId, id);
		requireManage(committee.getType(), committee.getDepartmentId());
		requireManage(form.getType(), form.getDepartmentId());
		if (form.getVersion() != null && !form.getVersion().equals(committee.getVersion())) {
			throw new OptimisticLockingFailureException("committee changed by someone else");
		}
		if (committee.isRetired()) {
			throw new RuleViolationException("committee.retired");
		}
		if (!committee.getCode().equals(form.getCode())
				&& committees.existsByHospitalIdAndCode(hospitalId, form.getCode())) {
			throw new RuleViolationException("code", "committee.code-taken", form.getCode());
		}
		var before = auditState(committee);
		committee.recode(form.getCode());
		apply(committee, form);
		return save(committee, AuditAction.UPDATE, before);
	}

	@Transactional
	public Committee addMember(UUID hospitalId, UUID id, MemberForm form) {
		Committee committee = get(hospitalId, id);
		requireManage(committee.getType(), committee.getDepartmentId());
		return appoint(committee, form);
	}

	/** Appoints without asking whether the caller may (seeding only; see {@link #register}). */
	@Transactional
	Committee appoint(Committee committee, MemberForm form) {
		Staff person = staff.findByIdAndHospitalId(form.getStaffId(), committee.getHospitalId())
			.orElseThrow(() -> new RuleViolationException("staffId", "committee.staff-unknown"));
		if (person.isRetired()) {
			throw new RuleViolationException("staffId", "committee.staff-retired", person.label());
		}
		if (committee.isDepartmentGroup()
				&& !departments.findSubtreeIds(committee.getDepartmentId()).contains(person.getDepartmentId())) {
			throw new RuleViolationException("staffId", "committee.staff-outside-department", person.label());
		}
		var before = auditState(committee);
		committee.addMember(person.getId(), form.getPosition(), form.getDuty());
		return save(committee, AuditAction.UPDATE, before);
	}

	@Transactional
	public Committee removeMember(UUID hospitalId, UUID id, UUID staffId) {
		Committee committee = get(hospitalId, id);
		requireManage(committee.getType(), committee.getDepartmentId());
		var before = auditState(committee);
		committee.removeMember(staffId);
		return save(committee, AuditAction.UPDATE, before);
	}

	@Transactional
	public Committee retire(UUID hospitalId, UUID id, String reason) {
		Committee committee = get(hospitalId, id);
		requireManage(committee.getType(), committee.getDepartmentId());
		var before = auditState(committee);
		committee.retire(reason, CurrentUser.name(), Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
		return save(committee, AuditAction.RETIRE, before);
	}

	@Transactional
	public Committee restore(UUID hospitalId, UUID id) {
		Committee committee = get(hospitalId, id);
		requireManage(committee.getType(), committee.getDepartmentId());
		if (committee.isDepartmentGroup()) {
			checkDepartment(committee, committee.getDepartmentId());
			checkSingleGroup(committee, committee.getDepartmentId());
		}
		var before = auditState(committee);
		committee.restore();
		return save(committee, AuditAction.RESTORE, before);
	}

	private Committee save(Committee committee, AuditAction action, Map<String, Object> before) {
		Committee saved = committees.save(committee);
		audit.record(saved.getHospitalId(), ENTITY, saved.getId(), action, saved.label(), before, auditState(saved));
		return saved;
	}

	private void apply(Committee committee, CommitteeForm form) {
		if (form.getDepartmentId() != null) {
			checkDepartment(committee, form.getDepartmentId());
		}
		if (form.getType().departmentGroup() && form.getDepartmentId() != null) {
			checkSingleGroup(committee, form.getDepartmentId());
		}
		committee.describe(form.getName(), form.getType(), form.getDepartmentId(), form.getDuties());
	}

	private void checkDepartment(Committee committee, UUID departmentId) {
		Department department = departments.findByIdAndHospitalId(departmentId, committee.getHospitalId())
			.orElseThrow(() -> new RuleViolationException("departmentId", "committee.department-unknown"));
		if (department.isRetired()) {
			throw new RuleViolationException("departmentId", "committee.department-retired");
		}
	}

	/** One active QC group per department: the department's monthly self-check has one owner. */
	private void checkSingleGroup(Committee committee, UUID departmentId) {
		if (committees.otherActiveQcGroup(committee.getHospitalId(), departmentId, committee.getId())) {
			throw new RuleViolationException("departmentId", "committee.qc-group-exists");
		}
	}

	private static void requireManage(CommitteeType type, UUID departmentId) {
		if (!mayManage(CurrentUser.require(), type, departmentId)) {
			throw new AccessDeniedException("may not manage this committee");
		}
	}

	private Map<String, Object> auditState(Committee committee) {
		Map<UUID, String> labels = staffOf(List.of(committee)).values().stream()
			.collect(Collectors.toMap(Staff::getId, Staff::label));
		return committee.auditState(labels);
	}

	private Map<UUID, Staff> staffOf(List<Committee> list) {
		Set<UUID> ids = list.stream()
			.flatMap(c -> c.getMembers().stream())
			.map(Committee.CommitteeMember::staffId)
			.collect(Collectors.toSet());
		if (ids.isEmpty()) {
			return Map.of();
		}
		return staff.findByIdIn(ids).stream().collect(Collectors.toMap(Staff::getId, Function.identity()));
	}

	private Map<UUID, Department> departmentsById(UUID hospitalId) {
		Map<UUID, Department> map = new HashMap<>();
		departments.findByHospitalIdOrderByCode(hospitalId).forEach(d -> map.put(d.getId(), d));
		return map;
	}

	private static MemberRow row(Committee.CommitteeMember m, Map<UUID, Staff> people,
			Map<UUID, Department> departmentsById) {
		Staff s = people.get(m.staffId());
		Department d = s == null ? null : departmentsById.get(s.getDepartmentId());
		return new MemberRow(m.staffId(), s == null ? "" : s.getEmployeeNo(), s == null ? "" : s.getName(),
				s == null ? null : s.getTitle(), d == null ? null : d.getName(), m.position(), m.duty(),
				s != null && s.isRetired());
	}
}
