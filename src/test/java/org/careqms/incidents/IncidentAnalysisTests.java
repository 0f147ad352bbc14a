package org.careqms.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.careqms.support.Api;
import org.careqms.support.CareQmsTest;
import org.careqms.support.ClinicalCsv;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The analysis page's control chart of monthly counts, its filters and scoping, and the exports read
 * back with commons-csv and POI. Each test reports into months of its own, years back, so the reports
 * other tests make now do not change the counts.
 */
@CareQmsTest
class IncidentAnalysisTests {

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

	private String report(String occurredAt, String department, String category, boolean anonymous) {
		var answer = api.post("/api/v1/incidents", """
				{"occurredAt": "%s", "departmentCode": "%s", "category": "%s", "description": "分析测试",
				 "patientInvolved": true, "anonymous": %s}""".formatted(occurredAt, department, category, anonymous),
				Api.demo("nurse.cardio"));
		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
		return answer.json().get("id").asString();
	}

	private void level(String id, String level) {
		jdbc.sql("update incident set level = :level where id = cast(:id as uuid)").param("level", level)
			.param("id", id).update();
	}

	private MockHttpServletRequestBuilder as(String username, MockHttpServletRequestBuilder request) {
		return request.with(user(users.loadUserByUsername(username)));
	}

	private List<CSVRecord> csv(String username, String query) throws Exception {
		var response = mvc.perform(as(username, get("/incidents/analysis/export.csv?" + query)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse();
		byte[] bytes = response.getContentAsByteArray();
		assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
		String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
		return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text))
			.getRecords();
	}

	private UUID department(String code) {
		return jdbc.sql("select id from department where code = :code").param("code", code).query(UUID.class).single();
	}

	@Test
	void countsEveryMonthIncludingEmptyOnesByLevelCategoryAndDepartment() throws Exception {
		String first = report("2023-01-05T08:00:00", "0301", "CAT-FALL", false);
		report("2023-01-20T22:10:00", "0301", "CAT-DRUG", false);
		String third = report("2023-01-31T23:59:00", "0301W", "CAT-FALL", false);
		report("2023-03-01T00:00:00", "0301", "CAT-FALL", false);
		level(first, "CN-II");
		level(third, "CN-IV");

		var levels = csv("quality", "table=levels&from=2023-01&to=2023-04&lang=en");
		assertThat(levels).extracting(r -> r.get("Month")).containsExactly("2023-01", "2023-02", "2023-03", "2023-04");
		assertThat(levels).extracting(r -> r.get("Total")).containsExactly("3", "0", "1", "0");
		assertThat(levels.get(0).get("Level II: adverse outcome")).isEqualTo("1");
		assertThat(levels.get(0).get("Level IV: near miss")).isEqualTo("1");
		assertThat(levels.get(0).get("Not yet levelled")).isEqualTo("1");

		var categories = csv("quality", "table=categories&from=2023-01&to=2023-04&lang=en");
		assertThat(categories).extracting(r -> r.get("Fall / fall from bed")).containsExactly("2", "0", "1", "0");
		assertThat(categories).extracting(r -> r.get("Medication error")).containsExactly("1", "0", "0", "0");
		var departments = csv("quality", "table=departments&from=2023-01&to=2023-04&lang=zh_CN");
		assertThat(departments.get(0).getParser().getHeaderNames()).contains("月份", "合计")
			.anySatisfy(h -> assertThat(h).startsWith("0301 ")).anySatisfy(h -> assertThat(h).startsWith("0301W "));
		assertThat(departments).extracting(r -> r.get("合计")).containsExactly("3", "0", "1", "0");

		// filters: category, level (including not yet levelled), department
		assertThat(csv("quality", "table=levels&from=2023-01&to=2023-04&category=CAT-FALL"))
			.extracting(r -> r.get(r.size() - 1)).containsExactly("2", "0", "1", "0");
		assertThat(csv("quality", "table=levels&from=2023-01&to=2023-04&level=NONE"))
			.extracting(r -> r.get(r.size() - 1)).containsExactly("1", "0", "1", "0");
		assertThat(csv("quality", "table=levels&from=2023-01&to=2023-04&level=CN-II"))
			.extracting(r -> r.get(r.size() - 1)).containsExactly("1", "0", "0", "0");
		assertThat(csv("quality", "table=levels&from=2023-01&to=2023-04&department=" + department("0301W")))
			.extracting(r -> r.get(r.size() - 1)).containsExactly("1", "0", "0", "0");

		var pareto = csv("quality", "table=pareto&from=2023-01&to=2023-04&lang=en");
		assertThat(pareto).extracting(r -> r.get("Reports")).containsExactly("3", "1");
		assertThat(pareto).extracting(r -> r.get("Cumulative share")).containsExactly("75.0", "100.0");

		String page = mvc.perform(as("quality", get("/incidents/analysis?from=2023-01&to=2023-04&category=CAT-FALL&lang=en")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("id=\"analysis-total\">3<", "C chart", "incident-control", "Export Excel")
			.doesNotContain("??");
	}

	@Test
	void departmentReadersAnalyseOnlyTheirNamedReportsAndOtherDepartmentsAreNotFound() throws Exception {
		report("2023-06-10T10:00:00", "0301", "CAT-PI", false);
		report("2023-06-11T10:00:00", "0301", "CAT-PI", true);
		report("2023-06-12T10:00:00", "0402", "CAT-PI", false);
		String query = "table=levels&from=2023-06&to=2023-06&category=CAT-PI";
		assertThat(csv("quality", query).get(0).get(6)).isEqualTo("3");
		assertThat(csv("head.cardio", query).get(0).get(6)).isEqualTo("1"); // no anonymous report, no orthopaedics
		assertThat(csv("qc.ortho", query).get(0).get(6)).isEqualTo("1");
		mvc.perform(as("qc.ortho", get("/incidents/analysis").param("department", department("0301").toString())))
			.andExpect(status().isNotFound());
		mvc.perform(as("qc.ortho", get("/incidents/analysis/export.xlsx").param("department",
				department("0301").toString()))).andExpect(status().isNotFound());
		mvc.perform(as("nurse.cardio", get("/incidents/analysis/export.csv"))).andExpect(status().isForbidden());
		mvc.perform(as("quality", get("/incidents/analysis").param("category", "CAT-NOPE")))
			.andExpect(status().isBadRequest());
		mvc.perform(as("quality", get("/incidents/analysis").param("level", "CN-V"))).andExpect(status().isBadRequest());
		mvc.perform(as("quality", get("/incidents/analysis/export.csv").param("table", "everything")))
			.andExpect(status().isBadRequest());
	}

	@Test
	void aMonthFarAboveTheOthersIsASignalOfTheCChartAndExportedWithItsLimits() throws Exception {
		for (int month = 1; month <= 11; month++) {
			report("2022-%02d-15T09:00:00".formatted(month), "0303", "CAT-LAB", false);
		}
		for (int i = 0; i < 10; i++) {
			report("2022-12-%02dT09:00:00".formatted(i + 1), "0303", "CAT-LAB", false);
		}
		String filter = "from=2022-01&to=2022-12&category=CAT-LAB&department=" + department("0303");
		String page = mvc.perform(as("quality", get("/incidents/analysis?lang=en&" + filter)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("data-chart-type=\"c\"", "2022-12: 10, above the upper control limit of 5.7");

		byte[] workbook = mvc.perform(as("quality", get("/incidents/analysis/export.xlsx?lang=zh_CN&" + filter)))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition",
					"attachment; filename=\"incidents-analysis_2022-01_2022-12_" + LocalDate.now() + ".xlsx\""))
			.andReturn().getResponse().getContentAsByteArray();
		try (var book = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
			assertThat(sheetNames(book)).containsExactly("按月按级别", "按月按类别", "按月按科室", "类别帕累托", "分级与结案用时", "控制图");
			Sheet spc = book.getSheet("控制图");
			assertThat(texts(spc.getRow(0))).containsExactly("月份", "图形", "报告数", "患者日数", "点值", "中心线", "控制下限",
					"控制上限", "超出控制限", "游程信号");
			assertThat(spc.getLastRowNum()).isEqualTo(12);
			Row january = spc.getRow(1);
			Row december = spc.getRow(12);
			double centre = 21 / 12.0;
			assertThat(january.getCell(1).getStringCellValue()).isEqualTo("C 图");
			assertThat(january.getCell(2).getNumericCellValue()).isEqualTo(1);
			assertThat(january.getCell(3)).isNull(); // no patient-days for a C chart
			assertThat(january.getCell(5).getNumericCellValue()).isCloseTo(centre, within(1e-4));
			assertThat(january.getCell(6).getNumericCellValue()).isZero();
			assertThat(january.getCell(7).getNumericCellValue()).isCloseTo(centre + 3 * Math.sqrt(centre), within(1e-4));
			assertThat(january.getCell(8).getStringCellValue()).isEqualTo("否");
			assertThat(december.getCell(2).getNumericCellValue()).isEqualTo(10);
			assertThat(december.getCell(8).getStringCellValue()).isEqualTo("是");
			Sheet times = book.getSheet("分级与结案用时");
			assertThat(times.getRow(13).getCell(0).getStringCellValue()).isEqualTo("全部月份");
			assertThat(times.getRow(13).getCell(1).getNumericCellValue()).isEqualTo(21);
		}
		var points = csv("quality", "table=spc&lang=en&" + filter);
		assertThat(points).hasSize(12);
		assertThat(points.get(11).get("Outside the limits")).isEqualTo("yes");
		assertThat(points.get(0).get("Upper control limit")).startsWith("5.7");
	}

	@Test
	void withImportedPatientDaysForEveryMonthTheChartIsAUChartPerThousandPatientDays() throws Exception {
		var upload = api.upload("/api/v1/imports/encounters", "encounters.csv", ClinicalCsv.file(ClinicalCsv.ENCOUNTERS,
				stay("UCH-1", "2021-01-05 08:00", "2021-01-15 10:00"), stay("UCH-2", "2021-01-30 08:00", "2021-02-02 10:00"),
				stay("UCH-3", "2021-02-01 08:00", "2021-02-06 10:00"), stay("UCH-4", "2021-03-01 08:00", "2021-03-31 10:00"),
				stay("UCH-5", "2021-03-25 08:00", "2021-03-25 18:00")), Api.demo("quality"), null);
		assertThat(upload.status()).as(upload.body()).isEqualTo(200);
		report("2021-01-10T09:00:00", "0402", "CAT-FALL", false);
		report("2021-02-03T09:00:00", "0402", "CAT-FALL", false);
		report("2021-02-04T09:00:00", "0402", "CAT-FALL", false);
		report("2021-03-10T09:00:00", "0402", "CAT-FALL", false);
		String filter = "from=2021-01&to=2021-03&department=" + department("0402");
		var points = csv("qc.ortho", "table=spc&lang=en&" + filter);
		assertThat(points).extracting(r -> r.get("Chart")).containsOnly("U chart");
		assertThat(points).extracting(r -> r.get("Patient-days")).containsExactly("12", "6", "31");
		assertThat(Double.parseDouble(points.get(0).get("Value"))).isCloseTo(1000 / 12.0, within(1e-3));
		assertThat(Double.parseDouble(points.get(1).get("Centre line"))).isCloseTo(4000 / 49.0, within(1e-3));
		String page = mvc.perform(as("qc.ortho", get("/incidents/analysis?lang=en&" + filter)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("data-chart-type=\"u\"", "per 1,000 patient-days", "Only 3 months of data");
		// the hospital's imports do not reach the current month: counts, said so
		String now = mvc.perform(as("qc.ortho", get("/incidents/analysis?lang=en")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(now).contains("data-chart-type=\"c\"", "C chart: the imported discharges end on");
	}

	private static String stay(String id, String admit, String discharge) {
		return id + ",P" + id + ",2,1950-01-01," + admit + ",0402," + discharge + ",0402,1,S72.000,,1,1,";
	}

	private static List<String> sheetNames(XSSFWorkbook book) {
		List<String> names = new ArrayList<>();
		book.forEach(sheet -> names.add(sheet.getSheetName()));
		return names;
	}

	private static List<String> texts(Row row) {
		List<String> texts = new ArrayList<>();
		row.forEach(cell -> texts.add(cell.getStringCellValue()));
		return texts;
	}
}
