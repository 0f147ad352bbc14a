package org.careqms.standards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.concurrent.atomic.AtomicInteger;

import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The standards pages in both languages, who may open which, and the htmx checklist editor. */
@CareQmsTest
class StandardsPagesTests {

	static final AtomicInteger SEQUENCE = new AtomicInteger();

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	@Autowired
	JdbcClient jdbc;

	UserDetails as(String username) {
		return users.loadUserByUsername(username);
	}

	String render(String path, String username, String lang) throws Exception {
		String html = mvc.perform(get(path).param("lang", lang).with(user(as(username))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).as(path).contains("</html>").doesNotContain("??");
		return html;
	}

	String id(String sql) {
		return jdbc.sql(sql).query(String.class).single();
	}

	String coreTemplate() {
		return id("select cast(id as varchar) from checklist_template where code = 'CL-CORE'");
	}

	String sopDocument() {
		return id("select cast(id as varchar) from std_document where code = 'SOP-HL-010'");
	}

	@Test
	void coreSystemPagesRenderInBothLanguages() throws Exception {
		String zh = render("/standards/core-systems", "nurse.cardio", "zh_CN");
		assertThat(zh).contains("医疗质量安全核心制度", "首诊负责制度", "信息安全管理制度", "国卫医发〔2018〕8号");
		String en = render("/standards/core-systems", "nurse.cardio", "en");
		assertThat(en).contains("Core medical quality and safety systems", "Information security management system");
		String consultation = render("/standards/core-systems/CS03", "auditor", "zh_CN");
		assertThat(consultation).contains("会诊制度", "CS03-K2", "机构内急会诊应当在会诊请求发出后10分钟内到位", "CS2025-05",
				"核心制度落实检查表", "ZD-YW-003");
		assertThat(render("/standards/core-systems/CS03", "auditor", "en")).contains("Consultation system",
				"In-house emergency consultant on site within 10 minutes of request");
		mvc.perform(get("/standards/core-systems/CS99").with(user(as("quality")))).andExpect(status().isNotFound());
	}

	@Test
	void documentPagesRenderInBothLanguages() throws Exception {
		String list = render("/standards/documents", "nurse.cardio", "zh_CN");
		assertThat(list).contains("住院患者跌倒/坠床预防与处理操作规程", "第 2 版");
		assertThat(render("/standards/documents?type=SOP&unread=true", "qc.ortho", "en")).contains("Regulations and SOPs");
		String sop = render("/standards/documents/" + sopDocument(), "head.cardio", "zh_CN");
		assertThat(sop).contains("使用Morse跌倒风险评估量表", "各科室确认情况", "张伟（心内科主任）", "已替代")
			.doesNotContain("id=\"edit-document\"");
		assertThat(render("/standards/documents/" + sopDocument(), "quality", "en")).contains("Completion by department",
				"id=\"edit-document\"", "id=\"new-version\"");
		String old = id("""
				select cast(v.id as varchar) from std_document_version v join std_document d on d.id = v.document_id
				where d.code = 'SOP-HL-010' and v.version_number = 1""");
		assertThat(render("/standards/documents/" + sopDocument() + "/versions/" + old, "nurse.cardio", "zh_CN"))
			.contains("仅供查阅", "患者入院2小时内完成跌倒风险评估");
		assertThat(render("/standards/documents/new", "quality", "zh_CN")).contains("关联核心制度", "首诊负责制度");
		assertThat(render("/standards/documents/new", "admin", "en")).contains("Owning department");
		mvc.perform(get("/standards/documents/new").with(user(as("nurse.cardio")))).andExpect(status().isForbidden());
	}

	@Test
	void aDocumentIsCreatedWrittenAndPublishedThroughThePages() throws Exception {
		String code = "PG-DOC" + SEQUENCE.incrementAndGet();
		var created = mvc.perform(post("/standards/documents").param("code", code).param("title", "页面建的制度")
			.param("type", "RULE").param("coreSystems", "CS05", "CS06").with(user(as("quality"))).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		String location = created.getResponse().getRedirectedUrl();
		String draft = id("""
				select cast(v.id as varchar) from std_document_version v join std_document d on d.id = v.document_id
				where d.code = '%s'""".formatted(code));
		String base = location + "/versions/" + draft;
		assertThat(render(base + "/edit", "quality", "zh_CN")).contains("第 1 版草稿", "上传文件");
		mvc.perform(post(base + "/publish").with(user(as("quality"))).with(csrf()))
			.andExpect(flash().attribute("failure", "error.standards.document.empty"));
		mvc.perform(post(base).param("content", "第一条\n第二条").param("effectiveDate", "2026-12-01")
			.with(user(as("quality"))).with(csrf()))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post(base + "/publish").with(user(as("quality"))).with(csrf()))
			.andExpect(flash().attribute("success", "standards.document.published"));
		String page = render(location, "nurse.cardio", "zh_CN");
		assertThat(page).contains("第一条", "第二条", "2026-12-01", "值班和交接班制度", "id=\"acknowledge\"");
		// a taken code is shown on the form
		String again = mvc.perform(post("/standards/documents").param("code", code).param("title", "重复")
			.param("type", "RULE").with(user(as("quality"))).with(csrf()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(again).contains("文件编号 " + code + " 已存在");
	}

	@Test
	void checklistPagesRenderInBothLanguages() throws Exception {
		String list = render("/standards/checklists", "nurse.cardio", "zh_CN");
		assertThat(list).contains("核心制度落实检查表", "病区护理安全检查表").doesNotContain("id=\"new-checklist\"");
		assertThat(render("/standards/checklists", "quality", "en")).contains("Checklist templates", "id=\"new-checklist\"");
		String core = render("/standards/checklists/" + coreTemplate(), "auditor", "zh_CN");
		assertThat(core).contains("现行版本：第 1 版", "单项否决", "CS03-K2", "扣分制", "达标/不达标");
		assertThat(render("/standards/checklists/" + coreTemplate(), "quality", "en")).contains("In use: version 1", "Veto",
				"id=\"new-version\"");
		assertThat(render("/standards/checklists/new", "quality", "zh_CN")).contains("适用检查类型");
		mvc.perform(get("/standards/checklists/new").with(user(as("qc.cardio")))).andExpect(status().isForbidden());
	}

	MockHttpServletRequestBuilder hx(MockHttpServletRequestBuilder request) {
		return request.header("HX-Request", "true").with(user(as("quality"))).with(csrf());
	}

	@Test
	void theEditorBuildsADraftWithHtmxAndPublishingFreezesIt() throws Exception {
		String code = "PG-CL" + SEQUENCE.incrementAndGet();
		var created = mvc.perform(post("/standards/checklists").param("code", code).param("name", "页面检查表")
			.param("auditTypes", "专项检查\n夜查房").with(user(as("quality"))).with(csrf()))
			.andExpect(status().is3xxRedirection()).andReturn();
		String editor = created.getResponse().getRedirectedUrl();
		assertThat(render(editor, "quality", "zh_CN")).contains("第 1 版草稿", "添加分组");
		assertThat(render(editor, "quality", "en")).contains("Draft of version 1", "Add a section");
		mvc.perform(get(editor).with(user(as("nurse.cardio")))).andExpect(status().isNotFound());

		String fragment = mvc.perform(hx(post(editor + "/sections").param("title", "环境安全")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(fragment).contains("id=\"editor\"", "环境安全").doesNotContain("<html");
		mvc.perform(hx(post(editor + "/sections").param("title", "用药安全"))).andExpect(status().isOk());
		String sections = id("""
				select string_agg(cast(s.id as varchar), ',' order by s.position) from checklist_section s
				join checklist_template_version v on v.id = s.version_id join checklist_template t on t.id = v.template_id
				where t.code = '%s'""".formatted(code));
		String first = sections.split(",")[0];
		String second = sections.split(",")[1];

		String added = mvc.perform(hx(post(editor + "/sections/" + first + "/items").param("text", "地面干燥无障碍物")
			.param("scoring", "PASS_FAIL").param("points", "3").param("critical", "true")
			.param("coreSystemCheckId", "CS10-K2")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(added).contains("地面干燥无障碍物", "1.1", "单项否决", "CS10-K2");
		String refused = mvc.perform(hx(post(editor + "/sections/" + second + "/items").param("text", "")
			.param("scoring", "POINTS").param("points", "0").param("coreSystemCheckId", "CS99")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(refused).contains("检查内容: 必填", "分值须大于 0", "核心制度检查要点编号不存在");
		String typo = mvc.perform(hx(post(editor + "/sections/" + second + "/items").param("text", "x")
			.param("points", "abc")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(typo).contains("分值须大于 0");
		mvc.perform(hx(post(editor + "/sections/" + second + "/items").param("text", "高警示药品专柜存放")
			.param("scoring", "DEDUCTION").param("points", "5"))).andExpect(status().isOk());
		// the second section moves up; without htmx the same form comes back to the editor page
		mvc.perform(post(editor + "/sections/" + second + "/move").param("direction", "-1").with(user(as("quality")))
			.with(csrf()))
			.andExpect(status().is3xxRedirection());
		String page = render(editor, "quality", "zh_CN");
		assertThat(page.indexOf("value=\"用药安全\"")).isPositive().isLessThan(page.indexOf("value=\"环境安全\""));

		mvc.perform(post(editor + "/publish").with(user(as("quality"))).with(csrf()))
			.andExpect(flash().attribute("success", "standards.checklist.published"));
		// published: the editor is gone, changes are refused
		String published = render(editor, "nurse.cardio", "zh_CN");
		assertThat(published).contains("已发布的版本不可修改").doesNotContain("id=\"editor\"");
		mvc.perform(hx(post(editor + "/sections").param("title", "晚到的分组"))).andExpect(status().is3xxRedirection());
		assertThat(render(editor, "quality", "zh_CN")).doesNotContain("晚到的分组");
		mvc.perform(post(editor + "/sections").param("title", "x").with(user(as("nurse.cardio"))).with(csrf()))
			.andExpect(status().isForbidden());
	}

	@Test
	void theNavigationLeadsToTheStandards() throws Exception {
		assertThat(render("/standards/documents", "nurse.cardio", "zh_CN")).contains("制度标准", "检查表模板", "核心制度");
		assertThat(render("/standards/documents", "nurse.cardio", "en")).contains("Standards", "Checklist templates");
		mvc.perform(get("/standards").with(user(as("nurse.cardio")))).andExpect(status().is3xxRedirection());
	}
}
