package org.careqms.recordqc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import org.careqms.support.Api;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 50,000 defects come back as one JSON array written while PostgreSQL sends the rows: 12,500
 * cardiology discharges of 1987 (a year no other test uses) without any document, four defects each.
 * The answer is read as a stream too, counting objects without holding the body.
 */
@CareQmsTest
class LargeDefectListTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void fiftyThousandDefectsAreStreamed() throws Exception {
		jdbc.sql("""
				insert into clinical_encounter (hospital_id, encounter_id, patient_id, sex, birth_date, admit_time,
				    admit_dept_id, discharge_time, discharge_dept_id, admission_route, principal_dx, discharge_disposition,
				    readmission_plan_31d, import_run_id)
				select h.id, 'BIG-' || n, 'PBIG-' || n, 1, date '1940-01-01',
				       timestamp '1987-03-01 08:00' + n * interval '1 minute', d.id,
				       timestamp '1987-03-08 08:00' + n * interval '1 minute', d.id, 2, 'I21.0', 1, 1, gen_random_uuid()
				from hospital h join department d on d.hospital_id = h.id and d.code = '0301'
				cross join generate_series(1, 12500) n
				where h.code = 'H0001'
				on conflict do nothing""").update();
		var run = new Api(port).post("/api/v1/record-qc/runs", "{\"from\": \"1987-01-01\", \"to\": \"1987-12-31\"}",
				Api.demo("quality"));
		assertThat(run.status()).as(run.body()).isEqualTo(200);
		assertThat(run.json().get("defects").asInt()).isEqualTo(50_000);

		var request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/api/v1/record-qc/defects?from=1987-01-01&to=1987-12-31"))
			.header("Authorization", Api.demo("quality"))
			.header("Accept", "application/json")
			.timeout(Duration.ofMinutes(2))
			.build();
		HttpResponse<InputStream> response = HttpClient.newHttpClient()
			.send(request, HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
			.startsWith("application/json"));
		// written as it goes: no length known in advance
		assertThat(response.headers().firstValue("Content-Length")).isEmpty();
		int objects = 0;
		int missing = 0;
		try (InputStream body = response.body();
				JsonParser parser = JsonMapper.builder().build().createParser(body)) {
			assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
			while (parser.nextToken() == JsonToken.START_OBJECT) {
				objects++;
				while (parser.nextToken() != JsonToken.END_OBJECT) {
					String name = parser.currentName();
					parser.nextToken();
					if ("kind".equals(name) && "MISSING".equals(parser.getString())) {
						missing++;
					}
				}
			}
		}
		assertThat(objects).isEqualTo(50_000);
		assertThat(missing).isEqualTo(50_000);
	}
}
