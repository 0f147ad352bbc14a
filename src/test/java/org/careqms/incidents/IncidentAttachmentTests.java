package org.careqms.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.careqms.support.Api;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** Photos and documents on adverse-event reports: type by content, limits, anonymity, scope and voiding. */
@CareQmsTest
class IncidentAttachmentTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	Api api;

	@BeforeEach
	void setUp() {
		api = new Api(port);
	}

	private String report(String username, boolean anonymous) {
		var answer = api.post("/api/v1/incidents", IncidentTests.fall(anonymous), Api.demo(username));
		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
		return answer.json().get("id").asString();
	}

	private String cardiology() {
		return jdbc.sql("select id from department where code = '0301'").query(UUID.class).single().toString();
	}

	@Test
	void aJpgThatIsReallyHtmlIsRefusedWith400AndNothingIsKept() {
		String id = report("nurse.cardio", false);
		var answer = api.upload("/api/v1/incidents/" + id + "/attachments", "photo.jpg",
				"<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8),
				Api.demo("nurse.cardio"), "en");
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("file");
		assertThat(answer.json().get("errors").get(0).get("message").asString()).contains("photo.jpg", "not an accepted type");
		assertThat(jdbc.sql("select count(*) from incident_attachment where incident_id = cast(:id as uuid)")
			.param("id", id).query(Long.class).single()).isZero();
		// a PDF named .txt is a PDF
		var pdf = api.upload("/api/v1/incidents/" + id + "/attachments", "notes.txt", SampleFiles.pdf(),
				Api.demo("nurse.cardio"), null);
		assertThat(pdf.status()).as(pdf.body()).isEqualTo(201);
		assertThat(pdf.json().get(0).get("mediaType").asString()).isEqualTo("application/pdf");
		assertThat(pdf.json().get(0).get("fileName").asString()).isEqualTo("notes.pdf");
	}

	@Test
	void filesOverTheLimitsAre413WithTheLimitNamed() {
		String id = report("nurse.cardio", false);
		byte[] big = new byte[10 * 1024 * 1024 + 1];
		byte[] jpeg = SampleFiles.image("jpg");
		System.arraycopy(jpeg, 0, big, 0, jpeg.length);
		var tooBig = api.upload("/api/v1/incidents/" + id + "/attachments", "big.jpg", big, Api.demo("nurse.cardio"), "en");
		assertThat(tooBig.status()).isEqualTo(413);
		assertThat(tooBig.json().get("code").asString()).isEqualTo("too-large");
		assertThat(tooBig.json().get("errors").get(0).get("message").asString()).contains("10 MB");
		// 9 MB each: the fourth passes 30 MB for the report
		byte[] nine = new byte[9 * 1024 * 1024];
		byte[] pdf = SampleFiles.pdf();
		System.arraycopy(pdf, 0, nine, 0, pdf.length);
		for (int i = 0; i < 3; i++) {
			assertThat(api.upload("/api/v1/incidents/" + id + "/attachments", "p" + i + ".pdf", nine,
					Api.demo("nurse.cardio"), null).status()).isEqualTo(201);
		}
		var fourth = api.upload("/api/v1/incidents/" + id + "/attachments", "p4.pdf", nine, Api.demo("nurse.cardio"), "zh-CN");
		assertThat(fourth.status()).isEqualTo(413);
		assertThat(fourth.json().get("detail").asString()).contains("30 MB");
		assertThat(jdbc.sql("select count(*) from incident_attachment where incident_id = cast(:id as uuid)")
			.param("id", id).query(Long.class).single()).isEqualTo(3);
	}

	@Test
	void anAnonymousReportsPhotosLoseTheirMetadataAndKeepNoUploader() throws Exception {
		var answer = mvc.perform(multipart("/incidents")
			.file(new MockMultipartFile("file", "IMG_20261126_0212_wang.jpg", "image/jpeg", SampleFiles.phoneJpeg()))
			.file(new MockMultipartFile("file", "交班记录-张三.docx", "application/octet-stream", SampleFiles.authoredDocx()))
			.param("occurredAt", LocalDateTime.now().minusHours(1).truncatedTo(ChronoUnit.MINUTES).toString())
			.param("departmentId", cardiology()).param("category", "CAT-FALL").param("description", "夜间跌倒")
			.param("patientInvolved", "true").param("anonymous", "true")
			.with(user(users.loadUserByUsername("nurse.cardio"))).with(csrf()))
			.andExpect(status().is3xxRedirection()).andReturn();
		assertThat(answer.getResponse().getRedirectedUrl()).isEqualTo("/incidents/thanks");
		String reference = (String) answer.getFlashMap().get("reportedReference");
		var rows = jdbc.sql("""
				select a.file_name, a.content, a.uploaded_by, a.uploaded_by_user_id, a.uploaded_at, a.id
				from incident_attachment a join incident i on i.id = a.incident_id where i.reference = :ref
				order by a.file_name""").param("ref", reference).query().listOfRows();
		assertThat(rows).hasSize(2);
		for (var row : rows) {
			assertThat(row.get("uploaded_by")).isNull();
			assertThat(row.get("uploaded_by_user_id")).isNull();
			assertThat((String) row.get("file_name")).startsWith("attachment-").doesNotContain("wang", "张三");
			assertThat(((java.sql.Timestamp) row.get("uploaded_at")).toInstant().getEpochSecond() % 3600).isZero();
			byte[] content = (byte[]) row.get("content");
			assertThat(SampleFiles.contains(content, SampleFiles.DEVICE)).isFalse();
			assertThat(SampleFiles.contains(content, SampleFiles.GPS_COMMENT)).isFalse();
			assertThat(SampleFiles.contains(content, "Zhang San")).isFalse();
			var audit = jdbc.sql("select actor, actor_user_id, client_address from audit_entry where entity_id = :id")
				.param("id", row.get("id").toString()).query().singleRow();
			assertThat(audit.get("actor")).isEqualTo("anonymous");
			assertThat(audit.get("actor_user_id")).isNull();
			assertThat(audit.get("client_address")).isNull();
		}
		byte[] docx = (byte[]) rows.get(1).get("content");
		try (var document = new XWPFDocument(new ByteArrayInputStream(docx))) {
			assertThat(document.getProperties().getCoreProperties().getCreator()).isNullOrEmpty();
		}
		// the quality office adding a file later is recorded as itself, and the file is still cleaned
		String incident = jdbc.sql("select id from incident where reference = :ref").param("ref", reference)
			.query(UUID.class).single().toString();
		var later = api.upload("/api/v1/incidents/" + incident + "/attachments", "随访记录.docx", SampleFiles.authoredDocx(),
				Api.demo("quality"), null);
		assertThat(later.status()).as(later.body()).isEqualTo(201);
		assertThat(later.json().get(0).get("uploadedBy").asString()).isEqualTo("quality");
		assertThat(later.json().get(0).get("fileName").asString()).isEqualTo("随访记录.docx");
		byte[] laterDocx = jdbc.sql("select content from incident_attachment where id = cast(:id as uuid)")
			.param("id", later.json().get(0).get("id").asString()).query(byte[].class).single();
		try (var document = new XWPFDocument(new ByteArrayInputStream(laterDocx))) {
			assertThat(document.getProperties().getCoreProperties().getCreator()).isNullOrEmpty();
		}
		assertThat(api.upload("/api/v1/incidents/" + incident + "/attachments", "x.png", SampleFiles.image("png"),
				Api.demo("head.cardio"), null).status()).isEqualTo(404); // the department does not see it at all
		// HEIC cannot be cleaned here: refused on an anonymous report, with the reason
		byte[] heic = new byte[64];
		System.arraycopy("\0\0\0\u0018ftypheic".getBytes(StandardCharsets.ISO_8859_1), 0, heic, 0, 12);
		String page = mvc.perform(multipart("/incidents")
			.file(new MockMultipartFile("file", "a.heic", "image/heic", heic))
			.param("occurredAt", LocalDateTime.now().minusHours(1).truncatedTo(ChronoUnit.MINUTES).toString())
			.param("departmentId", cardiology()).param("category", "CAT-FALL").param("description", "夜间跌倒")
			.param("anonymous", "true").param("lang", "en")
			.with(user(users.loadUserByUsername("nurse.cardio"))).with(csrf()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("id=\"attachment-error\"", "HEIC", ">夜间跌倒</textarea>");
	}

	@Test
	void aNamedReportsPhotoIsServedInlineOnlyToThoseWhoMaySeeTheReport() throws Exception {
		String id = report("nurse.cardio", false);
		var uploaded = api.upload("/api/v1/incidents/" + id + "/attachments", "fall.jpg", SampleFiles.phoneJpeg(),
				Api.demo("nurse.cardio"), null);
		assertThat(uploaded.status()).isEqualTo(201);
		String attachment = uploaded.json().get(0).get("id").asString();
		assertThat(uploaded.json().get(0).get("uploadedBy").asString()).isEqualTo("nurse.cardio");
		byte[] stored = jdbc.sql("select content from incident_attachment where id = cast(:id as uuid)")
			.param("id", attachment).query(byte[].class).single();
		assertThat(SampleFiles.contains(stored, SampleFiles.DEVICE)).isFalse(); // images are always cleaned
		String path = "/incidents/" + id + "/attachments/" + attachment;
		mvc.perform(get(path).with(user(users.loadUserByUsername("head.cardio")))).andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "image/jpeg"))
			.andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("inline")))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("sandbox")));
		mvc.perform(get(path).with(user(users.loadUserByUsername("qc.ortho")))).andExpect(status().isNotFound());
		assertThat(api.get("/api/v1/incidents/" + id + "/attachments/" + attachment, Api.demo("qc.ortho")).status())
			.isEqualTo(404);
		assertThat(api.get("/api/v1/incidents/" + id + "/attachments/" + attachment, Api.demo("quality")).status())
			.isEqualTo(200);
		// a document is only ever downloaded
		var pdf = api.upload("/api/v1/incidents/" + id + "/attachments", "x.pdf", SampleFiles.pdf(), Api.demo("quality"),
				null);
		mvc.perform(get("/incidents/" + id + "/attachments/" + pdf.json().get(0).get("id").asString())
			.with(user(users.loadUserByUsername("nurse.cardio")))).andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment")));
		// an attachment of another report is not found through this one
		String other = report("qc.ortho", false);
		mvc.perform(get("/incidents/" + other + "/attachments/" + attachment)
			.with(user(users.loadUserByUsername("quality")))).andExpect(status().isNotFound());
		// the report page shows it, in both languages
		for (String lang : List.of("zh_CN", "en")) {
			String html = mvc.perform(get("/incidents/" + id).param("lang", lang)
				.with(user(users.loadUserByUsername("head.cardio")))).andExpect(status().isOk()).andReturn().getResponse()
				.getContentAsString();
			assertThat(html).contains(path, "id=\"attach-form\"", "fall.jpg").doesNotContain("??");
		}
	}

	@Test
	void anAttachmentIsVoidedWithAReasonNotDeleted() throws Exception {
		String id = report("nurse.cardio", false);
		String attachment = api.upload("/api/v1/incidents/" + id + "/attachments", "wrong.png", SampleFiles.image("png"),
				Api.demo("nurse.cardio"), null).json().get(0).get("id").asString();
		String voidPath = "/api/v1/incidents/" + id + "/attachments/" + attachment + "/void";
		var noReason = api.post(voidPath, "{}", Api.demo("head.cardio"));
		assertThat(noReason.status()).isEqualTo(400);
		assertThat(noReason.json().get("errors").get(0).get("field").asString()).isEqualTo("reason");
		assertThat(api.post(voidPath, "{\"reason\": \"x\"}", Api.demo("auditor")).status()).isEqualTo(403);
		assertThat(api.post(voidPath, "{\"reason\": \"x\"}", Api.demo("qc.ortho")).status()).isEqualTo(404);
		mvc.perform(post("/incidents/" + id + "/attachments/" + attachment + "/void").param("reason", "传错了照片")
			.with(user(users.loadUserByUsername("head.cardio"))).with(csrf()))
			.andExpect(flash().attribute("success", "incidents.attachment.voided"));
		assertThat(api.post(voidPath, "{\"reason\": \"again\"}", Api.demo("quality")).status()).isEqualTo(409);
		var row = jdbc.sql("select voided, voided_by, void_reason, length(content) as size from incident_attachment"
				+ " where id = cast(:id as uuid)").param("id", attachment).query().singleRow();
		assertThat(row.get("voided")).isEqualTo(true);
		assertThat(row.get("voided_by")).isEqualTo("head.cardio");
		assertThat(row.get("void_reason")).isEqualTo("传错了照片");
		assertThat((Integer) row.get("size")).isPositive();
		assertThat(jdbc.sql("select count(*) from audit_entry where entity_type = 'IncidentAttachment'"
				+ " and entity_id = :id and action = 'VOID' and actor = 'head.cardio'").param("id", attachment)
			.query(Long.class).single()).isEqualTo(1);
		// gone for the department, kept for the quality office
		assertThat(api.get("/api/v1/incidents/" + id + "/attachments/" + attachment, Api.demo("head.cardio")).status())
			.isEqualTo(404);
		assertThat(api.get("/api/v1/incidents/" + id + "/attachments", Api.demo("head.cardio")).json()).isEmpty();
		assertThat(api.get("/api/v1/incidents/" + id + "/attachments", Api.demo("quality")).json().get(0).get("voided")
			.asBoolean()).isTrue();
	}

	@Test
	void theReportFormTakesPhotosFromTheCameraAndIsBilingual() throws Exception {
		for (String lang : List.of("zh_CN", "en")) {
			String html = mvc.perform(get("/incidents/new").param("lang", lang)
				.with(user(users.loadUserByUsername("nurse.cardio")))).andExpect(status().isOk()).andReturn()
				.getResponse().getContentAsString();
			assertThat(html).contains("enctype=\"multipart/form-data\"", "capture=\"environment\"", "accept=\"image/*\"")
				.doesNotContain("??");
		}
	}
}
