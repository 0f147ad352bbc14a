package org.careqms.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import tools.jackson.databind.JsonNode;

import org.careqms.support.Api;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The committee API over real HTTP against the demo hospital. */
@CareQmsTest
class CommitteeApiTests {

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void setUp() {
		api = new Api(port);
	}

	private List<JsonNode> committeesSeenBy(String user) {
		var answer = api.get("/api/v1/committees", Api.demo(user));
		assertThat(answer.status()).isEqualTo(200);
		return answer.json().valueStream().toList();
	}

	private static List<String> codes(List<JsonNode> committees) {
		return committees.stream().map(c -> c.get("code").asString()).toList();
	}

	@Test
	void everyoneSeesTheHospitalCommitteesButOnlyTheirOwnQcGroups() {
		assertThat(codes(committeesSeenBy("admin"))).contains("QMC", "MRC", "PTC", "ICC", "BTC", "QC-0301", "QC-0402");
		assertThat(codes(committeesSeenBy("head.cardio"))).contains("QMC", "BTC", "QC-0301").doesNotContain("QC-0402");
		assertThat(codes(committeesSeenBy("qc.ortho"))).contains("QMC", "QC-0402").doesNotContain("QC-0301");
		assertThat(codes(committeesSeenBy("nurse.cardio"))).contains("ICC").doesNotContain("QC-0301", "QC-0402");
	}

	@Test
	void showsMembersWithPositionAndDuty() {
		JsonNode group = committeesSeenBy("head.cardio").stream()
			.filter(c -> c.get("code").asString().equals("QC-0301"))
			.findFirst()
			.orElseThrow();
		assertThat(group.get("type").asString()).isEqualTo("DEPARTMENT_QC_GROUP");
		assertThat(group.get("departmentCode").asString()).isEqualTo("0301");
		JsonNode chair = group.get("members").get(0);
		assertThat(chair.get("employeeNo").asString()).isEqualTo("D0301001");
		assertThat(chair.get("name").asString()).isEqualTo("张伟");
		assertThat(chair.get("position").asString()).isEqualTo("CHAIR");
		assertThat(chair.get("duty").asString()).isNotBlank();

		JsonNode quality = committeesSeenBy("auditor").stream()
			.filter(c -> c.get("code").asString().equals("QMC"))
			.findFirst()
			.orElseThrow();
		assertThat(quality.get("type").asString()).isEqualTo("QUALITY_MANAGEMENT");
		assertThat(quality.get("members").valueStream().map(m -> m.get("position").asString()))
			.containsSequence("CHAIR", "VICE_CHAIR").contains("SECRETARY", "MEMBER");
	}

	@Test
	void anonymousCallersGet401() {
		assertThat(api.get("/api/v1/committees", null).status()).isEqualTo(401);
	}
}
