package org.careqms.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.careqms.platform.RuleViolationException;
import org.junit.jupiter.api.Test;

/** The committee aggregate's own rules, members included, without a database. */
class CommitteeTests {

	private static Committee hospitalCommittee() {
		var committee = new Committee(UUID.randomUUID(), "QMC");
		committee.describe("医疗质量管理委员会", CommitteeType.QUALITY_MANAGEMENT, null, "季度例会");
		return committee;
	}

	@Test
	void aQcGroupNeedsItsDepartment() {
		var committee = new Committee(UUID.randomUUID(), "QC-X");
		assertThatThrownBy(() -> committee.describe("质控小组", CommitteeType.DEPARTMENT_QC_GROUP, null, null))
			.isInstanceOfSatisfying(RuleViolationException.class, ex -> {
				assertThat(ex.field()).isEqualTo("departmentId");
				assertThat(ex.messageKey()).isEqualTo("error.committee.department-required");
			});
	}

	@Test
	void aHospitalCommitteeNeedsNoDepartment() {
		assertThat(hospitalCommittee().getDepartmentId()).isNull();
		assertThat(hospitalCommittee().isDepartmentGroup()).isFalse();
	}

	@Test
	void aQcGroupWithMembersDoesNotMoveToAnotherDepartment() {
		var committee = new Committee(UUID.randomUUID(), "QC-Y");
		UUID cardiology = UUID.randomUUID();
		committee.describe("心内科质控小组", CommitteeType.DEPARTMENT_QC_GROUP, cardiology, null);
		committee.addMember(UUID.randomUUID(), CommitteePosition.CHAIR, null);
		assertThatThrownBy(() -> committee.describe("心内科质控小组", CommitteeType.DEPARTMENT_QC_GROUP,
				UUID.randomUUID(), null)).hasMessage("committee.department-change-with-members");
		committee.describe("心血管内科质控小组", CommitteeType.DEPARTMENT_QC_GROUP, cardiology, "每月自查");
		assertThat(committee.getName()).isEqualTo("心血管内科质控小组");
	}

	@Test
	void appointsMembersOnceEach() {
		Committee committee = hospitalCommittee();
		UUID person = UUID.randomUUID();
		committee.addMember(person, CommitteePosition.MEMBER, "内科系统");
		assertThatThrownBy(() -> committee.addMember(person, CommitteePosition.SECRETARY, null))
			.isInstanceOfSatisfying(RuleViolationException.class,
					ex -> assertThat(ex.field()).isEqualTo("staffId"));
		assertThat(committee.getMembers()).hasSize(1);
	}

	@Test
	void hasOneChairOnly() {
		Committee committee = hospitalCommittee();
		committee.addMember(UUID.randomUUID(), CommitteePosition.CHAIR, null);
		committee.addMember(UUID.randomUUID(), CommitteePosition.VICE_CHAIR, null);
		committee.addMember(UUID.randomUUID(), CommitteePosition.VICE_CHAIR, null);
		assertThatThrownBy(() -> committee.addMember(UUID.randomUUID(), CommitteePosition.CHAIR, null))
			.isInstanceOfSatisfying(RuleViolationException.class, ex -> {
				assertThat(ex.field()).isEqualTo("position");
				assertThat(ex.code()).isEqualTo("committee.chair-taken");
			});
	}

	@Test
	void removesMembersAndRefusesStrangers() {
		Committee committee = hospitalCommittee();
		UUID chair = UUID.randomUUID();
		committee.addMember(chair, CommitteePosition.CHAIR, null);
		committee.removeMember(chair);
		assertThat(committee.getMembers()).isEmpty();
		assertThat(committee.chair()).isEmpty();
		assertThatThrownBy(() -> committee.removeMember(chair)).hasMessage("committee.member-unknown");
		committee.addMember(UUID.randomUUID(), CommitteePosition.CHAIR, null);
		assertThat(committee.chair()).isPresent();
	}

	@Test
	void aRetiredCommitteeKeepsItsMembersUnchanged() {
		Committee committee = hospitalCommittee();
		UUID member = UUID.randomUUID();
		committee.addMember(member, CommitteePosition.MEMBER, null);
		committee.retire("合并", "quality", Instant.now());
		assertThatThrownBy(() -> committee.addMember(UUID.randomUUID(), CommitteePosition.MEMBER, null))
			.hasMessage("committee.retired");
		assertThatThrownBy(() -> committee.removeMember(member)).hasMessage("committee.retired");
		assertThatThrownBy(() -> committee.retire(null, "quality", Instant.now()))
			.hasMessage("committee.already-retired");
		committee.restore();
		committee.removeMember(member);
		assertThatThrownBy(committee::restore).hasMessage("committee.not-retired");
	}

	@Test
	void auditStateListsMembersByPositionWithReadableLabels() {
		Committee committee = hospitalCommittee();
		UUID secretary = UUID.randomUUID();
		UUID chair = UUID.randomUUID();
		committee.addMember(secretary, CommitteePosition.SECRETARY, "会议记录");
		committee.addMember(chair, CommitteePosition.CHAIR, null);
		Map<String, Object> state = committee.auditState(Map.of(chair, "A1001001 周志刚", secretary, "A1002001 王敏"));
		assertThat(state.get("members")).isEqualTo(List.of("A1001001 周志刚 CHAIR", "A1002001 王敏 SECRETARY 会议记录"));
		assertThat(state).containsEntry("code", "QMC").containsEntry("type", CommitteeType.QUALITY_MANAGEMENT);
	}
}
