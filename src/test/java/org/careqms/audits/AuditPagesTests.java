package org.careqms.audits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.UUID;

import org.careqms.standards.ChecklistItem;
import org.careqms.standards.ChecklistTemplateVersion;
import org.careqms.standards.ChecklistTemplates;
import org.careqms.standards.ScoringMethod;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** The audit pages as each role sees them: plan form, calendar, year, inspection on a phone, scores. */
@CareQmsTest
class AuditPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ChecklistTemplates templates;

	UserDetails as(String username) {
		return users.loadUserByUsername(username);
	}

	UUID id(String sql) {
		return jdbc.sql(sql).query(UUID.class).single();
	}

	ChecklistTemplateVersion core() {
		UUID hospital = id("select id from hospital where code = 'H0001'");
		long version = templates.published(hospital).stream().filter(t -> t.code().equals("CL-CORE")).findFirst()
			.orElseThrow().versionId();
		return templates.version(hospital, version).orElseThrow();
	}

	/** Plans through the form as the quality office and returns the plan's first inspection. */
	UUID planThroughTheForm(String title, String department, String auditor) throws Exception {
		var result = mvc.perform(post("/audits/plans").param("title", title).param("auditType", "CROSS_DEPARTMENT")
			.param("templateVersionId", String.valueOf(core().versionId()))
			.param("departmentIds", id("select id from department where code = '" + department + "'").toString())
			.param("auditorIds", id("select id from app_user where username = '" + auditor + "'").toString())
			.param("schedule", "ONCE").param("plannedOn", LocalDate.now().toString())
			.with(user(as("quality"))).with(csrf()))
			.andExpect(status().is3xxRedirection()).andExpect(flash().attribute("success", "audits.plan.created"))
			.andReturn();
		UUID plan = UUID.fromString(result.getResponse().getRedirectedUrl().replace("/audits/plans/", ""));
		return jdbc.sql("select id from inspection where plan_id = :plan").param("plan", plan).query(UUID.class).single();
	}

	@Test
	void theQualityOfficePlansThroughTheFormAndSeesWhatIsWrongWithAnIncompleteOne() throws Exception {
		mvc.perform(get("/audits/plans/new").with(user(as("quality")))).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("CL-CORE")));
		mvc.perform(get("/audits/plans/new").with(user(as("qc.cardio")))).andExpect(status().isForbidden());
		mvc.perform(post("/audits/plans").param("title", "").param("auditType", "ROUTINE").param("schedule", "MONTHLY")
			.param("firstMonth", "2031-05").param("lastMonth", "2031-01").param("dayOfMonth", "31")
			.with(user(as("quality"))).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.allOf(
					org.hamcrest.Matchers.containsString("请填写计划名称"),
					org.hamcrest.Matchers.containsString("请选择一份已发布的检查表"),
					org.hamcrest.Matchers.containsString("请选择本院在用的受检科室"),
					org.hamcrest.Matchers.containsString("结束月份不能早于起始月份"),
					org.hamcrest.Matchers.containsString("每月日期须在1到28之间"))));
		UUID inspection = planThroughTheForm("心内科交叉检查", "0301", "qc.ortho");
		String plan = jdbc.sql("select plan_id from inspection where id = :id").param("id", inspection)
			.query(String.class).single();
		mvc.perform(get("/audits/plans/" + plan).with(user(as("quality")))).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("心内科交叉检查")));
		String month = LocalDate.now().toString().substring(0, 7);
		for (String username : new String[] { "quality", "qc.ortho", "qc.cardio", "auditor", "nurse.cardio" }) {
			mvc.perform(get("/audits").param("month", month).with(user(as(username)))).andExpect(status().isOk());
			mvc.perform(get("/audits/year").with(user(as(username)))).andExpect(status().isOk());
			mvc.perform(get("/audits/scores").with(user(as(username)))).andExpect(status().isOk());
		}
		String calendar = mvc.perform(get("/audits").param("month", month).with(user(as("qc.ortho"))))
			.andReturn().getResponse().getContentAsString();
		assertThat(calendar).contains(inspection.toString(), "交叉检查");
		String nurse = mvc.perform(get("/audits").param("month", month).with(user(as("nurse.cardio"))))
			.andReturn().getResponse().getContentAsString();
		assertThat(nurse).doesNotContain(inspection.toString());
	}

	@Test
	void anInspectorAnswersItemByItemAndTheAnswersComeBackAsFragments() throws Exception {
		UUID inspection = planThroughTheForm("核心制度督查", "0301", "qc.ortho");
		String page = mvc.perform(get("/audits/inspections/" + inspection).with(user(as("qc.ortho"))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("answer-form", "hx-post", "capture=\"environment\"", "/js/inspection.js");
		ChecklistItem passFail = core().items().filter(i -> i.scoring() == ScoringMethod.PASS_FAIL).findFirst()
			.orElseThrow();
		String fragment = mvc.perform(post("/audits/inspections/" + inspection + "/answers")
			.param("itemId", String.valueOf(passFail.id())).param("outcome", "FAIL").param("note", "两种身份标识只用了一种")
			.header("HX-Request", "true").with(user(as("qc.ortho"))).with(csrf()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(fragment).contains("item-" + passFail.id(), "已保存", "data-failed=\"true\"", "hx-swap-oob",
				"两种身份标识只用了一种").doesNotContain("<html");
		ChecklistItem deduction = core().items().filter(i -> i.scoring() == ScoringMethod.DEDUCTION).findFirst()
			.orElseThrow();
		String refused = mvc.perform(post("/audits/inspections/" + inspection + "/answers")
			.param("itemId", String.valueOf(deduction.id())).param("value", "99")
			.with(user(as("qc.ortho"))).with(csrf()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(refused).contains("请填写0到" + deduction.points().stripTrailingZeros().toPlainString() + "之间的分值");
		// a department user who is not an auditor reads but does not answer
		mvc.perform(get("/audits/inspections/" + inspection).with(user(as("qc.cardio")))).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("answer-form"))));
		mvc.perform(post("/audits/inspections/" + inspection + "/answers").param("itemId", String.valueOf(passFail.id()))
			.param("outcome", "PASS").with(user(as("qc.cardio"))).with(csrf())).andExpect(status().isForbidden());
		mvc.perform(get("/audits/inspections/" + inspection).with(user(as("nurse.cardio"))))
			.andExpect(status().isNotFound());
		// a photo that is not an image is refused in place
		String photo = mvc.perform(multipart("/audits/inspections/" + inspection + "/photos")
			.file(new MockMultipartFile("photo", "evil.jpg", "image/jpeg", "<svg onload=alert(1)>".getBytes()))
			.param("itemId", String.valueOf(passFail.id())).with(user(as("qc.ortho"))).with(csrf()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(photo).contains("只接受 JPEG、PNG 或 WebP 格式的照片");
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0 };
		mvc.perform(multipart("/audits/inspections/" + inspection + "/photos")
			.file(new MockMultipartFile("photo", "ward.png", "image/png", png))
			.param("itemId", String.valueOf(passFail.id())).with(user(as("qc.ortho"))).with(csrf()))
			.andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString("evidence-thumb")));
		UUID photoId = jdbc.sql("select id from inspection_photo where inspection_id = :id").param("id", inspection)
			.query(UUID.class).single();
		mvc.perform(get("/audits/photos/" + photoId).with(user(as("qc.cardio")))).andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "image/png"))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"));
		mvc.perform(get("/audits/photos/" + photoId).with(user(as("nurse.cardio")))).andExpect(status().isNotFound());
		// submitting too early says how many items are left
		mvc.perform(post("/audits/inspections/" + inspection + "/submit").with(user(as("qc.ortho"))).with(csrf()))
			.andExpect(flash().attribute("failure", "error.audits.inspection.unanswered"));
		// the sample form and its CSV
		mvc.perform(post("/audits/inspections/" + inspection + "/sample").param("from", "2019-01-01")
			.param("to", "2019-01-31").param("size", "3").param("seed", "page-seed").with(user(as("qc.ortho")))
			.with(csrf())).andExpect(flash().attribute("success", "audits.sample.drawn"));
		String csv = mvc.perform(get("/audits/inspections/" + inspection + "/sample.csv").with(user(as("qc.ortho"))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(csv).contains("随机种子,page-seed", "住院号");
		mvc.perform(get("/audits/inspections/" + inspection + "/report.pdf").with(user(as("qc.ortho"))))
			.andExpect(status().isOk()).andExpect(header().string("Content-Type", "application/pdf"));
	}
}
