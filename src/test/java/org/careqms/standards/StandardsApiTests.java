package org.careqms.standards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

import org.careqms.support.Api;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The standards API: core systems, checklist templates (shape, drafts, publishing, errors). */
@CareQmsTest
class StandardsApiTests {

	static final AtomicInteger SEQUENCE = new AtomicInteger();

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void setUp() {
		api = new Api(port);
	}

	static String code() {
		return "API-CL" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 10000;
	}

	static String template(String code, boolean publish) {
		return """
				{"code": "%s", "name": "接口检查表", "description": "用于接口测试", "auditTypes": ["专项检查", "科室自查"],
				 "publish": %s,
				 "sections": [
				   {"title": "查房", "items": [
				     {"text": "工作日每天查房2次", "scoring": "DEDUCTION", "points": 5, "coreSystemCheckId": "CS02-K4"},
				     {"code": "1.9", "text": "急会诊10分钟到位", "guidance": "调阅记录", "scoring": "PASS_FAIL", "points": 10,
				      "critical": true}]},
				   {"title": "核对", "items": [
				     {"text": "两种身份标识", "scoring": "POINTS", "points": 2.5, "notApplicableAllowed": true}]}]}"""
			.formatted(code, publish);
	}

	@Test
	void theCoreSystemsAreListedWithChecksAndIndicators() {
		var answer = api.get("/api/v1/standards/core-systems", Api.demo("nurse.cardio"));
		assertThat(answer.status()).isEqualTo(200);
		JsonNode systems = answer.json();
		assertThat(systems.size()).isEqualTo(18);
		JsonNode rounds = systems.get(1);
		assertThat(rounds.get("id").asString()).isEqualTo("CS02");
		assertThat(rounds.get("name").asString()).isEqualTo("三级查房制度");
		assertThat(rounds.get("nameEn").asString()).isEqualTo("Three-level ward-round system");
		assertThat(rounds.get("checks").get(3).get("id").asString()).isEqualTo("CS02-K4");
		assertThat(rounds.get("checks").get(3).get("status").asString()).isEqualTo("CONFIRMED");
		assertThat(rounds.get("monitoringIndicators").size()).isEqualTo(3);
		assertThat(rounds.get("monitoringIndicators").get(0).get("id").asString()).isEqualTo("CS2025-02");
	}

	@Test
	void aTemplateIsCreatedPublishedAndReadBack() {
		String code = code();
		var created = api.post("/api/v1/checklist-templates", template(code, true), Api.demo("quality"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonNode v = created.json();
		assertThat(v.get("code").asString()).isEqualTo(code);
		assertThat(v.get("published").asBoolean()).isTrue();
		assertThat(v.get("versionNumber").asInt()).isEqualTo(1);
		assertThat(v.get("totalPoints").decimalValue()).isEqualByComparingTo("17.5");
		assertThat(v.get("sections").size()).isEqualTo(2);
		JsonNode first = v.get("sections").get(0).get("items");
		assertThat(first.get(0).get("code").asString()).isEqualTo("1.1");
		assertThat(first.get(0).get("scoring").asString()).isEqualTo("DEDUCTION");
		assertThat(first.get(0).get("coreSystemCheckId").asString()).isEqualTo("CS02-K4");
		assertThat(first.get(1).get("code").asString()).isEqualTo("1.9");
		assertThat(first.get(1).get("critical").asBoolean()).isTrue();
		assertThat(v.get("sections").get(1).get("items").get(0).get("notApplicableAllowed").asBoolean()).isTrue();
		assertThat(v.has("itemCount")).as("only the record's components").isFalse();

		String templateId = v.get("templateId").asString();
		String versionId = v.get("versionId").asString();
		var read = api.get("/api/v1/checklist-templates/" + templateId + "/versions/" + versionId, Api.demo("nurse.cardio"));
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json()).isEqualTo(v);
		var list = api.get("/api/v1/checklist-templates", Api.demo("auditor"));
		List<String> codes = new ArrayList<>();
		list.json().forEach(t -> codes.add(t.get("code").asString()));
		assertThat(codes).contains(code, StandardsDemoData.CORE_TEMPLATE, StandardsDemoData.WARD_TEMPLATE);
		var detail = api.get("/api/v1/checklist-templates/" + templateId, Api.demo("qc.ortho"));
		assertThat(detail.json().get("auditTypes").get(1).asString()).isEqualTo("科室自查");
		assertThat(detail.json().get("versions").size()).isEqualTo(1);
	}

	@Test
	void aDraftIsTheQualityOfficesUntilPublished() {
		var created = api.post("/api/v1/checklist-templates", template(code(), false), Api.demo("quality"));
		String templateId = created.json().get("templateId").asString();
		String versionId = created.json().get("versionId").asString();
		String path = "/api/v1/checklist-templates/" + templateId + "/versions/" + versionId;
		assertThat(created.json().get("published").asBoolean()).isFalse();
		assertThat(api.get(path, Api.demo("quality")).status()).isEqualTo(200);
		assertThat(api.get(path, Api.demo("head.cardio")).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/checklist-templates/" + templateId, Api.demo("head.cardio")).status()).isEqualTo(404);

		var replaced = api.put(path, """
				{"sections": [{"title": "唯一分组", "items": [{"text": "新条目", "scoring": "POINTS", "points": 3}]}]}""",
				Api.demo("quality"));
		assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
		assertThat(replaced.json().get("totalPoints").decimalValue()).isEqualByComparingTo("3");
		assertThat(replaced.json().get("sections").size()).isEqualTo(1);

		var published = api.post(path + "/publish", null, Api.demo("admin"));
		assertThat(published.status()).as(published.body()).isEqualTo(200);
		assertThat(api.get(path, Api.demo("head.cardio")).status()).isEqualTo(200);
		// published: frozen
		var again = api.post(path + "/publish", null, Api.demo("quality"));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("code").asString()).isEqualTo("standards.template.published");
		assertThat(api.put(path, "{\"sections\": []}", Api.demo("quality")).status()).isEqualTo(409);

		var next = api.post("/api/v1/checklist-templates/" + templateId + "/versions", null, Api.demo("quality"));
		assertThat(next.status()).isEqualTo(201);
		assertThat(next.json().get("versionNumber").asInt()).isEqualTo(2);
		assertThat(next.json().get("sections").get(0).get("title").asString()).isEqualTo("唯一分组");
		var twice = api.post("/api/v1/checklist-templates/" + templateId + "/versions", null, Api.demo("quality"));
		assertThat(twice.status()).isEqualTo(409);
		assertThat(twice.json().get("code").asString()).isEqualTo("standards.template.draft-exists");
	}

	@Test
	void badTemplatesAreAnsweredWith400NamingTheField() {
		var answer = api.send("POST", "/api/v1/checklist-templates", """
				{"code": "%s", "name": "", "sections": [{"title": "一", "items": [
				  {"text": "条目", "scoring": "POINTS", "points": -1},
				  {"text": "", "scoring": "POINTS", "points": 1, "coreSystemCheckId": "CS99-K1"}]}]}""".formatted(code()),
				Api.demo("quality"), "en");
		assertThat(answer.status()).as(answer.body()).isEqualTo(400);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		List<String> fields = new ArrayList<>();
		answer.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
		assertThat(fields).contains("name");
		assertThat(answer.body()).contains("Required");
		// section problems are reported once the template itself is fine
		var items = api.post("/api/v1/checklist-templates", """
				{"code": "%s", "name": "坏条目", "sections": [{"title": "一", "items": [
				  {"text": "条目", "scoring": "POINTS", "points": -1},
				  {"text": "", "scoring": "POINTS", "points": 1, "coreSystemCheckId": "CS99-K1"},
				  {"code": "A", "text": "x", "scoring": "PASS_FAIL", "points": 1}, {"code": "A", "text": "y", "scoring": "POINTS", "points": 1}]}]}"""
			.formatted(code()), Api.demo("quality"));
		assertThat(items.status()).as(items.body()).isEqualTo(400);
		fields.clear();
		items.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
		assertThat(fields).containsExactlyInAnyOrder("sections[0].items[0].points", "sections[0].items[1].text",
				"sections[0].items[1].coreSystemCheckId", "sections[0].items[3].code");
		var unknownScoring = api.post("/api/v1/checklist-templates",
				"{\"code\": \"" + code() + "\", \"name\": \"x\", \"sections\": [{\"title\": \"a\", \"items\": [{\"text\": \"t\", \"scoring\": \"STARS\", \"points\": 1}]}]}",
				Api.demo("quality"));
		assertThat(unknownScoring.status()).isEqualTo(400);
		// nothing of the refused templates was kept
		assertThat(api.get("/api/v1/checklist-templates", Api.demo("quality")).body()).doesNotContain("坏条目");
	}

	@Test
	void aTakenCodeIsAConflictAndEmptyTemplatesCannotBePublished() {
		String code = code();
		assertThat(api.post("/api/v1/checklist-templates", template(code, false), Api.demo("quality")).status()).isEqualTo(201);
		var again = api.post("/api/v1/checklist-templates", template(code, false), Api.demo("quality"));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("code").asString()).isEqualTo("standards.template.code-taken");
		var empty = api.post("/api/v1/checklist-templates",
				"{\"code\": \"" + code() + "\", \"name\": \"空表\", \"publish\": true, \"sections\": []}", Api.demo("quality"));
		assertThat(empty.status()).isEqualTo(409);
		assertThat(empty.json().get("code").asString()).isEqualTo("standards.template.empty");
	}

	@Test
	void unknownOrMismatchedIdsAre404() {
		var created = api.post("/api/v1/checklist-templates", template(code(), true), Api.demo("quality"));
		String versionId = created.json().get("versionId").asString();
		assertThat(api.get("/api/v1/checklist-templates/999999999/versions/" + versionId, Api.demo("quality")).status())
			.isEqualTo(404);
		assertThat(api.get("/api/v1/checklist-templates/999999999", Api.demo("quality")).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/checklist-templates/abc", Api.demo("quality")).status()).isEqualTo(400);
	}

	@Test
	void documentsInForceAreListedAndAcknowledgedOnce() {
		var list = api.get("/api/v1/standards/documents?type=REGULATION", Api.demo("qc.ortho"));
		assertThat(list.status()).isEqualTo(200);
		JsonNode consultation = null;
		for (JsonNode d : list.json()) {
			assertThat(d.get("type").asString()).isEqualTo("REGULATION");
			if (d.get("code").asString().equals("ZD-YW-003")) {
				consultation = d;
			}
		}
		assertThat(consultation).isNotNull();
		assertThat(consultation.get("ownerDepartment").asString()).isEqualTo("1001");
		assertThat(consultation.get("coreSystems").toString()).contains("CS03", "CS16");
		assertThat(consultation.get("versionInForce").get("versionNumber").asInt()).isEqualTo(1);
		String path = "/api/v1/standards/documents/" + consultation.get("id").asString() + "/versions/"
				+ consultation.get("versionInForce").get("versionId").asString() + "/acknowledgement";
		var first = api.post(path, null, Api.demo("qc.ortho"));
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		var again = api.post(path, null, Api.demo("qc.ortho"));
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get("acknowledgedAt")).isEqualTo(first.json().get("acknowledgedAt"));
		var unread = api.get("/api/v1/standards/documents?unread=true", Api.demo("qc.ortho"));
		unread.json().forEach(d -> assertThat(d.get("code").asString()).isNotEqualTo("ZD-YW-003"));
		String unknownVersion = path.replace(consultation.get("versionInForce").get("versionId").asString(),
				java.util.UUID.randomUUID().toString());
		assertThat(api.post(unknownVersion, null, Api.demo("qc.ortho")).status()).isEqualTo(404);
		assertThat(api.post(path, null, Api.demo("auditor")).status()).isEqualTo(403);
	}
}
