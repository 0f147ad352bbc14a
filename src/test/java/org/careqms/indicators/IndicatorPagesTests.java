package org.careqms.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** The indicator pages render for every role in both languages; targets and monthly entry work. */
@CareQmsTest
class IndicatorPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	IndicatorTargets targets;

	@Autowired
	ManualValues manual;

	UserDetails as(String username) {
		return users.loadUserByUsername(username);
	}

	UUID department(String code) {
		return jdbc.sql("select id from department where code = :code").param("code", code).query(UUID.class).single();
	}

	String render(String path, String username, String lang) throws Exception {
		String html = mvc.perform(get(path).param("lang", lang).with(user(as(username))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).as(path).contains("</html>").doesNotContain("??");
		return html;
	}

	@Test
	void overviewAndDetailRenderForEveryRoleInBothLanguages() throws Exception {
		for (String username : List.of("admin", "quality", "head.cardio", "nurse.cardio", "auditor")) {
			for (String lang : List.of("zh_CN", "en")) {
				assertThat(render("/indicators", username, lang)).contains("MORT-INPT", "QI-055");
				assertThat(render("/indicators/MORT-INPT", username, lang)).contains("data-chart=");
				render("/indicators/QI-055?phase=2025-06", username, lang);
			}
		}
	}

	@Test
	void anotherDepartmentsFiguresAre404() throws Exception {
		mvc.perform(get("/indicators/ALOS").param("department", department("0402").toString())
			.with(user(as("qc.cardio")))).andExpect(status().isNotFound());
		mvc.perform(get("/indicators/NOPE").with(user(as("qc.cardio")))).andExpect(status().isNotFound());
	}

	@Test
	void qcOfficerEntersAMonthForTheirDepartmentAndTheNewFigureReplacesTheOld() throws Exception {
		String cardiology = department("0301").toString();
		mvc.perform(post("/indicators/QI-055/entries").param("department", cardiology).param("period", "2025-03")
			.param("numerator", "86").param("denominator", "100")
			.with(user(as("qc.cardio")))
			.with(csrf())).andExpect(flash().attribute("success", "indicators.entry.saved"));
		mvc.perform(post("/indicators/QI-055/entries").param("department", cardiology).param("period", "2025-03")
			.param("numerator", "88").param("denominator", "100").param("note", "更正")
			.with(user(as("qc.cardio")))
			.with(csrf())).andExpect(flash().attribute("success", "indicators.entry.saved"));
		UUID hospital = jdbc.sql("select id from hospital where code = 'H0001'").query(UUID.class).single();
		var entries = manual.entries(hospital, "QI-055", List.of(department("0301")));
		assertThat(entries).singleElement().satisfies(e -> {
			assertThat(e.period()).isEqualTo(YearMonth.of(2025, 3));
			assertThat(e.numerator()).isEqualByComparingTo("88");
		});
		assertThat(jdbc.sql("select count(*) from indicator_manual_value where indicator_code = 'QI-055' and voided")
			.query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void entryIsRefusedOutsideTheUsersDepartmentsAndForComputedIndicators() throws Exception {
		mvc.perform(post("/indicators/QI-055/entries").param("department", department("0402").toString())
			.param("period", "2025-03").param("numerator", "1").param("denominator", "2")
			.with(user(as("qc.cardio")))
			.with(csrf())).andExpect(status().isNotFound());
		mvc.perform(post("/indicators/MORT-INPT/entries").param("department", department("0301").toString())
			.param("period", "2025-03").param("numerator", "1").param("denominator", "2")
			.with(user(as("qc.cardio")))
			.with(csrf())).andExpect(flash().attribute("failure", "error.indicators.computed"));
		mvc.perform(post("/indicators/QI-055/entries").param("department", department("0301").toString())
			.param("period", "2025-04").param("numerator", "3").param("denominator", "2")
			.with(user(as("qc.cardio")))
			.with(csrf())).andExpect(flash().attribute("failure", "error.indicators.numerator-above-denominator"));
		mvc.perform(post("/indicators/QI-055/entries").param("department", department("0301").toString())
			.param("period", "2025-04").param("numerator", "1").param("denominator", "2")
			.with(user(as("nurse.cardio")))
			.with(csrf())).andExpect(status().isForbidden());
	}

	@Test
	void theQualityOfficeSetsHospitalAndDepartmentTargets() throws Exception {
		mvc.perform(post("/indicators/ALOS/targets").param("target", "9.5").with(user(as("quality"))).with(csrf()))
			.andExpect(flash().attribute("success", "indicators.target.saved"));
		mvc.perform(post("/indicators/ALOS/targets").param("department", department("0402").toString())
			.param("target", "11").with(user(as("quality"))).with(csrf()))
			.andExpect(flash().attribute("success", "indicators.target.saved"));
		UUID hospital = jdbc.sql("select id from hospital where code = 'H0001'").query(UUID.class).single();
		assertThat(targets.targetFor(hospital, "ALOS", department("0402"))).contains(new BigDecimal("11"));
		assertThat(targets.targetFor(hospital, "ALOS", department("0301"))).contains(new BigDecimal("9.5"));
		mvc.perform(post("/indicators/ALOS/targets").param("target", "8").with(user(as("head.cardio"))).with(csrf()))
			.andExpect(status().isForbidden());
		assertThat(jdbc.sql("select count(*) from audit_entry where entity_type = 'IndicatorTarget'").query(Long.class)
			.single()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void funnelPlotComparesDepartmentsAndHidesOtherDepartmentsNamesFromDepartmentUsers() throws Exception {
		UUID hospital = jdbc.sql("select id from hospital where code = 'H0001'").query(UUID.class).single();
		for (String code : List.of("0301", "0402", "0401")) {
			for (int i = 0; i < 30; i++) {
				jdbc.sql("""
						insert into clinical_encounter (hospital_id, encounter_id, patient_id, sex, birth_date, admit_time,
						    admit_dept_id, discharge_time, discharge_dept_id, admission_route, principal_dx,
						    discharge_disposition, readmission_plan_31d, import_run_id)
						values (:hospital, :id, :id, 1, date '1970-01-01', timestamp '1998-06-01 08:00', :dept,
						    timestamp '1998-06-05 08:00', :dept, 2, 'I10', :disposition, 1, gen_random_uuid())""")
					.param("hospital", hospital).param("id", "FUN-" + code + "-" + i).param("dept", department(code))
					.param("disposition", i < (code.equals("0402") ? 12 : 1) ? 5 : 1)
					.update();
			}
		}
		String admin = render("/indicators/MORT-INPT/funnel?from=1998-06&to=1998-06", "admin", "zh_CN");
		assertThat(admin).contains("0402 骨科", "40.00", "3.33");
		String cardio = render("/indicators/MORT-INPT/funnel?from=1998-06&to=1998-06", "qc.cardio", "en");
		assertThat(cardio).contains("0301").doesNotContain("0402 ").contains("#1");
		mvc.perform(get("/indicators/ALOS/funnel").with(user(as("admin")))).andExpect(status().isNotFound());
	}

	@Test
	void resultsExportAsCsvAndExcel() throws Exception {
		UUID hospital = jdbc.sql("select id from hospital where code = 'H0001'").query(UUID.class).single();
		for (int i = 0; i < 8; i++) {
			jdbc.sql("""
					insert into clinical_encounter (hospital_id, encounter_id, patient_id, sex, birth_date, admit_time,
					    admit_dept_id, discharge_time, discharge_dept_id, admission_route, principal_dx,
					    discharge_disposition, readmission_plan_31d, import_run_id)
					values (:hospital, :id, :id, 1, date '1970-01-01', :admit, :dept, :discharge, :dept, 2, 'I10', 1, 1,
					    gen_random_uuid())""")
				.param("hospital", hospital).param("id", "EXP-" + i).param("dept", department("0301"))
				.param("admit", java.time.LocalDateTime.parse("1997-0" + (1 + i % 2) + "-02T08:00"))
				.param("discharge", java.time.LocalDateTime.parse("1997-0" + (1 + i % 2) + "-05T08:00"))
				.update();
		}
		var csv = mvc.perform(get("/indicators/ALOS/export.csv").param("from", "1997-01").param("to", "1997-02")
			.param("lang", "zh_CN").with(user(as("quality")))).andExpect(status().isOk()).andReturn().getResponse();
		assertThat(csv.getHeader("Content-Disposition")).contains("ALOS_1997-01_1997-02.csv");
		byte[] bytes = csv.getContentAsByteArray();
		assertThat(bytes[0]).isEqualTo((byte) 0xEF);
		String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
		assertThat(text).contains("指标,月份,科室,分子,分母,指标值,单位,目标值")
			.contains("1997-01,全院,12,4,3.0,days")
			.contains("1997-02,全院,12,4,3.0,days");

		byte[] excel = mvc.perform(get("/indicators/ALOS/export.xlsx").param("from", "1997-01").param("to", "1997-02")
			.param("department", department("0301").toString()).with(user(as("qc.cardio"))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(excel))) {
			var sheet = workbook.getSheetAt(0);
			assertThat(sheet.getLastRowNum()).isEqualTo(2);
			assertThat(sheet.getRow(1).getCell(2).getStringCellValue()).startsWith("0301");
			assertThat(sheet.getRow(1).getCell(5).getNumericCellValue()).isEqualTo(3.0);
		}
		mvc.perform(get("/indicators/ALOS/export.csv").param("department", department("0402").toString())
			.with(user(as("qc.cardio")))).andExpect(status().isNotFound());
	}

	@Test
	void overviewDrillsDownToADepartmentTheUserMaySee() throws Exception {
		render("/indicators?department=" + department("0301"), "qc.cardio", "zh_CN");
		render("/indicators?department=" + department("0402"), "quality", "en");
		mvc.perform(get("/indicators").param("department", department("0402").toString()).with(user(as("qc.cardio"))))
			.andExpect(status().isNotFound());
	}
}
