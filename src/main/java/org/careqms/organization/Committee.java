package org.careqms.organization;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.careqms.platform.RuleViolationException;
import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedBy;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * 委员会 / 科室质控小组: a hospital committee or a department's QC group, with its duties and members.
 * A QC group belongs to a department; a hospital committee may name the department that runs its office.
 */
@Table("committee")
class Committee {

	@Id
	private UUID id;
	private UUID hospitalId;
	private String code;
	private String name;
	private CommitteeType type;
	private UUID departmentId;
	private String duties;
	@MappedCollection(idColumn = "committee_id")
	private Set<CommitteeMember> members = new LinkedHashSet<>();
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

	/** A staff member sitting on the committee, with their position and what they answer for. */
	@Table("committee_member")
	record CommitteeMember(UUID staffId, CommitteePosition position, String duty) {
	}

	Committee() {
	}

	Committee(UUID hospitalId, String code) {
		this.id = UUID.randomUUID();
		this.hospitalId = hospitalId;
		this.code = code;
	}

	void describe(String name, CommitteeType type, UUID departmentId, String duties) {
		if (type.departmentGroup() && departmentId == null) {
			throw new RuleViolationException("departmentId", "committee.department-required");
		}
		if (type.departmentGroup() && this.type != null && this.departmentId != null
				&& !this.departmentId.equals(departmentId) && !members.isEmpty()) {
			// the members were chosen from the old department's staff
			throw new RuleViolationException("departmentId", "committee.department-change-with-members");
		}
		this.name = name;
		this.type = type;
		this.departmentId = departmentId;
		this.duties = duties;
	}

	void recode(String code) {
		this.code = code;
	}

	void addMember(UUID staffId, CommitteePosition position, String duty) {
		requireActive();
		if (member(staffId).isPresent()) {
			throw new RuleViolationException("staffId", "committee.member-duplicate");
		}
		if (position == CommitteePosition.CHAIR && chair().isPresent()) {
			throw new RuleViolationException("position", "committee.chair-taken");
		}
		members.add(new CommitteeMember(staffId, position, duty));
	}

	void removeMember(UUID staffId) {
		requireActive();
		CommitteeMember member = member(staffId)
			.orElseThrow(() -> new RuleViolationException("committee.member-unknown"));
		members.remove(member);
	}

	Optional<CommitteeMember> member(UUID staffId) {
		return members.stream().filter(m -> m.staffId().equals(staffId)).findFirst();
	}

	Optional<CommitteeMember> chair() {
		return members.stream().filter(m -> m.position() == CommitteePosition.CHAIR).findFirst();
	}

	void retire(String reason, String by, Instant at) {
		if (retired) {
			throw new RuleViolationException("committee.already-retired");
		}
		this.retired = true;
		this.retireReason = reason;
		this.retiredBy = by;
		this.retiredAt = at;
	}

	void restore() {
		if (!retired) {
			throw new RuleViolationException("committee.not-retired");
		}
		this.retired = false;
		this.retireReason = null;
		this.retiredBy = null;
		this.retiredAt = null;
	}

	private void requireActive() {
		if (retired) {
			throw new RuleViolationException("committee.retired");
		}
	}

	/**
	 * The state the audit trail keeps before and after a change, members included; {@code staffLabels}
	 * turns staff ids into employee number and name so that the history reads without lookups.
	 */
	Map<String, Object> auditState(Map<UUID, String> staffLabels) {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("code", code);
		state.put("name", name);
		state.put("type", type);
		state.put("departmentId", departmentId);
		state.put("duties", duties);
		List<String> memberList = members.stream()
			.sorted(Comparator.comparing(CommitteeMember::position)
				.thenComparing(m -> staffLabels.getOrDefault(m.staffId(), m.staffId().toString())))
			.map(m -> staffLabels.getOrDefault(m.staffId(), m.staffId().toString()) + " " + m.position()
					+ (m.duty() == null ? "" : " " + m.duty()))
			.toList();
		state.put("members", memberList);
		state.put("retired", retired);
		state.put("retireReason", retireReason);
		return state;
	}

	public String label() {
		return code + " " + name;
	}

	public boolean isDepartmentGroup() {
		return type != null && type.departmentGroup();
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

	public CommitteeType getType() {
		return type;
	}

	public UUID getDepartmentId() {
		return departmentId;
	}

	public String getDuties() {
		return duties;
	}

	public Set<CommitteeMember> getMembers() {
		return members;
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
