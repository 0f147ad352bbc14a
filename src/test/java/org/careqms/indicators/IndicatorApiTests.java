package org.careqms.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.UUID;

import org.careqms.support.Api;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The indicators part of api-contract.md over real HTTP, on the demo hospital. */
@CareQmsTest
class IndicatorApiTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Api api;

	static boolean seeded;

	@BeforeEach
	void setUp() {
		api = new Api(port);
		if (!seeded) {
			seeded = true;
			UUID hospital = jdbc.sql("select id from hospital where code = 'H0001'").query(UUID.class).single();
			UUID cardiology = jdbc.sql("select id from department where code = '0301'").query(UUID.class).single();
			UUID ortho = jdbc.sql("select id from department where code = '0402'").query(UUID.class).single();
			// 1999: a year no other test writes to
			for (int i = 0; i < 120; i++) {
				insert(hospital, "API-C" + i, i < 3 ? 5 : 1, cardiology, "1999-01-");
			}
			for (int i = 0; i < 40; i++) {
				insert(hospital, "API-O" + i, i < 1 ? 5 : 1, ortho, "1999-02-");
			}
		}
	}

	private void insert(UUID hospital, String id, int disposition, UUID department, String month) {
		jdbc.sql("""
				insert into clinical_encounter (hospital_id, encounter_id, patient_id, sex, birth_date, admit_time,
				    admit_dept_id, discharge_time, discharge_dept_id, admission_route, principal_dx, discharge_disposition,
				    readmission_plan_31d, import_run_id)
				values (:hospital, :id, :id, 2, date '1950-01-01', :admit, :dept, :discharge, :dept, 1, 'I10.x00',
				    :disposition, 1, :run)""")
			.param("hospital", hospital).param("id", id).param("dept", department).param("disposition", disposition)
			.param("admit", LocalDateTime.parse(month + "05T08:00")).param("discharge", LocalDateTime.parse(month + "10T08:00"))
			.param("run", UUID.randomUUID())
			.update();
	}

	@Test
	void catalogListsTheCoreIndicatorsWithUnitDirectionAndTarget() {
		var answer = api.get("/api/v1/indicators", Api.demo("nurse.cardio"));
		assertThat(answer.status()).isEqualTo(200);
		var mortality = answer.json().valueStream().filter(i -> i.get("code").asString().equals("MORT-INPT")).findFirst()
			.orElseThrow();
		assertThat(mortality.get("name").asString()).isEqualTo("住院患者死亡率");
		assertThat(mortality.get("unit").asString()).isEqualTo("%");
		assertThat(mortality.get("direction").asString()).isEqualTo("lower");
		assertThat(mortality.has("target")).isTrue();
		assertThat(answer.json().valueStream().map(i -> i.get("code").asString()))
			.contains("ALOS", "READM-31-UNPLANNED", "SSI-I", "UNPLANNED-REOP", "QI-080");
		var english = api.send("GET", "/api/v1/indicators", null, Api.demo("nurse.cardio"), "en");
		assertThat(english.json().get(0).get("name").asString()).isEqualTo("In-hospital mortality rate");
	}

	@Test
	void resultsByDepartmentMatchTheContractExample() {
		var answer = api.get("/api/v1/indicators/MORT-INPT/results?from=1999-01&to=1999-02&groupBy=department",
				Api.demo("quality"));
		assertThat(answer.status()).isEqualTo(200);
		var json = answer.json();
		assertThat(json.get("indicator").asString()).isEqualTo("MORT-INPT");
		assertThat(json.get("unit").asString()).isEqualTo("%");
		var january = json.get("results").get(0);
		assertThat(january.get("period").asString()).isEqualTo("1999-01");
		assertThat(january.get("department").asString()).isEqualTo("0301");
		assertThat(january.get("numerator").asInt()).isEqualTo(3);
		assertThat(january.get("denominator").asInt()).isEqualTo(120);
		assertThat(january.get("value").asDouble()).isEqualTo(2.5);
		assertThat(json.get("results").size()).isEqualTo(2);
	}

	@Test
	void resultsForTheHospitalHaveNoDepartment() {
		var json = api.get("/api/v1/indicators/MORT-INPT/results?from=1999-01&to=1999-03&groupBy=hospital",
				Api.demo("quality")).json();
		assertThat(json.get("results").size()).isEqualTo(2);
		assertThat(json.get("results").get(1).get("department").isNull()).isTrue();
		assertThat(json.get("results").get(1).get("value").asDouble()).isEqualTo(2.5);
	}

	@Test
	void departmentBoundUsersSeeOnlyTheirDepartments() {
		var json = api.get("/api/v1/indicators/MORT-INPT/results?from=1999-01&to=1999-02", Api.demo("qc.ortho")).json();
		assertThat(json.get("results").valueStream().map(r -> r.get("department").asString())).containsOnly("0402");
		assertThat(api.get("/api/v1/indicators/MORT-INPT/results?from=1999-01&to=1999-02&department=0301",
				Api.demo("qc.ortho")).status()).isEqualTo(404);
	}

	@Test
	void badParametersAre400AndUnknownIndicators404() {
		assertThat(api.get("/api/v1/indicators/MORT-INPT/results?from=1999-13", Api.demo("quality")).status())
			.isEqualTo(400);
		assertThat(api.get("/api/v1/indicators/MORT-INPT/results?from=2000-01&to=1999-01", Api.demo("quality")).status())
			.isEqualTo(400);
		assertThat(api.get("/api/v1/indicators/MORT-INPT/results?groupBy=ward", Api.demo("quality")).status())
			.isEqualTo(400);
		assertThat(api.get("/api/v1/indicators/NOPE/results", Api.demo("quality")).status()).isEqualTo(404);
	}
}
