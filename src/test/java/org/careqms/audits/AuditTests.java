package org.careqms.audits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.careqms.clinicaldata.EncounterSampling;
import org.careqms.platform.InvalidInputException;
import org.careqms.standards.ChecklistItem;
import org.careqms.standards.ChecklistTemplateVersion;
import org.careqms.standards.ChecklistTemplates;
import org.careqms.standards.ScoringMethod;
import org.careqms.support.Api;
import org.careqms.support.CareQmsTest;
import org.careqms.support.ClinicalCsv;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;

/**
 * Audits end to end through the API and the services: plan generation, unannounced visibility, scoring
 * with a critical item, immutability, findings becoming actions once, sampling, photos, external
 * auditors and the report PDF.
 */
@CareQmsTest
class AuditTests {

	static final AtomicInteger SEQUENCE = new AtomicInteger();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ChecklistTemplates templates;

	@Autowired
	EncounterSampling sampling;

	@Autowired
	InspectionWork work;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	UserDetailsService users;

	@Autowired
	MockMvc mvc;

	Api api() {
		return new Api(port);
	}

	UUID hospital() {
		return jdbc.sql("select id from hospital where code = 'H0001'").query(UUID.class).single();
	}

	ChecklistTemplateVersion ward() {
		long version = templates.published(hospital()).stream().filter(t -> t.code().equals("CL-WARD-NURSING"))
			.findFirst().orElseThrow().versionId();
		return templates.version(hospital(), version).orElseThrow();
	}

	/** Plans an audit as the quality office and answers its inspections. */
	JsonNode plan(String type, String departments, String auditors, String schedule) {
		var answer = api().post("/api/v1/audit-plans", "{\"title\": \"测试计划" + SEQUENCE.incrementAndGet()
				+ "\", \"auditType\": \"" + type + "\", \"templateVersionId\": " + ward().versionId()
				+ ", \"departmentCodes\": [" + departments + "], \"auditors\": [" + auditors + "], " + schedule + "}",
				Api.demo("quality"));
		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
		return answer.json();
	}

	JsonNode once(String type, String departments, String auditors) {
		return plan(type, departments, auditors, "\"plannedOn\": \"" + LocalDate.now() + "\"");
	}

	String firstInspection(JsonNode plan) {
		return plan.get("inspections").get(0).get("id").asString();
	}

	/** Answers every item in full, except {@code failing}, which fails. */
	void answerAll(String inspection, String username, String failing, String note) {
		for (ChecklistItem item : ward().items().toList()) {
			String body;
			boolean fail = item.code().equals(failing);
			if (item.scoring() == ScoringMethod.PASS_FAIL) {
				body = "{\"outcome\": \"" + (fail ? "FAIL" : "PASS") + "\"";
			}
			else if (item.scoring() == ScoringMethod.POINTS) {
				body = "{\"outcome\": \"POINTS\", \"value\": " + (fail ? "0" : item.points().toPlainString());
			}
			else {
				body = "{\"outcome\": \"POINTS\", \"value\": " + (fail ? item.points().toPlainString() : "0");
			}
			body += fail ? ", \"note\": \"" + note + "\"}" : "}";
			var answer = api().put("/api/v1/inspections/" + inspection + "/answers/" + item.code(), body,
					Api.demo(username));
			assertThat(answer.status()).as(item.code() + " " + answer.body()).isEqualTo(200);
		}
	}

	@Test
	void aMonthlySelfInspectionPlanGivesEveryDepartmentAnInspectionEachMonthDoneByItsOwnPeople() {
		var plan = plan("SELF_INSPECTION", "\"0301\", \"0402\"", "",
				"\"firstMonth\": \"2031-01\", \"lastMonth\": \"2031-03\", \"dayOfMonth\": 10");
		var inspections = plan.get("inspections");
		assertThat(inspections.size()).isEqualTo(6);
		List<String> keys = new ArrayList<>();
		inspections.forEach(i -> keys.add(i.get("department").asString() + "@" + i.get("plannedOn").asString()));
		assertThat(keys).containsExactlyInAnyOrder("0301@2031-01-10", "0301@2031-02-10", "0301@2031-03-10",
				"0402@2031-01-10", "0402@2031-02-10", "0402@2031-03-10");
		for (JsonNode line : inspections) {
			var detail = api().get("/api/v1/inspections/" + line.get("id").asString(), Api.demo("quality")).json();
			List<String> auditors = new ArrayList<>();
			detail.get("auditors").forEach(a -> auditors.add(a.asString()));
			if (line.get("department").asString().equals("0301")) {
				assertThat(auditors).contains("qc.cardio", "head.cardio").doesNotContain("qc.ortho");
			}
			else {
				assertThat(auditors).contains("qc.ortho").doesNotContain("qc.cardio");
			}
		}
		// each department sees its own self-inspections in the calendar, not the other's
		var cardiology = api().get("/api/v1/inspections?from=2031-01-01&to=2031-03-31", Api.demo("qc.cardio")).json();
		List<String> seen = new ArrayList<>();
		cardiology.forEach(i -> seen.add(i.get("department").asString()));
		assertThat(seen).contains("0301").doesNotContain("0402");
	}

	@Test
	void anUnannouncedInspectionIsHiddenFromTheAuditedDepartmentUntilItStarts() {
		var plan = once("UNANNOUNCED", "\"0301\"", "\"qc.ortho\"");
		String inspection = firstInspection(plan);
		assertThat(api().get("/api/v1/inspections/" + inspection, Api.demo("qc.cardio")).status()).isEqualTo(404);
		assertThat(api().get("/api/v1/inspections/" + inspection, Api.demo("head.cardio")).status()).isEqualTo(404);
		var list = api().get("/api/v1/inspections?from=" + LocalDate.now() + "&to=" + LocalDate.now(),
				Api.demo("qc.cardio")).body();
		assertThat(list).doesNotContain(inspection);
		assertThat(api().get("/api/v1/inspections/" + inspection, Api.demo("qc.ortho")).status()).isEqualTo(200);
		assertThat(api().get("/api/v1/inspections/" + inspection, Api.demo("quality")).status()).isEqualTo(200);
		// the auditors arrive and enter the first answer: now the department sees it
		var item = ward().items().filter(i -> i.scoring() == ScoringMethod.PASS_FAIL).findFirst().orElseThrow();
		assertThat(api().put("/api/v1/inspections/" + inspection + "/answers/" + item.code(), "{\"outcome\": \"PASS\"}",
				Api.demo("qc.ortho")).status()).isEqualTo(200);
		var seen = api().get("/api/v1/inspections/" + inspection, Api.demo("qc.cardio"));
		assertThat(seen.status()).isEqualTo(200);
		assertThat(seen.json().get("status").asString()).isEqualTo("IN_PROGRESS");
	}

	@Test
	void aFailedCriticalItemVetoesTheInspectionAndEveryFailedItemBecomesOneAction() {
		ChecklistItem critical = ward().items().filter(ChecklistItem::critical).findFirst().orElseThrow();
		String inspection = firstInspection(once("ROUTINE", "\"0301\"", "\"qc.ortho\""));
		// submitting with unanswered items is refused
		var early = api().post("/api/v1/inspections/" + inspection + "/submit", "{}", Api.demo("qc.ortho"));
		assertThat(early.status()).isEqualTo(409);
		assertThat(early.json().get("code").asString()).isEqualTo("audits.inspection.unanswered");
		answerAll(inspection, "qc.ortho", critical.code(), "高警示药品与普通药品混放");
		var submitted = api().post("/api/v1/inspections/" + inspection + "/submit", "{}", Api.demo("qc.ortho"));
		assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
		var result = submitted.json();
		assertThat(result.get("status").asString()).isEqualTo("SUBMITTED");
		assertThat(result.get("vetoed").asBoolean()).isTrue();
		BigDecimal possible = ward().totalPoints();
		BigDecimal earned = possible.subtract(critical.points());
		assertThat(result.get("earned").decimalValue()).isEqualByComparingTo(earned);
		assertThat(result.get("possible").decimalValue()).isEqualByComparingTo(possible);
		assertThat(result.get("scorePercent").decimalValue()).isEqualByComparingTo(
				earned.multiply(BigDecimal.valueOf(100)).divide(possible, 2, java.math.RoundingMode.HALF_UP));
		assertThat(result.get("findings").size()).isEqualTo(1);
		var finding = result.get("findings").get(0);
		assertThat(finding.get("item").asString()).isEqualTo(critical.code());
		assertThat(finding.get("critical").asBoolean()).isTrue();

		// the finding becomes an action for the audited department, once
		String findingId = finding.get("id").asString();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(actionsFor(findingId)).isEqualTo(1));
		UUID department = jdbc.sql("select responsible_department_id from improvement_action where source_id = :id")
			.param("id", findingId).query(UUID.class).single();
		assertThat(department).isEqualTo(jdbc.sql("select id from department where code = '0301' and hospital_id = :h")
			.param("h", hospital()).query(UUID.class).single());
		var redelivered = new FindingRaised(UUID.fromString(findingId), hospital(), UUID.fromString(inspection), "AUD-X",
				department, "病区护理安全检查表", critical.code(), critical.text(), true, null, Instant.now());
		transactions.executeWithoutResult(status -> events.publishEvent(redelivered));
		transactions.executeWithoutResult(status -> events.publishEvent(redelivered));
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(actionsFor(findingId)).isEqualTo(1));
		// the action is the audited department's to see, and its source links back to the inspection
		var actions = api().get("/api/v1/actions", Api.demo("qc.cardio")).body();
		assertThat(actions).contains(critical.code());
		assertThat(api().get("/api/v1/inspections/" + inspection, Api.demo("qc.cardio")).status()).isEqualTo(200);
	}

	@Test
	void aSubmittedInspectionNoLongerChangesAndIsCorrectedByAnAmendment() {
		String inspection = firstInspection(once("THEMATIC", "\"0301\"", "\"qc.ortho\""));
		answerAll(inspection, "qc.ortho", "none", "");
		var submitted = api().post("/api/v1/inspections/" + inspection + "/submit", "{}", Api.demo("qc.ortho")).json();
		assertThat(submitted.get("vetoed").asBoolean()).isFalse();
		assertThat(submitted.get("scorePercent").decimalValue()).isEqualByComparingTo("100");
		String item = ward().items().filter(i -> i.scoring() == ScoringMethod.PASS_FAIL).findFirst().orElseThrow().code();
		var again = api().put("/api/v1/inspections/" + inspection + "/answers/" + item, "{\"outcome\": \"FAIL\"}",
				Api.demo("qc.ortho"));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("code").asString()).isEqualTo("audits.inspection.submitted");
		assertThat(api().post("/api/v1/inspections/" + inspection + "/submit", "{}", Api.demo("qc.ortho")).status())
			.isEqualTo(409);
		// not even a write that goes around the application changes its answers
		long itemId = ward().items().findFirst().orElseThrow().id();
		assertThatThrownBy(() -> jdbc.sql("update inspection_answer set earned = 0 where inspection_id = :id")
			.param("id", UUID.fromString(inspection)).update()).hasMessageContaining("submitted");
		assertThatThrownBy(() -> jdbc.sql("delete from inspection_answer where inspection_id = :id and item_id = :item")
			.param("id", UUID.fromString(inspection)).param("item", itemId).update()).hasMessageContaining("submitted");
		// the correction: a new inspection with the answers copied, the original as it was
		var amendment = withUser("qc.ortho", () -> work.amend(UUID.fromString(inspection), "现场复核发现录入错误"));
		assertThat(amendment.getAmendsId()).isEqualTo(UUID.fromString(inspection));
		assertThat(work.answers(amendment.getId())).hasSize((int) ward().items().count());
		assertThatThrownBy(() -> withUser("qc.ortho", () -> work.amend(UUID.fromString(inspection), "再次")))
			.isInstanceOf(org.careqms.platform.RuleViolationException.class);
		assertThat(jdbc.sql("select count(*) from audit_entry where entity_type = 'Inspection' and entity_id = :id")
			.param("id", inspection).query(Long.class).single()).isGreaterThanOrEqualTo(3);
	}

	@Test
	void theSameSeedDrawsTheSameSampleWhateverTheRowOrder() {
		String code = "AS" + SEQUENCE.incrementAndGet() + System.nanoTime() % 100000;
		assertThat(api().post("/api/v1/departments", "{\"code\": \"" + code + "\", \"name\": \"抽样测试科\"}",
				Api.demo("admin")).status()).isEqualTo(201);
		List<String> rows = new ArrayList<>();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			String id = code + "-E" + i;
			ids.add(id);
			rows.add(ClinicalCsv.encounter(id).replace(",0301,", "," + code + ","));
		}
		var imported = api().upload("/api/v1/imports/encounters", "encounters.csv",
				ClinicalCsv.file(ClinicalCsv.ENCOUNTERS, rows.toArray(String[]::new)), Api.demo("admin"), null);
		assertThat(imported.json().get("accepted").asInt()).as(imported.body()).isEqualTo(40);
		UUID department = jdbc.sql("select id from department where code = :code").param("code", code)
			.query(UUID.class).single();
		LocalDate from = LocalDate.of(2019, 1, 1);
		LocalDate to = LocalDate.of(2019, 1, 31);
		var first = sampling.sample(hospital(), List.of(department), from, to, EncounterSampling.Unit.ENCOUNTER,
				"seed-2026", 8);
		var second = sampling.sample(hospital(), List.of(department), from, to, EncounterSampling.Unit.ENCOUNTER,
				"seed-2026", 8);
		assertThat(first).hasSize(8).isEqualTo(second);
		// the order is md5(seed:encounter): anyone can redo the draw without the database
		List<String> expected = ids.stream().sorted(Comparator.comparing(id -> md5("seed-2026:" + id))).limit(8).toList();
		assertThat(first.stream().map(EncounterSampling.SampledEncounter::encounterId).toList()).isEqualTo(expected);
		var other = sampling.sample(hospital(), List.of(department), from, to, EncounterSampling.Unit.ENCOUNTER,
				"another-seed", 8);
		assertThat(other).isNotEqualTo(first);
		assertThat(sampling.population(hospital(), List.of(department), from, to, EncounterSampling.Unit.ENCOUNTER))
			.isEqualTo(40);

		// on an inspection: the seed is kept and shown, the drawn records listed
		String inspection = firstInspection(once("ROUTINE", "\"" + code + "\"", "\"quality\""));
		var drawn = api().post("/api/v1/inspections/" + inspection + "/sample",
				"{\"from\": \"2019-01-01\", \"to\": \"2019-01-31\", \"size\": 8, \"seed\": \"seed-2026\"}",
				Api.demo("quality"));
		assertThat(drawn.status()).as(drawn.body()).isEqualTo(200);
		assertThat(drawn.json().get("seed").asString()).isEqualTo("seed-2026");
		assertThat(drawn.json().get("population").asLong()).isEqualTo(40);
		List<String> listed = new ArrayList<>();
		drawn.json().get("lines").forEach(l -> listed.add(l.get("encounterId").asString()));
		assertThat(listed).isEqualTo(expected);
		// without a seed, one is made up and recorded
		var random = api().post("/api/v1/inspections/" + inspection + "/sample",
				"{\"from\": \"2019-01-01\", \"to\": \"2019-01-31\", \"size\": 5}", Api.demo("quality")).json();
		assertThat(random.get("seed").asString()).matches("[0-9a-f]{16}");
		assertThat(api().get("/api/v1/inspections/" + inspection + "/sample", Api.demo("quality")).json().get("seed")
			.asString()).isEqualTo(random.get("seed").asString());
		var bad = api().post("/api/v1/inspections/" + inspection + "/sample",
				"{\"from\": \"2019-02-01\", \"to\": \"2019-01-01\", \"size\": 500, \"seed\": \"no spaces\"}",
				Api.demo("quality"));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.body()).contains("size", "seed", "to");
	}

	@Test
	void photosAreTakenByTheirContentNotTheirNameAndWithinTheSizeLimit() {
		String inspection = firstInspection(once("NIGHT", "\"0301\"", "\"qc.ortho\""));
		long item = ward().items().findFirst().orElseThrow().id();
		UUID id = UUID.fromString(inspection);
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
		var photo = withUser("qc.ortho", () -> work.addPhoto(id, item, png));
		assertThat(photo.contentType()).isEqualTo("image/png");
		byte[] script = "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8);
		assertThatThrownBy(() -> withUser("qc.ortho", () -> work.addPhoto(id, item, script)))
			.isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.problems().get(0).messageKey()).isEqualTo("error.audits.photo-type"));
		byte[] huge = new byte[(int) work.photoMaxBytes() + 1];
		huge[0] = (byte) 0xFF;
		huge[1] = (byte) 0xD8;
		huge[2] = (byte) 0xFF;
		assertThatThrownBy(() -> withUser("qc.ortho", () -> work.addPhoto(id, item, huge)))
			.isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.problems().get(0).messageKey()).isEqualTo("error.audits.photo-size"));
		byte[] webp = { 'R', 'I', 'F', 'F', 1, 2, 3, 4, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' ' };
		assertThat(withUser("qc.ortho", () -> work.addPhoto(id, item, webp)).contentType()).isEqualTo("image/webp");
		// served to whoever may see the inspection, as an image that is never sniffed; to no one else
		assertThat(withUser("head.cardio", () -> work.photo(photo.id())).content()).isEqualTo(png);
		assertThatThrownBy(() -> withUser("nurse.cardio", () -> work.photo(photo.id())))
			.isInstanceOf(org.careqms.platform.NotFoundException.class);
	}

	@Test
	void anExternalAuditorReadsOnlyTheirDepartmentAndOnlyUntilTheirAccessEnds() {
		// a department of its own, so that the auditor added here is nobody else's colleague
		String code = "AX" + SEQUENCE.incrementAndGet() + System.nanoTime() % 100000;
		assertThat(api().post("/api/v1/departments", "{\"code\": \"" + code + "\", \"name\": \"外审测试科\"}",
				Api.demo("admin")).status()).isEqualTo(201);
		String inspection = firstInspection(once("THIRD_PARTY", "\"" + code + "\"", "\"qc.ortho\""));
		String orthopaedics = firstInspection(once("THIRD_PARTY", "\"0402\"", "\"qc.ortho\""));
		String username = "ext.auditor" + SEQUENCE.incrementAndGet();
		var created = api().post("/api/v1/users", "{\"username\": \"" + username
				+ "\", \"password\": \"Matrix#2026pw\", \"displayName\": \"外部评审\", \"roles\": [\"AUDITOR\"], "
				+ "\"departmentCodes\": [\"" + code + "\"], \"accessExpiresAt\": \"" + LocalDate.now().plusDays(30)
				+ "T00:00:00\"}",
				Api.demo("admin"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String auth = Api.basic(username, "Matrix#2026pw");
		assertThat(api().get("/api/v1/inspections/" + inspection, auth).status()).isEqualTo(200);
		assertThat(api().get("/api/v1/inspections/" + orthopaedics, auth).status()).isEqualTo(404);
		String item = ward().items().findFirst().orElseThrow().code();
		assertThat(api().put("/api/v1/inspections/" + inspection + "/answers/" + item, "{\"outcome\": \"PASS\"}", auth)
			.status()).isEqualTo(403);
		assertThat(api().post("/api/v1/audit-plans", "{}", auth).status()).isEqualTo(403);
		jdbc.sql("update app_user set access_expires_at = now() - interval '1 minute' where username = :u")
			.param("u", username).update();
		assertThat(api().get("/api/v1/inspections/" + inspection, auth).status()).isEqualTo(401);
	}

	@Test
	void theReportPdfCarriesTheChecklistInChineseAndInEnglish() throws Exception {
		ChecklistItem critical = ward().items().filter(ChecklistItem::critical).findFirst().orElseThrow();
		String inspection = firstInspection(once("ROUTINE", "\"0301\"", "\"qc.ortho\""));
		answerAll(inspection, "qc.ortho", critical.code(), "冰箱温度记录缺失三天");
		assertThat(api().post("/api/v1/inspections/" + inspection + "/submit", "{}", Api.demo("qc.ortho")).status())
			.isEqualTo(200);
		String reference = api().get("/api/v1/inspections/" + inspection, Api.demo("quality")).json().get("reference")
			.asString();
		byte[] zh = mvc.perform(get("/api/v1/inspections/{id}/report.pdf", inspection).with(user(as("quality")))
			.header("Accept-Language", "zh-CN")).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsByteArray();
		String zhText = text(zh);
		// the font is embedded as the subset of the glyphs used, not the whole 4 MB font
		assertThat(zh.length).isLessThan(1_000_000);
		assertThat(zhText).contains("检查报告 " + reference, "心血管内科", "单项否决", critical.text().substring(0, 8),
				"冰箱温度记录缺失三天", "检查人签字");
		byte[] en = mvc.perform(get("/api/v1/inspections/{id}/report.pdf", inspection).with(user(as("quality")))
			.header("Accept-Language", "en")).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsByteArray();
		assertThat(text(en)).contains("Inspection report " + reference, "Vetoed", "Auditor's signature");
		// someone who may not see the inspection gets no report
		mvc.perform(get("/api/v1/inspections/{id}/report.pdf", inspection).with(user(as("qc.cardio")))
			.header("Accept-Language", "zh-CN")).andExpect(status().isOk());
		mvc.perform(get("/api/v1/inspections/{id}/report.pdf", inspection).with(user(as("nurse.cardio"))))
			.andExpect(status().isNotFound());
	}

	private String text(byte[] pdf) throws Exception {
		assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		try (var document = Loader.loadPDF(pdf)) {
			return new PDFTextStripper().getText(document);
		}
	}

	private UserDetails as(String username) {
		return users.loadUserByUsername(username);
	}

	private long actionsFor(String findingId) {
		return jdbc.sql("select count(*) from improvement_action where source_type = 'AUDIT_FINDING' and source_id = :id")
			.param("id", findingId).query(Long.class).single();
	}

	private <T> T withUser(String username, java.util.function.Supplier<T> call) {
		var context = org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
		var details = as(username);
		context.setAuthentication(new org.springframework.security.authentication.UsernamePasswordAuthenticationToken(
				details, null, details.getAuthorities()));
		org.springframework.security.core.context.SecurityContextHolder.setContext(context);
		try {
			return call.get();
		}
		finally {
			org.springframework.security.core.context.SecurityContextHolder.clearContext();
		}
	}

	private static String md5(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
