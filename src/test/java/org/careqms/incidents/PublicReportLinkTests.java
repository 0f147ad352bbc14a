package org.careqms.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

/** The public reporting link: enabled, rotated and disabled by the quality office; anonymous, CSRF-safe, rate-limited. */
@CareQmsTest
class PublicReportLinkTests {

	/** Each test reports from addresses of its own, so rate-limit counters never cross tests. */
	static final AtomicInteger CLIENT = new AtomicInteger(10);

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserDetailsService users;

	@Autowired
	PublicReportLinks links;

	private String enabledToken() throws Exception {
		mvc.perform(post("/incidents/public-link/enable").with(user(users.loadUserByUsername("quality"))).with(csrf()))
			.andExpect(status().is3xxRedirection());
		return jdbc.sql("select token from incident_public_link where enabled").query(String.class).single();
	}

	private String cardiology() {
		return jdbc.sql("select id from department where code = '0301'").query(UUID.class).single().toString();
	}

	private MockMultipartHttpServletRequestBuilder report(String token, String address, String key) {
		return report(token, address, key, "公共链接上报的跌倒", true);
	}

	private MockMultipartHttpServletRequestBuilder report(String token, String address, String key, String description,
			boolean anonymous) {
		MockMultipartHttpServletRequestBuilder request = multipart("/report/" + token);
		request.param("occurredAt", LocalDateTime.now().minusHours(1).truncatedTo(ChronoUnit.MINUTES).toString())
			.param("departmentId", cardiology()).param("category", "CAT-FALL").param("description", description)
			.param("patientInvolved", "true").param("anonymous", String.valueOf(anonymous)).param("submissionKey", key)
			.with(r -> {
				r.setRemoteAddr(address);
				return r;
			});
		return request;
	}

	private static String address() {
		return "10.77.0." + CLIENT.incrementAndGet();
	}

	@Test
	void theQualityOfficeEnablesRotatesAndDisablesTheLinkAndEachStepIsAudited() throws Exception {
		mvc.perform(get("/incidents/public-link").with(user(users.loadUserByUsername("head.cardio"))))
			.andExpect(status().isForbidden());
		mvc.perform(post("/incidents/public-link/enable").with(user(users.loadUserByUsername("head.cardio"))).with(csrf()))
			.andExpect(status().isForbidden());
		String first = enabledToken();
		assertThat(first).hasSize(43);
		mvc.perform(get("/report/" + first)).andExpect(status().isOk());
		String page = mvc.perform(get("/incidents/public-link").param("lang", "en")
			.with(user(users.loadUserByUsername("quality")))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(page).contains("/report/" + first, "id=\"rotate-link\"").doesNotContain("??");
		mvc.perform(post("/incidents/public-link/rotate").with(user(users.loadUserByUsername("quality"))).with(csrf()));
		String second = jdbc.sql("select token from incident_public_link").query(String.class).single();
		assertThat(second).isNotEqualTo(first);
		mvc.perform(get("/report/" + first)).andExpect(status().isNotFound());
		mvc.perform(get("/report/" + second)).andExpect(status().isOk());
		mvc.perform(post("/incidents/public-link/disable").with(user(users.loadUserByUsername("admin"))).with(csrf()));
		mvc.perform(get("/report/" + second)).andExpect(status().isNotFound());
		mvc.perform(report(second, address(), UUID.randomUUID().toString()).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(get("/report/not-a-token")).andExpect(status().isNotFound());
		var actions = jdbc.sql("select actor, after_state::text from audit_entry where entity_type = 'IncidentPublicLink'"
				+ " order by seq").query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).list();
		assertThat(actions).hasSizeGreaterThanOrEqualTo(3);
		assertThat(String.join("\n", actions)).contains("quality", "admin").doesNotContain(second).doesNotContain(first);
		String off = mvc.perform(get("/incidents/public-link").param("lang", "zh_CN")
			.with(user(users.loadUserByUsername("quality")))).andReturn().getResponse().getContentAsString();
		assertThat(off).contains("id=\"public-link-off\"", "id=\"enable-link\"").doesNotContain("??");
		enabledToken(); // leave it on for the other tests
	}

	@Test
	void anAnonymousPublicReportKeepsNothingThatIdentifiesItsSender() throws Exception {
		String token = enabledToken();
		String from = address();
		var result = mvc.perform(report(token, from, UUID.randomUUID().toString())
			.file(new MockMultipartFile("file", "IMG_0001.jpg", "image/jpeg", SampleFiles.phoneJpeg()))
			.header("User-Agent", "WardTablet/7 (serial WT-123456)").with(csrf()))
			.andExpect(status().is3xxRedirection()).andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/report/" + token + "/thanks");
		String reference = (String) result.getFlashMap().get("reportedReference");
		var incident = jdbc.sql("""
				select id, reporter_user_id, reporter_name, created_by, changed_by, anonymous, via_public_link
				from incident where reference = :ref""").param("ref", reference).query().singleRow();
		assertThat(incident.get("reporter_user_id")).isNull();
		assertThat(incident.get("reporter_name")).isNull();
		assertThat(incident.get("created_by")).isEqualTo("anonymous");
		assertThat(incident.get("anonymous")).isEqualTo(true);
		assertThat(incident.get("via_public_link")).isEqualTo(true);
		String id = incident.get("id").toString();
		var audit = jdbc.sql("select actor, actor_user_id, client_address, user_agent from audit_entry"
				+ " where entity_id = :id or summary like :ref").param("id", id).param("ref", reference + "%").query()
			.listOfRows();
		assertThat(audit).hasSize(2); // the report and its photo
		assertThat(audit).allSatisfy(row -> {
			assertThat(row.get("actor")).isEqualTo("anonymous");
			assertThat(row.get("actor_user_id")).isNull();
			assertThat(row.get("client_address")).isNull();
			assertThat(row.get("user_agent")).isNull();
		});
		// the address and the device are nowhere in the database
		assertThat(jdbc.sql("select count(*) from audit_entry where client_address = :ip or user_agent like '%WT-123456%'")
			.param("ip", from).query(Long.class).single()).isZero();
		var photo = jdbc.sql("select uploaded_by, uploaded_by_user_id, content from incident_attachment"
				+ " where incident_id = cast(:id as uuid)").param("id", id).query().singleRow();
		assertThat(photo.get("uploaded_by")).isNull();
		assertThat(SampleFiles.contains((byte[]) photo.get("content"), SampleFiles.DEVICE)).isFalse();
		// a signed-in user who happens to use the link is not recorded either
		var named = mvc.perform(report(token, address(), UUID.randomUUID().toString(), "公共链接上报的跌倒", false)
			.param("reporterName", "护士小王").with(user(users.loadUserByUsername("nurse.cardio"))).with(csrf()))
			.andExpect(status().is3xxRedirection()).andReturn();
		var row = jdbc.sql("select reporter_user_id, reporter_name, created_by from incident where reference = :ref")
			.param("ref", (String) named.getFlashMap().get("reportedReference")).query().singleRow();
		assertThat(row.get("reporter_user_id")).isNull();
		assertThat(row.get("reporter_name")).isEqualTo("护士小王");
		assertThat(row.get("created_by")).isEqualTo("anonymous");
	}

	@Test
	void csrfIsStillRequiredAndARetryReportsOnce() throws Exception {
		String token = enabledToken();
		long before = jdbc.sql("select count(*) from incident").query(Long.class).single();
		mvc.perform(report(token, address(), UUID.randomUUID().toString())).andExpect(status().isForbidden());
		String key = UUID.randomUUID().toString();
		String from = address();
		mvc.perform(report(token, from, key).with(csrf())).andExpect(status().is3xxRedirection());
		mvc.perform(report(token, from, key).with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select count(*) from incident").query(Long.class).single()).isEqualTo(before + 1);
	}

	@Test
	void aClientThatSendsTooManyReportsIsToldToWait() throws Exception {
		String token = enabledToken();
		String from = address();
		for (int i = 0; i < 5; i++) {
			mvc.perform(report(token, from, UUID.randomUUID().toString()).with(csrf()))
				.andExpect(status().is3xxRedirection());
		}
		String page = mvc.perform(report(token, from, UUID.randomUUID().toString()).param("lang", "en").with(csrf()))
			.andExpect(status().isTooManyRequests()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("id=\"rate-limited\"", "5 reports a minute");
		// what was typed is still on the form
		assertThat(page).contains(">公共链接上报的跌倒</textarea>", "id=\"detail-injury\"")
			.containsPattern("value=\"CAT-FALL\"\\s+selected");
		// another device is not held back
		mvc.perform(report(token, address(), UUID.randomUUID().toString()).with(csrf()))
			.andExpect(status().is3xxRedirection());
	}

	@Test
	void theFormIsTheShortReportInBothLanguagesWithTheHospitalsDepartments() throws Exception {
		String token = enabledToken();
		for (String lang : List.of("zh_CN", "en")) {
			String html = mvc.perform(get("/report/" + token).param("lang", lang)).andExpect(status().isOk()).andReturn()
				.getResponse().getContentAsString();
			assertThat(html).contains("action=\"/report/" + token + "\"", "name=\"_csrf\"", "id=\"reporterName\"",
					"0301 ", "capture=\"environment\"").doesNotContain("??");
			assertThat(html).containsPattern("id=\"anonymous\"[^>]*checked");
		}
		String details = mvc.perform(get("/report/" + token + "/details").param("category", "CAT-FALL")).andReturn()
			.getResponse().getContentAsString();
		assertThat(details).contains("detail.injury");
		String thanks = mvc.perform(get("/report/" + token + "/thanks").param("lang", "en")).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(thanks).contains("/report/" + token).doesNotContain("??");
		// a bad report is answered on the form, not with an error page
		String refused = mvc.perform(report(token, address(), UUID.randomUUID().toString(), " ", true).param("lang", "en")
			.with(csrf())).andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(refused).contains("id=\"flash-failure\"", "id=\"incident-form\"");
	}
}
