package org.careqms.standards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.anonymous;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.RuleViolationException;
import org.careqms.standards.DocumentManagement.DocumentDraft;
import org.careqms.standards.DocumentManagement.VersionText;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** Regulations and SOPs: versions, superseding, frozen published text, files and acknowledgements. */
@CareQmsTest
class DocumentTests {

	static final AtomicInteger SEQUENCE = new AtomicInteger();

	static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

	@Autowired
	DocumentManagement management;

	@Autowired
	DocumentQueries queries;

	@Autowired
	OrganizationDirectory organization;

	@Autowired
	UserDetailsService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	UUID hospital;

	@BeforeEach
	void signIn() {
		hospital = organization.hospitalIdByCode("H0001").orElseThrow();
		as("quality");
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	void as(String username) {
		UserDetails user = users.loadUserByUsername(username);
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
	}

	UserDetails principal(String username) {
		return users.loadUserByUsername(username);
	}

	UUID cardiology() {
		return organization.departments(hospital).stream().filter(d -> d.code().equals("0301")).findFirst().orElseThrow().id();
	}

	/** A document with version 1 published; returns its id. */
	UUID publishedDocument(String text) {
		UUID id = management.create(hospital, new DocumentDraft("DOC-T" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 1000,
				"测试制度", DocumentType.SOP, cardiology(), List.of("CS10")));
		UUID draft = queries.versions(id).get(0).id();
		management.saveDraft(hospital, draft, new VersionText(text, null, LocalDate.of(2026, 1, 1)));
		management.publish(hospital, draft);
		return id;
	}

	@Test
	void theDemoHospitalHasRegulationsInForce() {
		var lines = queries.list(hospital, UUID.randomUUID(), null, null, false, false);
		assertThat(lines).extracting(DocumentQueries.Line::code).contains("ZD-YW-001", "ZD-YW-003", "SOP-HL-010");
		var sop = lines.stream().filter(l -> l.code().equals("SOP-HL-010")).findFirst().orElseThrow();
		assertThat(sop.currentVersion()).isEqualTo(2);
		assertThat(queries.versions(sop.id())).extracting(DocumentQueries.Version::status)
			.containsExactly(DocumentStatus.PUBLISHED, DocumentStatus.SUPERSEDED);
	}

	@Test
	void publishingANewVersionSupersedesTheOldOneWhichStaysReadable() {
		UUID id = publishedDocument("第一版正文");
		UUID v1 = queries.versions(id).get(0).id();
		UUID v2 = management.newVersion(hospital, id);
		assertThat(queries.versions(id).get(0).content()).as("the draft starts as a copy").isEqualTo("第一版正文");
		assertThatThrownBy(() -> management.newVersion(hospital, id)).isInstanceOfSatisfying(RuleViolationException.class,
				e -> assertThat(e.code()).isEqualTo("standards.document.draft-exists"));
		management.saveDraft(hospital, v2, new VersionText("第二版正文\n第二段", "增加第二段", null));
		management.publish(hospital, v2);

		var versions = queries.versions(id);
		assertThat(versions).extracting(DocumentQueries.Version::number).containsExactly(2, 1);
		assertThat(versions.get(0).status()).isEqualTo(DocumentStatus.PUBLISHED);
		assertThat(versions.get(0).effectiveDate()).as("today when left empty").isEqualTo(LocalDate.now());
		assertThat(versions.get(0).paragraphs()).containsExactly("第二版正文", "第二段");
		assertThat(versions.get(1).status()).isEqualTo(DocumentStatus.SUPERSEDED);
		assertThat(versions.get(1).content()).isEqualTo("第一版正文");
		assertThat(versions.get(1).supersededAt()).isNotNull();
		assertThat(versions.get(1).id()).isEqualTo(v1);
		assertThatThrownBy(() -> management.saveDraft(hospital, v1, new VersionText("改", null, null)))
			.isInstanceOfSatisfying(RuleViolationException.class,
					e -> assertThat(e.code()).isEqualTo("standards.document.published"));
	}

	@Test
	void theDatabaseKeepsPublishedTextAsItWas() {
		UUID id = publishedDocument("不可改的正文");
		UUID v1 = queries.versions(id).get(0).id();
		assertThatThrownBy(() -> jdbc.sql("update std_document_version set content = 'x' where id = :id").param("id", v1)
			.update()).isInstanceOf(DataAccessException.class).hasMessageContaining("cannot be changed");
		assertThatThrownBy(() -> jdbc.sql("delete from std_document_version where id = :id").param("id", v1).update())
			.isInstanceOf(DataAccessException.class);
		assertThatThrownBy(() -> jdbc.sql("update std_document_version set status = 'DRAFT' where id = :id")
			.param("id", v1).update()).isInstanceOf(DataAccessException.class);
		assertThat(queries.versions(id).get(0).content()).isEqualTo("不可改的正文");
	}

	@Test
	void aDraftWithoutTextOrFileCannotBePublished() {
		UUID id = management.create(hospital, new DocumentDraft("DOC-E" + SEQUENCE.incrementAndGet() + System.nanoTime() % 1000,
				"空文件", DocumentType.RULE, null, List.of()));
		UUID draft = queries.versions(id).get(0).id();
		assertThatThrownBy(() -> management.publish(hospital, draft)).isInstanceOfSatisfying(RuleViolationException.class,
				e -> assertThat(e.code()).isEqualTo("standards.document.empty"));
	}

	@Test
	void staffAcknowledgeTheVersionInForceAndDepartmentsShowCompletion() {
		UUID id = publishedDocument("请全体阅读");
		UUID v1 = queries.versions(id).get(0).id();
		// other tests add users to cardiology (e.g. the authorization matrix creates one): count them first
		int cardiologyUsers = queries.completion(hospital, v1).stream().filter(c -> c.code().equals("0301"))
			.findFirst().orElseThrow().users();
		assertThat(cardiologyUsers).as("head.cardio and qc.cardio at least").isGreaterThanOrEqualTo(2);
		as("qc.cardio");
		assertThat(management.acknowledge(v1)).isTrue();
		assertThat(management.acknowledge(v1)).as("a second click changes nothing").isFalse();
		as("nurse.cardio");
		management.acknowledge(v1);
		assertThat(queries.acknowledgements(v1)).extracting(DocumentQueries.Acknowledgement::displayName)
			.containsExactlyInAnyOrder("李娜（心内科质控员）", "刘洋（心内科护士）");
		var completion = queries.completion(hospital, v1);
		var cardiology = completion.stream().filter(c -> c.code().equals("0301")).findFirst().orElseThrow();
		// of cardiology's users (head.cardio, qc.cardio and whoever other tests added) only the QC officer acknowledged
		assertThat(cardiology.users()).isEqualTo(cardiologyUsers);
		assertThat(cardiology.acknowledged()).isEqualTo(1);
		assertThat(cardiology.percent()).isEqualTo((int) Math.floor(100.0 / cardiologyUsers));
		var ward = completion.stream().filter(c -> c.code().equals("0301W")).findFirst().orElseThrow();
		assertThat(ward.percent()).isEqualTo(100);
		assertThat(completion).noneMatch(c -> c.users() == 0);

		as("auditor");
		assertThatThrownBy(() -> management.acknowledge(v1)).isInstanceOf(AccessDeniedException.class);

		// a new version in force needs its own acknowledgement; the old one can no longer be acknowledged
		as("quality");
		UUID v2 = management.newVersion(hospital, id);
		management.publish(hospital, v2);
		as("qc.ortho");
		assertThatThrownBy(() -> management.acknowledge(v1)).isInstanceOfSatisfying(RuleViolationException.class,
				e -> assertThat(e.code()).isEqualTo("standards.document.not-in-force"));
		assertThat(queries.acknowledgements(v2)).isEmpty();
		assertThat(queries.acknowledgements(v1)).hasSize(2);
	}

	@Test
	void onlyTheQualityOfficeWritesDocuments() {
		as("head.cardio");
		assertThatThrownBy(() -> management.create(hospital, new DocumentDraft("DOC-X", "x", DocumentType.SOP, null, List.of())))
			.isInstanceOf(AccessDeniedException.class);
	}

	@Test
	void aFileIsUploadedCheckedAndDownloadedAsAnAttachmentBySignedInUsers() throws Exception {
		UUID id = management.create(hospital, new DocumentDraft("DOC-F" + SEQUENCE.incrementAndGet() + System.nanoTime() % 1000,
				"带附件的制度", DocumentType.REGULATION, null, List.of("CS14")));
		UUID draft = queries.versions(id).get(0).id();
		String base = "/standards/documents/" + id + "/versions/" + draft;
		mvc.perform(multipart(base + "/file").file(new MockMultipartFile("file", "危急值报告制度.pdf", "application/pdf", PDF))
			.with(user(principal("quality"))).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("success", "standards.document.file-attached"));
		// a program renamed to .pdf, and a type we do not take, are refused with the reason on the form
		String refused = mvc.perform(multipart(base + "/file")
			.file(new MockMultipartFile("file", "evil.pdf", "application/pdf", "MZ\u0090\u0000".getBytes(StandardCharsets.ISO_8859_1)))
			.with(user(principal("quality"))).with(csrf()).param("lang", "en"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(refused).contains("does not match its extension");
		String exe = mvc.perform(multipart(base + "/file").file(new MockMultipartFile("file", "setup.exe", null, PDF))
			.with(user(principal("quality"))).with(csrf()).param("lang", "en"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(exe).contains("Only PDF");
		mvc.perform(multipart(base + "/file").file(new MockMultipartFile("file", "x.pdf", "application/pdf", PDF))
			.with(user(principal("head.cardio"))).with(csrf()))
			.andExpect(status().isForbidden());

		var version = queries.versions(id).get(0);
		assertThat(version.fileName()).isEqualTo("危急值报告制度.pdf");
		assertThat(version.fileType()).isEqualTo("application/pdf");
		assertThat(version.fileSize()).isEqualTo(PDF.length);
		assertThat(version.fileSha256()).hasSize(64);
		assertThat(version.storageKey()).doesNotContain("/").doesNotContain("危急值");
		management.publish(hospital, draft);

		byte[] body = mvc.perform(get(base + "/file").with(user(principal("nurse.cardio"))))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "application/pdf"))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment;")))
			.andReturn().getResponse().getContentAsByteArray();
		assertThat(body).isEqualTo(PDF);
		mvc.perform(get(base + "/file").with(anonymous())).andExpect(status().is3xxRedirection());
		mvc.perform(get("/standards/documents/" + id + "/versions/" + UUID.randomUUID() + "/file").with(user(principal("quality"))))
			.andExpect(status().isNotFound());
	}

	@Test
	void draftsAreHiddenFromStaffAndTheAcknowledgeButtonWorks() throws Exception {
		UUID id = publishedDocument("按钮确认");
		UUID v1 = queries.versions(id).get(0).id();
		UUID v2 = management.newVersion(hospital, id);
		mvc.perform(get("/standards/documents/" + id + "/versions/" + v2).with(user(principal("nurse.cardio"))))
			.andExpect(status().isNotFound());
		mvc.perform(get("/standards/documents/" + id + "/versions/" + v2 + "/edit").with(user(principal("nurse.cardio"))))
			.andExpect(status().isForbidden());
		mvc.perform(post("/standards/documents/" + id + "/versions/" + v1 + "/acknowledge").with(user(principal("qc.ortho")))
			.with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("success", "standards.document.acknowledged"));
		mvc.perform(post("/standards/documents/" + id + "/versions/" + v1 + "/acknowledge").with(user(principal("auditor")))
			.with(csrf()))
			.andExpect(status().isForbidden());
		String page = mvc.perform(get("/standards/documents/" + id).with(user(principal("qc.ortho"))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("id=\"acknowledged\"").doesNotContain("id=\"acknowledge\"").contains("陈静");
	}

	@Test
	void everyChangeIsAudited() {
		UUID id = publishedDocument("审计");
		int entries = jdbc.sql("select count(*) from audit_entry where entity_type = 'StandardDocument' and entity_id = :id")
			.param("id", id.toString()).query(Integer.class).single();
		// created, draft saved, published
		assertThat(entries).isEqualTo(3);
	}
}
