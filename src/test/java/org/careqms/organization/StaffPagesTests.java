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

import java.util.UUID;

import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The staff pages rendered by the real templates: scope, permissions, form errors. */
@CareQmsTest
class StaffPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountDetailsService accounts;

	@Autowired
	JdbcClient jdbc;

	private RequestPostProcessor as(String username) {
		UserDetails details = accounts.loadUserByUsername(username);
		return user(details);
	}

	private UUID staffId(String employeeNo) {
		return jdbc.sql("select id from staff where employee_no = :no").param("no", employeeNo).query(UUID.class).single();
	}

	private UUID departmentId(String code) {
		return jdbc.sql("select id from department where code = :code").param("code", code).query(UUID.class).single();
	}

	private static long total(org.springframework.test.web.servlet.MvcResult result) {
		return ((StaffDirectoryQueries.StaffPage) result.getModelAndView().getModel().get("result")).total();
	}

	@Test
	void theListShowsOnlyTheCallersDepartments() throws Exception {
		var result = mvc.perform(get("/staff").with(as("qc.ortho")))
			.andExpect(status().isOk())
			.andExpect(view().name("organization/staff/list"))
			.andReturn();
		var page = (StaffDirectoryQueries.StaffPage) result.getModelAndView().getModel().get("result");
		assertThat(page.rows()).isNotEmpty().allMatch(r -> r.departmentCode().startsWith("0402"));
		assertThat(result.getResponse().getContentAsString()).contains("陈静").doesNotContain("张伟");
	}

	@Test
	void pagesThroughTheWholeHospital() throws Exception {
		var second = mvc.perform(get("/staff").param("department", "").param("q", "").param("page", "1")
			.with(as("admin")))
			.andExpect(status().isOk())
			.andReturn();
		var page = (StaffDirectoryQueries.StaffPage) second.getModelAndView().getModel().get("result");
		assertThat(page.page()).isEqualTo(1);
		assertThat(page.total()).isGreaterThan(StaffDirectoryQueries.PAGE_SIZE);
		assertThat(page.rows()).isNotEmpty();
		assertThat(second.getResponse().getContentAsString()).contains("page=0");
	}

	@Test
	void searchesByNameOrEmployeeNumber() throws Exception {
		var byName = mvc.perform(get("/staff").param("q", "张伟").with(as("admin"))).andReturn();
		assertThat(((StaffDirectoryQueries.StaffPage) byName.getModelAndView().getModel().get("result")).rows())
			.extracting(StaffDirectoryQueries.StaffRow::employeeNo).containsExactly("D0301001");
		var byNumber = mvc.perform(get("/staff").param("q", "n0301").param("department", departmentId("0301W").toString())
			.with(as("admin"))).andReturn();
		assertThat(((StaffDirectoryQueries.StaffPage) byNumber.getModelAndView().getModel().get("result")).rows())
			.isNotEmpty().allMatch(r -> r.employeeNo().startsWith("N0301"));
	}

	@Test
	void anotherDepartmentsStaffMemberIsA404Page() throws Exception {
		UUID cardiologist = staffId("D0301001");
		mvc.perform(get("/staff/" + cardiologist).with(as("qc.ortho"))).andExpect(status().isNotFound());
		mvc.perform(get("/staff/" + cardiologist).with(as("auditor")))
			.andExpect(status().isOk())
			.andExpect(model().attribute("mayManage", false));
		mvc.perform(get("/staff/" + cardiologist).with(as("head.cardio")))
			.andExpect(status().isOk())
			.andExpect(model().attribute("mayManage", true));
	}

	@Test
	void readOnlyRolesCannotOpenTheForm() throws Exception {
		mvc.perform(get("/staff/new").with(as("auditor"))).andExpect(status().isForbidden());
		mvc.perform(get("/staff/new").with(as("qc.cardio"))).andExpect(status().isForbidden());
		mvc.perform(get("/staff/new").with(as("head.cardio"))).andExpect(status().isOk());
	}

	@Test
	void aDepartmentHeadEnrolsIntoTheirDepartmentAndGetsFieldErrors() throws Exception {
		String no = "SP" + System.nanoTime() % 1_000_000;
		mvc.perform(post("/staff").with(as("head.cardio")).with(csrf())
			.param("employeeNo", no).param("name", "新医师").param("profession", "NURSE")
			.param("title", "CHIEF_PHYSICIAN").param("departmentId", departmentId("0301").toString()))
			.andExpect(status().isOk())
			.andExpect(view().name("organization/staff/form"))
			.andExpect(model().attributeHasFieldErrorCode("form", "title", "error.staff.title-profession-mismatch"));
		mvc.perform(post("/staff").with(as("head.cardio")).with(csrf())
			.param("employeeNo", "D0301001").param("name", "重号").param("profession", "DOCTOR")
			.param("title", "RESIDENT").param("departmentId", departmentId("0301").toString()))
			.andExpect(model().attributeHasFieldErrorCode("form", "employeeNo", "error.staff.employee-no-taken"));
		mvc.perform(post("/staff").with(as("head.cardio")).with(csrf())
			.param("employeeNo", no).param("name", "新医师").param("profession", "DOCTOR")
			.param("title", "RESIDENT").param("departmentId", departmentId("0301").toString()))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("success", "organization.staff.created"));
		mvc.perform(post("/staff").with(as("head.cardio")).with(csrf())
			.param("employeeNo", no + "X").param("name", "外科医师").param("profession", "DOCTOR")
			.param("title", "RESIDENT").param("departmentId", departmentId("0402").toString()))
			.andExpect(status().isForbidden());
	}

	@Test
	void aCommitteeMemberIsNotRetiredUntilRemoved() throws Exception {
		UUID secretary = staffId("D0301002");
		mvc.perform(post("/staff/" + secretary + "/retire").with(as("quality")).with(csrf()).param("reason", "调出"))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("failure", "error.staff.committee-member"));
		assertThat(jdbc.sql("select retired from staff where id = :id").param("id", secretary).query(Boolean.class)
			.single()).isFalse();
	}

	@Test
	void retiresAndRestoresAPerson() throws Exception {
		String no = "SR" + System.nanoTime() % 1_000_000;
		mvc.perform(post("/staff").with(as("admin")).with(csrf())
			.param("employeeNo", no).param("name", "临时人员").param("profession", "OTHER")
			.param("title", "OTHER").param("departmentId", departmentId("0303").toString()))
			.andExpect(status().is3xxRedirection());
		UUID id = staffId(no);
		mvc.perform(post("/staff/" + id + "/retire").with(as("admin")).with(csrf()).param("reason", "离职"))
			.andExpect(flash().attribute("success", "organization.staff.retired"));
		assertThat(total(mvc.perform(get("/staff").param("q", no).with(as("admin"))).andReturn())).isZero();
		assertThat(total(mvc.perform(get("/staff").param("q", no).param("retired", "true").with(as("admin")))
			.andReturn())).isEqualTo(1);
		mvc.perform(get("/staff/" + id).with(as("admin"))).andExpect(status().isOk());
		mvc.perform(post("/staff/" + id + "/restore").with(as("admin")).with(csrf()))
			.andExpect(flash().attribute("success", "organization.staff.restored"));
		mvc.perform(get("/staff/" + id + "/edit").with(as("admin")))
			.andExpect(status().isOk())
			.andExpect(view().name("organization/staff/form"));
	}
}
