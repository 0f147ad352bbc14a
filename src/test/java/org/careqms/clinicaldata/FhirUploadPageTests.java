package org.careqms.clinicaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.zip.GZIPInputStream;

import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** The import page takes FHIR Bundles too, with the department unmapped encounters go to. */
@CareQmsTest
class FhirUploadPageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	@Test
	void aSyntheaBundleUploadedOnThePageGoesToTheChosenDepartment() throws Exception {
		byte[] bundle;
		try (InputStream in = new GZIPInputStream(Files.newInputStream(
				FhirImportApiTests.SYNTHEA.resolve("4f1a1eee-31c0-887b-e1ea-df6a5c502538.json.gz")))) {
			bundle = in.readAllBytes();
		}
		String page = mvc.perform(get("/imports").param("lang", "en").with(user(users.loadUserByUsername("quality"))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("value=\"FHIR\"", "defaultDepartment");
		String result = mvc.perform(multipart("/imports")
			.file(new MockMultipartFile("file", "patient.json", "application/fhir+json", bundle))
			.param("kind", "FHIR").param("defaultDepartment", "0303")
			.with(user(users.loadUserByUsername("quality"))).with(csrf()))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		String answer = mvc.perform(get(result).param("lang", "en").with(user(users.loadUserByUsername("quality"))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(answer).contains("id=\"run-accepted\">125<");
	}
}
