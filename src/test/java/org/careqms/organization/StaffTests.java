package org.careqms.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.careqms.platform.RuleViolationException;
import org.junit.jupiter.api.Test;

/** The staff aggregate's own rules, without a database. */
class StaffTests {

	private static Staff nurse() {
		var staff = new Staff(UUID.randomUUID(), "N0301009");
		staff.describe("测试护士", Profession.NURSE, StaffTitle.SENIOR_NURSE, null, null);
		staff.assignTo(UUID.randomUUID());
		return staff;
	}

	@Test
	void refusesATitleFromAnotherProfession() {
		var staff = new Staff(UUID.randomUUID(), "N0301010");
		assertThatThrownBy(() -> staff.describe("王护士", Profession.NURSE, StaffTitle.CHIEF_PHYSICIAN, null, null))
			.isInstanceOfSatisfying(RuleViolationException.class, ex -> {
				assertThat(ex.field()).isEqualTo("title");
				assertThat(ex.messageKey()).isEqualTo("error.staff.title-profession-mismatch");
			});
	}

	@Test
	void everyTitleBelongsToItsOwnSeries() {
		for (StaffTitle title : StaffTitle.values()) {
			for (Profession profession : Profession.values()) {
				boolean expected = title == StaffTitle.OTHER || profession.acceptsAnyTitle()
						|| title.profession() == profession;
				assertThat(title.fits(profession)).as(title + " for " + profession).isEqualTo(expected);
			}
		}
		assertThat(StaffTitle.SUPERVISOR_NURSE.fits(Profession.NURSE)).isTrue();
		assertThat(StaffTitle.RESIDENT.fits(Profession.PHARMACIST)).isFalse();
	}

	@Test
	void administratorsMayHoldAClinicalTitle() {
		var staff = new Staff(UUID.randomUUID(), "A1002009");
		staff.describe("质控办主任", Profession.ADMINISTRATOR, StaffTitle.ASSOCIATE_CHIEF_PHYSICIAN, "0571-1234", null);
		assertThat(staff.getTitle()).isEqualTo(StaffTitle.ASSOCIATE_CHIEF_PHYSICIAN);
	}

	@Test
	void titlesFitTheStaffTableColumn() {
		for (StaffTitle title : StaffTitle.values()) {
			assertThat(title.name().length()).as(title.name()).isLessThanOrEqualTo(32);
		}
	}

	@Test
	void retiresOnceAndRestoresOnce() {
		Staff staff = nurse();
		staff.retire("调出", "quality", Instant.now());
		assertThat(staff.isRetired()).isTrue();
		assertThat(staff.getRetiredBy()).isEqualTo("quality");
		assertThatThrownBy(() -> staff.retire("again", "quality", Instant.now()))
			.hasMessage("staff.already-retired");
		staff.restore();
		assertThat(staff.isRetired()).isFalse();
		assertThat(staff.getRetireReason()).isNull();
		assertThatThrownBy(staff::restore).hasMessage("staff.not-retired");
	}

	@Test
	void aRetiredPersonCannotBeMovedToAnotherDepartment() {
		Staff staff = nurse();
		staff.retire(null, "quality", Instant.now());
		assertThatThrownBy(() -> staff.assignTo(UUID.randomUUID())).hasMessage("staff.retired");
	}

	@Test
	void auditStateShowsWhatChanged() {
		Staff staff = nurse();
		var before = staff.auditState();
		staff.describe("测试护士", Profession.NURSE, StaffTitle.SUPERVISOR_NURSE, "13800000000", null);
		assertThat(before.get("title")).isEqualTo(StaffTitle.SENIOR_NURSE);
		assertThat(staff.auditState().get("title")).isEqualTo(StaffTitle.SUPERVISOR_NURSE);
		assertThat(staff.auditState()).containsEntry("employeeNo", "N0301009").containsEntry("phone", "13800000000");
	}
}
