package org.careqms.indicators.spc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.StringJoiner;

import org.careqms.support.Api;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/spc/analyze} over real HTTP: the contract's field names, 400 problems, 401. */
@CareQmsTest
class SpcApiTests {

	static final String ANALYZE = "/api/v1/spc/analyze";

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void setUp() {
		api = new Api(port);
	}

	@Test
	void analysesAPChart() {
		// CL = 16/120; n = 20: UCL = CL + 3·√(CL(1 − CL)/20) = 0.361368, LCL → 0
		var answer = api.post(ANALYZE, """
				{"chart": "p", "values": [2, 5, 1, 8], "denominators": [20, 50, 10, 40]}""", Api.demo("qc.cardio"));
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		JsonNode json = answer.json();
		assertThat(json.get("chart").asString()).isEqualTo("p");
		JsonNode first = json.get("points").get(0);
		assertThat(first.get("value").isDouble()).isTrue();
		assertThat(first.get("value").asDouble()).isCloseTo(0.1, within(1e-12));
		assertThat(first.get("centerLine").asDouble()).isCloseTo(16.0 / 120, within(1e-12));
		assertThat(first.get("ucl").asDouble()).isCloseTo(0.3613684183531609, within(1e-9));
		assertThat(first.get("lcl").asDouble()).isZero();
		assertThat(first.get("sigmaSignal").asBoolean()).isFalse();
		assertThat(first.get("runsSignal").asBoolean()).isFalse();
		assertThat(first.get("part").asInt()).isEqualTo(1);
		assertThat(first.get("baseline").asBoolean()).isTrue();
		assertThat(first.get("included").asBoolean()).isTrue();
		JsonNode part = json.get("parts").get(0);
		assertThat(part.get("part").asInt()).isEqualTo(1);
		assertThat(part.get("from").asInt()).isEqualTo(1);
		assertThat(part.get("to").asInt()).isEqualTo(4);
		// signs against 0.1333: − − − + → longest 3, 1 crossing; n = 4 → max 5, min qbinom(0.05, 3, ½) = 0
		assertThat(part.get("longestRun").asInt()).isEqualTo(3);
		assertThat(part.get("longestRunMax").asInt()).isEqualTo(5);
		assertThat(part.get("crossings").asInt()).isEqualTo(1);
		assertThat(part.get("crossingsMin").asInt()).isZero();
		assertThat(part.get("runsSignal").asBoolean()).isFalse();
	}

	@Test
	void missingNumbersAreNull() {
		var run = api.post(ANALYZE, """
				{"chart": "run", "values": [3, null, 4, 8]}""", Api.demo("nurse.cardio")).json();
		assertThat(run.get("points").get(0).get("lcl").isNull()).isTrue();
		assertThat(run.get("points").get(0).get("ucl").isNull()).isTrue();
		assertThat(run.get("points").get(1).get("value").isNull()).isTrue();
		assertThat(run.get("points").get(1).get("centerLine").asDouble()).isEqualTo(4.0);

		var mr = api.post(ANALYZE, """
				{"chart": "mr", "values": [3, 5, 4, 8], "breaks": [2], "exclude": [4], "multiply": 10}""",
				Api.demo("auditor")).json();
		assertThat(mr.get("points").get(0).get("value").isNull()).isTrue();
		assertThat(mr.get("points").get(2).get("value").isNull()).isTrue();
		assertThat(mr.get("points").get(3).get("value").asDouble()).isEqualTo(40.0);
		assertThat(mr.get("points").get(3).get("included").asBoolean()).isFalse();
		assertThat(mr.get("parts").size()).isEqualTo(2);
	}

	@Test
	void analysesSubgroups() {
		var answer = api.post(ANALYZE, """
				{"chart": "xbar", "subgroups": [[1, 2, 3], [2, 3, 4], [3, 4, 5]], "screenMovingRanges": false}""",
				Api.demo("qc.cardio"));
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("points").get(0).get("ucl").asDouble()).isCloseTo(4.95441004761168, within(1e-9));
	}

	@Test
	void analysesAMakingDataCountChart() {
		StringJoiner values = new StringJoiner(", ");
		StringJoiner dates = new StringJoiner(", ");
		double[] y = { 9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 16 };
		for (int i = 0; i < y.length; i++) {
			values.add(Double.toString(y[i]));
			dates.add("\"2025-%02d-01\"".formatted(i % 12 + 1).replace("2025", i < 12 ? "2025" : "2026"));
		}
		var answer = api.post(ANALYZE, """
				{"chart": "xmr-mdc", "values": [%s], "dates": [%s], "improvement": "decrease", "target": 3,
				 "fixAfterPoints": 12}""".formatted(values, dates), Api.demo("qc.cardio"));
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		JsonNode json = answer.json();
		assertThat(json.get("chart").asString()).isEqualTo("xmr-mdc");
		JsonNode last = json.get("points").get(12);
		assertThat(last.get("specialCause").asString()).isEqualTo("ABOVE_UCL");
		assertThat(last.get("pointType").asString()).isEqualTo("special_cause_concern");
		assertThat(last.get("ucl").asDouble()).isCloseTo(15.32, within(1e-9));
		assertThat(last.get("sigmaSignal").asBoolean()).isTrue();
		assertThat(last.get("date").asString()).isEqualTo("2026-01-01");
		assertThat(json.get("points").get(0).get("specialCause").asString()).isEqualTo("COMMON_CAUSE");
		assertThat(json.get("points").get(0).get("pointType").asString()).isEqualTo("common_cause");
		JsonNode group = json.get("parts").get(0);
		assertThat(group.get("variation").asString()).isEqualTo("special_cause_concern");
		// target 3 < LPL 4.68 with improvement downwards
		assertThat(group.get("assurance").asString()).isEqualTo("consistent_fail");
		assertThat(group.get("shortGroupWarning").asBoolean()).isFalse();
		assertThat(group.get("from").asInt()).isEqualTo(1);
		assertThat(group.get("to").asInt()).isEqualTo(13);

		var neutral = api.post(ANALYZE, """
				{"chart": "xmr-mdc", "values": [1, 2, 3], "improvement": "neutral", "target": 3}""", Api.demo("auditor"));
		assertThat(neutral.json().get("parts").get(0).get("assurance").isNull()).isTrue();
		assertThat(neutral.json().get("parts").get(0).get("shortGroupWarning").asBoolean()).isTrue();
	}

	@Test
	void badInputIsA400ProblemNamingTheField() {
		assertValidation("""
				{"chart": "p", "values": [1, 2, 3]}""", "denominators");
		assertValidation("""
				{"chart": "u", "values": [1, 2, 3], "denominators": [1, 2]}""", "denominators");
		assertValidation("""
				{"chart": "pie", "values": [1, 2, 3]}""", "chart");
		assertValidation("""
				{"values": [1, 2, 3]}""", "chart");
		assertValidation("""
				{"chart": "i", "values": [4]}""", "values");
		assertValidation("""
				{"chart": "i"}""", "values");
		assertValidation("""
				{"chart": "t", "values": [4, 0, 2]}""", "values[1]");
		assertValidation("""
				{"chart": "i", "values": [4, 1, 2], "breaks": [3]}""", "breaks[0]");
		assertValidation("""
				{"chart": "i", "values": [4, 1, 2], "exclude": [null]}""", "exclude[0]");
		assertValidation("""
				{"chart": "i", "values": [4, 1, 2], "freeze": 0}""", "freeze");
		assertValidation("""
				{"chart": "xbar", "values": [4, 1, 2]}""", "subgroups");
		assertValidation("""
				{"chart": "xmr-mdc", "values": [4, 1, 2], "dates": ["2026-01-01", "2026-13-01", "x"]}""", "dates[1]");
		assertValidation("""
				{"chart": "xmr-mdc", "values": [4, 1, 2], "improvement": "up"}""", "improvement");
		assertValidation("""
				{"chart": "xmr-mdc", "values": [4, 1, 2], "fixAfterPoints": 3}""", "fixAfterPoints");
		assertValidation("""
				{"chart": "xmr-mdc", "values": [4, null, 2]}""", "values[1]");
	}

	private void assertValidation(String body, String field) {
		var answer = api.send("POST", ANALYZE, body, Api.demo("qc.cardio"), "en");
		assertThat(answer.status()).as(body + " → " + answer.body()).isEqualTo(400);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		JsonNode json = answer.json();
		assertThat(json.get("code").asString()).isEqualTo("validation");
		assertThat(json.get("errors").valueStream().map(e -> e.get("field").asString())).as(body).contains(field);
		assertThat(json.get("errors").valueStream().map(e -> e.get("message").asString()))
			.noneMatch(message -> message.startsWith("error."));
	}

	@Test
	void messagesAreInTheCallersLanguage() {
		String body = """
				{"chart": "i", "values": [1]}""";
		JsonNode english = api.send("POST", ANALYZE, body, Api.demo("qc.cardio"), "en").json();
		assertThat(english.get("errors").get(0).get("message").asString()).isEqualTo("At least 2 points are needed.");
		JsonNode chinese = api.send("POST", ANALYZE, body, Api.demo("qc.cardio"), "zh-CN").json();
		assertThat(chinese.get("errors").get(0).get("message").asString()).isEqualTo("至少需要 2 个数据点。");
	}

	@Test
	void anonymousCallersGet401() {
		var answer = api.post(ANALYZE, """
				{"chart": "run", "values": [1, 2, 3]}""", null);
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.contentType()).startsWith("application/problem+json");
	}

	@Test
	void oddRequestsAreAnsweredWith200Or400NeverA500() {
		StringJoiner big = new StringJoiner(",", "[", "]");
		for (int i = 0; i < 10_000; i++) {
			big.add(i % 97 == 0 ? "null" : Integer.toString(i % 13));
		}
		List<String> bodies = List.of("{}", "[]", "null", "\"p\"", "{\"chart\": null}", "{\"chart\": 5, \"values\": [1, 2]}",
				"{\"chart\": \"i\", \"values\": []}", "{\"chart\": \"i\", \"values\": [null, null]}",
				"{\"chart\": \"i\", \"values\": [NaN, 1]}", "{\"chart\": \"i\", \"values\": [1e400, 2]}",
				"{\"chart\": \"i\", \"values\": \"abc\"}", "{\"chart\": \"i\", \"values\": [[1], 2]}",
				"{\"chart\": \"i\", \"values\": [1, 2], \"breaks\": [1.5]}",
				"{\"chart\": \"i\", \"values\": [1, 2], \"freeze\": 99999999999}",
				"{\"chart\": \"i\", \"values\": [1, 2], \"multiply\": -1}",
				"{\"chart\": \"p\", \"values\": [1, 2], \"denominators\": [null, 0]}",
				"{\"chart\": \"p\", \"values\": [null, 2], \"denominators\": [null, 3]}",
				"{\"chart\": \"xbar\", \"subgroups\": [[], null, [1], [null]]}",
				"{\"chart\": \"s\", \"subgroups\": [[1, 2], [3, 4, 5]], \"exclude\": [1, 2]}",
				"{\"chart\": \"g\", \"values\": [0, 0, 0]}", "{\"chart\": \"t\", \"values\": [null, 1e-300, 1e300]}",
				"{\"chart\": \"xmr-mdc\", \"values\": [1, 2], \"dates\": [null, \"2026-01-01\"]}",
				"{\"chart\": \"xmr-mdc\", \"values\": [1, 2], \"dates\": [\"2026-01-01\", \"2026-01-01\"]}",
				"{\"chart\": \"xmr-mdc\", \"values\": [1, 1e308, -1e308], \"rebase\": [1, 3], \"target\": 1e308}",
				"{\"chart\": \"i\", \"values\": " + big + ", \"breaks\": [5000], \"exclude\": [7, 8]}",
				"{\"chart\": \"xmr-mdc\", \"values\": " + big.toString().replace("null", "1") + ", \"rebase\": [5000]}",
				"{\"chart\": \"pp\", \"values\": " + big + ", \"denominators\": " + big.toString().replace("null", "20")
						+ "}");
		for (String body : bodies) {
			var answer = api.post(ANALYZE, body, Api.demo("qc.cardio"));
			assertThat(answer.status()).as(body.length() > 300 ? body.substring(0, 300) : body).isIn(200, 400);
			if (answer.status() == 400) {
				assertThat(answer.contentType()).startsWith("application/problem+json");
			}
		}
	}
}
