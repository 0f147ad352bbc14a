package org.careqms.organization;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.careqms.audittrail.AuditAction;
import org.careqms.audittrail.AuditTrail;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.NotFoundException;
import org.careqms.platform.RuleViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, changing and retiring departments, with the rules that need the database. */
@Service
class DepartmentManagement {

	static final String ENTITY = "Department";

	private final DepartmentRepository departments;
	private final AuditTrail audit;
	private final Clock clock;

	DepartmentManagement(DepartmentRepository departments, AuditTrail audit, Clock clock) {
		this.departments = departments;
		this.audit = audit;
		this.clock = clock;
	}

	/** A department shown with its depth in the tree (for indented lists and select boxes). */
	record TreeNode(Department department, int depth) {
	}

	@Transactional(readOnly = true)
	public Department get(UUID hospitalId, UUID id) {
		return departments.findByIdAndHospitalId(id, hospitalId).orElseThrow(NotFoundException::new);
	}

	@Transactional(readOnly = true)
	public Department getByCode(UUID hospitalId, String code) {
		return departments.findByHospitalIdAndCode(hospitalId, code).orElseThrow(NotFoundException::new);
	}

	@Transactional(readOnly = true)
	public List<Department> all(UUID hospitalId) {
		return departments.findByHospitalIdOrderByCode(hospitalId);
	}

	/** The hospital's departments depth-first in tree order, children sorted by code. */
	@Transactional(readOnly = true)
	public List<TreeNode> tree(UUID hospitalId, boolean includeRetired) {
		List<Department> all = departments.findByHospitalIdOrderByCode(hospitalId);
		Map<UUID, List<Department>> children = new HashMap<>();
		List<Department> roots = new ArrayList<>();
		var ids = all.stream().map(Department::getId).collect(java.util.stream.Collectors.toSet());
		for (Department d : all) {
			if (!includeRetired && d.isRetired()) {
				continue;
			}
			if (d.getParentId() == null || !ids.contains(d.getParentId())) {
				roots.add(d);
			}
			else {
				children.computeIfAbsent(d.getParentId(), k -> new ArrayList<>()).add(d);
			}
		}
		List<TreeNode> nodes = new ArrayList<>();
		roots.sort(Comparator.comparing(Department::getCode));
		for (Department root : roots) {
			walk(root, 0, children, nodes);
		}
		return nodes;
	}

	private void walk(Department node, int depth, Map<UUID, List<Department>> children, List<TreeNode> out) {
		out.add(new TreeNode(node, depth));
		for (Department child : children.getOrDefault(node.getId(), List.of())) {
			walk(child, depth + 1, children, out);
		}
	}

	@Transactional(readOnly = true)
	public boolean codeTaken(UUID hospitalId, String code) {
		return code != null && departments.existsByHospitalIdAndCode(hospitalId, code);
	}

	@Transactional
	public Department create(UUID hospitalId, DepartmentForm form) {
		if (departments.existsByHospitalIdAndCode(hospitalId, form.getCode())) {
			throw new RuleViolationException("code", "department.code-taken", form.getCode());
		}
		var department = new Department(hospitalId, form.getCode());
		apply(department, form);
		Department saved = departments.save(department);
		audit.record(hospitalId, ENTITY, saved.getId(), AuditAction.CREATE, saved.label(), null, saved.auditState());
		return saved;
	}

	@Transactional
	public Department update(UUID hospitalId, UUID id, DepartmentForm form) {
		Department department = get(hospitalId, id);
		checkVersion(department, form.getVersion());
		if (!department.getCode().equals(form.getCode())
				&& departments.existsByHospitalIdAndCode(hospitalId, form.getCode())) {
			throw new RuleViolationException("code", "department.code-taken", form.getCode());
		}
		var before = department.auditState();
		setCode(department, form.getCode());
		apply(department, form);
		Department saved = departments.save(department);
		audit.record(hospitalId, ENTITY, saved.getId(), AuditAction.UPDATE, saved.label(), before, saved.auditState());
		return saved;
	}

	@Transactional
	public Department retire(UUID hospitalId, UUID id, String reason) {
		Department department = get(hospitalId, id);
		if (departments.countActiveChildren(id) > 0) {
			throw new RuleViolationException("department.has-active-children");
		}
		var before = department.auditState();
		department.retire(reason, CurrentUser.name(), Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
		Department saved = departments.save(department);
		audit.record(hospitalId, ENTITY, saved.getId(), AuditAction.RETIRE, saved.label(), before, saved.auditState());
		return saved;
	}

	@Transactional
	public Department restore(UUID hospitalId, UUID id) {
		Department department = get(hospitalId, id);
		if (department.getParentId() != null && get(hospitalId, department.getParentId()).isRetired()) {
			throw new RuleViolationException("department.parent-retired");
		}
		var before = department.auditState();
		department.restore();
		Department saved = departments.save(department);
		audit.record(hospitalId, ENTITY, saved.getId(), AuditAction.RESTORE, saved.label(), before, saved.auditState());
		return saved;
	}

	private void apply(Department department, DepartmentForm form) {
		UUID parentId = form.getParentId();
		if (parentId != null) {
			Department parent = departments.findByIdAndHospitalId(parentId, department.getHospitalId())
				.orElseThrow(() -> new RuleViolationException("parentId", "department.parent-unknown"));
			if (parent.isRetired()) {
				throw new RuleViolationException("parentId", "department.parent-retired");
			}
			if (department.getVersion() != null && departments.findSubtreeIds(department.getId()).contains(parentId)) {
				throw new RuleViolationException("parentId", "department.parent-cycle");
			}
		}
		var codes = form.parsedHisCodes(department.getHospitalId());
		for (HisCode code : codes) {
			if (departments.hisCodeTakenByOther(department.getHospitalId(), code.system(), code.code(),
					department.getId())) {
				throw new RuleViolationException("hisCodes", "department.his-code-taken", code.system() + ":" + code.code());
			}
		}
		department.describe(form.getName(), form.getNameEn(), form.getType(), parentId, form.getDescription());
		department.mapHisCodes(codes);
	}

	private static void setCode(Department department, String code) {
		if (!Objects.equals(department.getCode(), code)) {
			department.recode(code);
		}
	}

	private static void checkVersion(Department department, Integer expected) {
		if (expected != null && !expected.equals(department.getVersion())) {
			throw new OptimisticLockingFailureException("department changed by someone else");
		}
	}
}
