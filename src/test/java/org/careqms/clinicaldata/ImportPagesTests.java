package org.careqms.clinicaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.careqms.support.CareQmsTest;
import org.careqms.support.ClinicalCsv;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** The import pages: history and form, upload with and without htmx, the result and its download. */
@CareQmsTest
class ImportPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	UserDetails as(String username) {
		return users.loadUserByUsername(username);
	}

	String render(String path, String username, String lang) throws Exception {
		String html = mvc.perform(get(path).param("lang", lang).with(user(as(username))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(html).as(path).contains("</html>").doesNotContain("??");
		return html;
	}

	MockMultipartFile csv(byte[] content) {
		return new MockMultipartFile("file", "encounters.csv", "text/csv", content);
	}

	@Test
	void theImportPageShowsTheFormAndHistoryInBothLanguages() throws Exception {
		assertThat(render("/imports", "quality", "zh_CN")).contains("临床数据导入", "id=\"import-form\"",
				"hx-encoding=\"multipart/form-data\"", "/js/imports.js", "<progress");
		assertThat(render("/imports", "admin", "en")).contains("Clinical data imports", "Check only, do not save");
		assertThat(render("/", "quality", "en")).contains("href=\"/imports\"");
		assertThat(render("/", "qc.cardio", "en")).doesNotContain("href=\"/imports\"");
	}

	@Test
	void departmentRolesMayNotOpenIt() throws Exception {
		mvc.perform(get("/imports").with(user(as("qc.cardio")))).andExpect(status().isForbidden());
		mvc.perform(multipart("/imports").file(csv(ClinicalCsv.file(ClinicalCsv.ENCOUNTERS)))
			.param("kind", "ENCOUNTERS")
			.with(user(as("head.cardio")))
			.with(csrf())).andExpect(status().isForbidden());
	}

	@Test
	void anUploadLeadsToItsResultWithTheRejectedRows() throws Exception {
		String id = "PG-" + UUID.randomUUID().toString().substring(0, 8);
		byte[] content = ClinicalCsv.file(ClinicalCsv.ENCOUNTERS, ClinicalCsv.encounter(id),
				ClinicalCsv.encounter(id + "b").replace(",0301,", ",9999,"));
		String location = mvc.perform(multipart("/imports").file(csv(content))
			.param("kind", "ENCOUNTERS")
			.with(user(as("quality")))
			.with(csrf())).andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		assertThat(location).startsWith("/imports/");

		String html = render(location, "quality", "en");
		assertThat(html).contains("id=\"run-accepted\">1<", "id=\"run-rejected\">1<",
				"Unknown department code &quot;9999&quot;", location + "/errors.csv");
		assertThat(render(location, "quality", "zh_CN")).contains("未知的科室编码“9999”");

		String download = mvc.perform(get(location + "/errors.csv").with(user(as("admin"))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(download).startsWith("\uFEFFline,column,message").contains("3,admit_dept,");
	}

	@Test
	void htmxUploadsAreRedirectedByHeaderAndUnreadableFilesShowTheReasonInTheForm() throws Exception {
		var ok = mvc.perform(multipart("/imports").file(csv(ClinicalCsv.file(ClinicalCsv.ENCOUNTERS,
				ClinicalCsv.encounter("PG-" + UUID.randomUUID().toString().substring(0, 8)))))
			.param("kind", "ENCOUNTERS")
			.param("dryRun", "true")
			.header("HX-Request", "true")
			.with(user(as("quality")))
			.with(csrf())).andExpect(status().isOk()).andReturn().getResponse();
		assertThat(ok.getHeader("HX-Redirect")).startsWith("/imports/");
		assertThat(render(ok.getHeader("HX-Redirect"), "quality", "en")).contains("nothing was saved");

		String form = mvc.perform(multipart("/imports").file(csv(new byte[0]))
			.param("kind", "PROCEDURES")
			.header("HX-Request", "true")
			.with(user(as("quality")))
			.with(csrf())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(form).startsWith("<form").contains("id=\"upload-error\"").doesNotContain("</html>");
	}

	@Test
	void anotherHospitalsOrAnUnknownRunIsNotFound() throws Exception {
		mvc.perform(get("/imports/" + UUID.randomUUID()).with(user(as("quality")))).andExpect(status().isNotFound());
	}
}
