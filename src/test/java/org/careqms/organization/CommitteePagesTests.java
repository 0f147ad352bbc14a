package org.careqms.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.util.List;
import java.util.UUID;

import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Committee pages and the htmx member fragments, rendered by the real templates. */
@CareQmsTest
class CommitteePagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountDetailsService accounts;

	@Autowired
	JdbcClient jdbc;

	private RequestPostProcessor as(String username) {
		return user(accounts.loadUserByUsername(username));
	}

	private UUID committeeId(String code) {
		return jdbc.sql("select id from committee where code = :code").param("code", code).query(UUID.class).single();
	}

	private UUID staffId(String employeeNo) {
		return jdbc.sql("select id from staff where employee_no = :no").param("no", employeeNo).query(UUID.class).single();
	}

	private UUID departmentId(String code) {
		return jdbc.sql("select id from department where code = :code").param("code", code).query(UUID.class).single();
	}

	private UUID enrol(String departmentCode) throws Exception {
		String no = "CM" + System.nanoTime() % 10_000_000;
		mvc.perform(post("/staff").with(as("admin")).with(csrf())
			.param("employeeNo", no).param("name", "组员" + no).param("profession", "DOCTOR")
			.param("title", "RESIDENT").param("departmentId", departmentId(departmentCode).toString()))
			.andExpect(status().is3xxRedirection());
		return staffId(no);
	}

	@Test
	void theOverviewGroupsHospitalCommitteesAndQcGroups() throws Exception {
		var result = mvc.perform(get("/committees").with(as("head.cardio")))
			.andExpect(status().isOk())
			.andExpect(view().name("organization/committees/list"))
			.andReturn();
		String html = result.getResponse().getContentAsString();
		assertThat(html).contains("医疗质量管理委员会", "心血管内科质控小组").doesNotContain("骨科质控小组");
		assertThat(html.indexOf("医疗质量管理委员会")).isLessThan(html.indexOf("心血管内科质控小组"));
	}

	@Test
	void anotherDepartmentsQcGroupIsA404ButHospitalCommitteesAreOpenToAll() throws Exception {
		mvc.perform(get("/committees/" + committeeId("QC-0402")).with(as("head.cardio"))).andExpect(status().isNotFound());
		mvc.perform(get("/committees/" + committeeId("QMC")).with(as("nurse.cardio")))
			.andExpect(status().isOk())
			.andExpect(model().attribute("mayManage", false));
		mvc.perform(get("/committees/" + committeeId("QC-0301")).with(as("head.cardio")))
			.andExpect(status().isOk())
			.andExpect(model().attribute("mayManage", true));
	}

	@Test
	void aDepartmentHeadAppointsAndRemovesQcGroupMembersThroughHtmx() throws Exception {
		UUID group = committeeId("QC-0301");
		UUID newcomer = enrol("0301");
		var added = mvc.perform(post("/committees/" + group + "/members").with(as("head.cardio")).with(csrf())
			.header("HX-Request", "true")
			.param("staffId", newcomer.toString()).param("position", "MEMBER").param("duty", "病历质量抽查"))
			.andExpect(status().isOk())
			.andExpect(view().name(CommitteeController.MEMBERS_FRAGMENT))
			.andExpect(model().attribute("memberSuccess", "organization.committee.member-added"))
			.andReturn();
		String fragment = added.getResponse().getContentAsString();
		assertThat(fragment).contains("id=\"members\"", "病历质量抽查").doesNotContain("<html");

		mvc.perform(post("/committees/" + group + "/members").with(as("head.cardio")).with(csrf())
			.header("HX-Request", "true")
			.param("staffId", newcomer.toString()).param("position", "CHAIR"))
			.andExpect(status().isOk())
			.andExpect(view().name(CommitteeController.MEMBERS_FRAGMENT))
			.andExpect(model().attributeHasFieldErrorCode("memberForm", "staffId", "error.committee.member-duplicate"));

		List<String> audited = jdbc.sql("""
				select after_state::text from audit_entry
				where entity_type = 'Committee' and entity_id = :id order by seq desc limit 1""")
			.param("id", group.toString())
			.query(String.class)
			.list();
		assertThat(audited.get(0)).contains("病历质量抽查", "D0301001");

		mvc.perform(post("/committees/" + group + "/members/" + newcomer + "/remove").with(as("head.cardio"))
			.with(csrf()).header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(model().attribute("memberSuccess", "organization.committee.member-removed"));
		assertThat(jdbc.sql("select count(*) from committee_member where committee_id = :c and staff_id = :s")
			.param("c", group).param("s", newcomer).query(Integer.class).single()).isZero();
	}

	@Test
	void aQcGroupTakesOnlyItsDepartmentsStaff() throws Exception {
		UUID outsider = enrol("0303");
		mvc.perform(post("/committees/" + committeeId("QC-0301") + "/members").with(as("quality")).with(csrf())
			.header("HX-Request", "true")
			.param("staffId", outsider.toString()).param("position", "MEMBER"))
			.andExpect(model().attributeHasFieldErrorCode("memberForm", "staffId",
					"error.committee.staff-outside-department"));
	}

	@Test
	void withoutHtmxAMemberChangeRedirectsOrShowsTheWholePage() throws Exception {
		UUID committee = committeeId("MRC");
		UUID person = enrol("0305");
		mvc.perform(post("/committees/" + committee + "/members").with(as("quality")).with(csrf())
			.param("staffId", person.toString()).param("position", "MEMBER"))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("success", "organization.committee.member-added"));
		mvc.perform(post("/committees/" + committee + "/members").with(as("quality")).with(csrf())
			.param("position", "MEMBER"))
			.andExpect(status().isOk())
			.andExpect(view().name("organization/committees/detail"))
			.andExpect(model().attributeHasFieldErrors("memberForm", "staffId"));
	}

	@Test
	void onlyHospitalManagersChangeHospitalCommittees() throws Exception {
		UUID quality = committeeId("QMC");
		mvc.perform(post("/committees/" + quality + "/members").with(as("head.cardio")).with(csrf())
			.header("HX-Request", "true")
			.param("staffId", staffId("D0301003").toString()).param("position", "MEMBER"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/committees/" + quality + "/members").with(as("qc.cardio")).with(csrf())
			.param("staffId", staffId("D0301003").toString()).param("position", "MEMBER"))
			.andExpect(status().isForbidden());
		mvc.perform(get("/committees/" + quality + "/edit").with(as("head.cardio"))).andExpect(status().isForbidden());
	}

	@Test
	void createsAQcGroupOncePerDepartment() throws Exception {
		mvc.perform(get("/committees/new").with(as("head.cardio")))
			.andExpect(status().isOk())
			.andExpect(model().attribute("types", List.of(CommitteeType.DEPARTMENT_QC_GROUP)));
		mvc.perform(post("/committees").with(as("head.cardio")).with(csrf())
			.param("code", "QC-0301-2").param("name", "心内科第二质控小组").param("type", "DEPARTMENT_QC_GROUP")
			.param("departmentId", departmentId("0301").toString()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "departmentId", "error.committee.qc-group-exists"));
		mvc.perform(post("/committees").with(as("head.cardio")).with(csrf())
			.param("code", "NQC-0301").param("name", "护理质量管理委员会").param("type", "NURSING_QUALITY"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/committees").with(as("quality")).with(csrf())
			.param("code", "QC-0303").param("name", "消化内科质控小组").param("type", "DEPARTMENT_QC_GROUP"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "departmentId", "error.committee.department-required"));
		var created = mvc.perform(post("/committees").with(as("quality")).with(csrf())
			.param("code", "QC-0303").param("name", "消化内科质控小组").param("type", "DEPARTMENT_QC_GROUP")
			.param("departmentId", departmentId("0303").toString()).param("duties", "每月自查"))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		String location = created.getResponse().getRedirectedUrl();
		mvc.perform(get(location).with(as("quality"))).andExpect(status().isOk());
		mvc.perform(post(location + "/retire").with(as("quality")).with(csrf()))
			.andExpect(flash().attribute("success", "organization.committee.retired"));
		mvc.perform(post(location + "/restore").with(as("quality")).with(csrf()))
			.andExpect(flash().attribute("success", "organization.committee.restored"));
	}
}
