package org.careqms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.careqms.support.Api;
import org.careqms.support.CareQmsTest;
import org.careqms.support.ClinicalCsv;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every API endpoint × every role × own/other department, against the demo hospital: cardiology
 * (0301) users ask about cardiology (own) and orthopaedics (other); an orthopaedics QC officer asks
 * about cardiology (other). A second test fails when an endpoint is missing from the matrix.
 */
@CareQmsTest
class AuthorizationMatrixTests {

	/** Callers: demo users by role, plus the anonymous caller. */
	static final List<String> CALLERS = List.of("admin", "quality", "head.cardio", "qc.cardio", "nurse.cardio",
			"auditor", "qc.ortho", "anonymous");

	static final AtomicInteger SEQUENCE = new AtomicInteger();

	@LocalServerPort
	int port;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	/** One endpoint and the status each caller must get; {@code upload}, when set, is sent as the file part. */
	record Row(String method, String pattern, Supplier<String> path, Supplier<String> body, Map<String, Integer> expected,
			Supplier<byte[]> upload) {

		Row(String method, String pattern, Supplier<String> path, Supplier<String> body, Map<String, Integer> expected) {
			this(method, pattern, path, body, expected, null);
		}
	}

	private Api api() {
		return new Api(port);
	}

	private static Map<String, Integer> only(int allowed, int denied, String... allowedCallers) {
		Map<String, Integer> expected = new LinkedHashMap<>();
		Set<String> allow = Set.of(allowedCallers);
		for (String caller : CALLERS) {
			expected.put(caller, caller.equals("anonymous") ? 401 : allow.contains(caller) ? allowed : denied);
		}
		return expected;
	}

	private static final String[] EVERYONE = { "admin", "quality", "head.cardio", "qc.cardio", "nurse.cardio",
			"auditor", "qc.ortho" };

	private String cardiologyAction() {
		var created = api().post("/api/v1/actions",
				"{\"title\": \"矩阵心内科整改\", \"responsibleDepartment\": \"0301\", \"dueDate\": \"2099-01-01\"}",
				Api.demo("quality"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	/** A cardiology PDCA cycle (or QCC project), opened by the quality office with its plan written. */
	private String cardiologyCycle(String kind) {
		boolean qcc = kind.equals("qcc-projects");
		String body = "{\"title\": \"矩阵改进\", \"problemStatement\": \"矩阵问题\", \"department\": \"0301\", "
				+ "\"planDue\": \"2099-01-01\", \"doDue\": \"2099-02-01\", \"checkDue\": \"2099-03-01\", "
				+ "\"actDue\": \"2099-04-01\", \"rootCauses\": \"原因\", \"goal\": \"目标\", \"plan\": \"计划\""
				+ (qcc ? ", \"circleName\": \"矩阵圈\", \"leader\": \"D0301004\", \"baseline\": 10, "
						+ "\"improvementFocus\": 80, \"circleCapability\": 50, "
						+ "\"themes\": [{\"theme\": \"矩阵主题\", \"policy\": 5, \"importance\": 5, \"urgency\": 3, \"capability\": 3}]"
						: "")
				+ "}";
		var created = api().post("/api/v1/" + kind, body, Api.demo("quality"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	/** What finishes Plan of {@link #cardiologyCycle}: nothing more for a cycle, the steps and the theme for a project. */
	private static String planDone(String kind) {
		if (!kind.equals("qcc-projects")) {
			return "{\"expectedStage\": \"PLAN\"}";
		}
		StringBuilder steps = new StringBuilder();
		for (String step : List.of("THEME_SELECTION", "ACTIVITY_PLAN", "CURRENT_SITUATION", "TARGET_SETTING", "ANALYSIS",
				"COUNTERMEASURES")) {
			steps.append(steps.length() == 0 ? "" : ",").append("{\"step\": \"").append(step)
				.append("\", \"content\": \"矩阵\", \"completedOn\": \"2026-01-05\"}");
		}
		return "{\"expectedStage\": \"PLAN\", \"chooseTheme\": true, \"steps\": [" + steps + "]}";
	}

	/** A named report of cardiology by its QC officer. */
	private String cardiologyIncident() {
		var created = api().post("/api/v1/incidents",
				"{\"occurredAt\": \"2026-01-05T10:00:00\", \"departmentCode\": \"0301\", \"category\": \"CAT-OTH\", "
						+ "\"description\": \"矩阵心内科事件\", \"patientInvolved\": false, \"anonymous\": false}",
				Api.demo("qc.cardio"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	/** A cardiology report with a photo the quality office attached; its path {@code incident/attachments/id}. */
	private String cardiologyAttachment() {
		String incident = cardiologyIncident();
		var uploaded = api().upload("/api/v1/incidents/" + incident + "/attachments", "matrix.png", PNG,
				Api.demo("quality"), null);
		assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
		return incident + "/attachments/" + uploaded.json().get(0).get("id").asString();
	}

	/** A 1×1 PNG. */
	static final byte[] PNG = java.util.Base64.getDecoder().decode(
			"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
	/**
	 * A defect of its own in cardiology, addressed to the head of cardiology (D0301001): a stay discharged on
	 * a day of 2002 no other test uses, with a late admission record, judged by a run.
	 */
	private String cardiologyDefect() {
		int n = SEQUENCE.incrementAndGet();
		java.time.LocalDate day = java.time.LocalDate.of(2002, 1, 1).plusDays(n % 360);
		String id = "AM-RQ" + n;
		var encounters = api().upload("/api/v1/imports/encounters", "encounters.csv", ClinicalCsv.file(
				ClinicalCsv.ENCOUNTERS, id + ",P" + id + ",1,1960-05-01," + day.minusDays(7) + " 08:00,0301," + day
						+ " 10:00,0301,1,I21.0,,1,1,"),
				Api.demo("quality"), null);
		assertThat(encounters.status()).as(encounters.body()).isEqualTo(200);
		var documents = api().upload("/api/v1/imports/record-documents", "record-documents.csv", ClinicalCsv.file(
				ClinicalCsv.DOCUMENTS, id + ",A1,ADMISSION_RECORD,," + day.minusDays(5) + " 08:00,D0301001,CHIEF"),
				Api.demo("quality"), null);
		assertThat(documents.status()).as(documents.body()).isEqualTo(200);
		var run = api().post("/api/v1/record-qc/runs", "{\"from\": \"" + day + "\", \"to\": \"" + day + "\"}",
				Api.demo("quality"));
		assertThat(run.status()).as(run.body()).isEqualTo(200);
		return jdbc.sql("select id from record_qc_defect where encounter_id = :id and rule_id = 'RR-ADM-01'")
			.param("id", id)
			.query(java.util.UUID.class)
			.single()
			.toString();
	}

	/** An open appeal of a fresh cardiology defect, filed by cardiology's QC officer. */
	private String openAppeal() {
		var appeal = api().post("/api/v1/record-qc/defects/" + cardiologyDefect() + "/appeals",
				"{\"reason\": \"PAPER_RECORD\", \"explanation\": \"矩阵纸质病历\"}", Api.demo("qc.cardio"));
		assertThat(appeal.status()).as(appeal.body()).isEqualTo(201);
		return appeal.json().get("id").asString();
	}

	private String freshDepartment() {
		String code = "AM" + SEQUENCE.incrementAndGet();
		var created = api().post("/api/v1/departments", "{\"code\": \"" + code + "\", \"name\": \"矩阵科室\"}",
				Api.demo("admin"));
		assertThat(created.status()).isEqualTo(201);
		return code;
	}

	List<Row> rows() {
		List<Row> rows = new ArrayList<>();
		rows.add(new Row("GET", "/api/v1/departments", () -> "/api/v1/departments", () -> null, only(200, 403, EVERYONE)));
		rows.add(new Row("GET", "/api/v1/departments/{code}", () -> "/api/v1/departments/0402", () -> null,
				only(200, 403, EVERYONE)));
		rows.add(new Row("POST", "/api/v1/departments", () -> "/api/v1/departments",
				() -> "{\"code\": \"AN" + SEQUENCE.incrementAndGet() + "\", \"name\": \"新科室\"}",
				only(201, 403, "admin", "quality")));
		rows.add(new Row("PUT", "/api/v1/departments/{code}", () -> "/api/v1/departments/" + freshDepartment(),
				() -> "{\"code\": \"ZZ" + SEQUENCE.incrementAndGet() + "\", \"name\": \"改名科室\"}",
				only(200, 403, "admin", "quality")));
		rows.add(new Row("POST", "/api/v1/departments/{code}/retire",
				() -> "/api/v1/departments/" + freshDepartment() + "/retire", () -> "{\"reason\": \"矩阵\"}",
				only(200, 403, "admin", "quality")));
		rows.add(new Row("GET", "/api/v1/users", () -> "/api/v1/users", () -> null, only(200, 403, "admin")));
		rows.add(new Row("GET", "/api/v1/users/{username}", () -> "/api/v1/users/qc.cardio", () -> null,
				only(200, 403, "admin")));
		rows.add(new Row("POST", "/api/v1/users", () -> "/api/v1/users",
				() -> "{\"username\": \"matrix" + SEQUENCE.incrementAndGet()
						+ "\", \"password\": \"Matrix#2026pw\", \"displayName\": \"矩阵\", \"roles\": [\"STAFF\"], \"departmentCodes\": [\"0301\"]}",
				only(201, 403, "admin")));
		rows.add(new Row("GET", "/api/v1/staff", () -> "/api/v1/staff", () -> null, only(200, 403, EVERYONE)));
		// a cardiologist: seen by hospital-wide roles and cardiology (0301) users; the ward nurse (0301W) and
		// the orthopaedics QC officer get 404, as for anything outside their departments
		Map<String, Integer> cardiologist = only(200, 404, "admin", "quality", "head.cardio", "qc.cardio", "auditor");
		cardiologist.put("anonymous", 401);
		rows.add(new Row("GET", "/api/v1/staff/{employeeNo}", () -> "/api/v1/staff/D0301001", () -> null,
				cardiologist));
		rows.add(new Row("POST", "/api/v1/staff", () -> "/api/v1/staff",
				() -> "{\"employeeNo\": \"AS" + SEQUENCE.incrementAndGet()
						+ "\", \"name\": \"矩阵医师\", \"profession\": \"DOCTOR\", \"title\": \"RESIDENT\", \"departmentCode\": \"0301\"}",
				only(201, 403, "admin", "quality", "head.cardio")));
		rows.add(new Row("GET", "/api/v1/committees", () -> "/api/v1/committees", () -> null,
				only(200, 403, EVERYONE)));
		rows.add(new Row("GET", "/api/v1/me", () -> "/api/v1/me", () -> null, only(200, 403, EVERYONE)));
		rows.add(new Row("GET", "/api/v1/audit-trail", () -> "/api/v1/audit-trail", () -> null,
				only(200, 403, "admin", "quality")));
		rows.add(new Row("POST", "/api/v1/audit-trail/verification", () -> "/api/v1/audit-trail/verification",
				() -> "{}", only(200, 403, "admin")));
		rows.add(new Row("POST", "/api/v1/imports/encounters", () -> "/api/v1/imports/encounters", () -> null,
				only(200, 403, "admin", "quality"),
				() -> ClinicalCsv.file(ClinicalCsv.ENCOUNTERS, ClinicalCsv.encounter("AM-E" + SEQUENCE.incrementAndGet()))));
		rows.add(new Row("POST", "/api/v1/imports/procedures", () -> "/api/v1/imports/procedures", () -> null,
				only(200, 403, "admin", "quality"),
				() -> ClinicalCsv.file(ClinicalCsv.PROCEDURES, ClinicalCsv.procedure(importedEncounter(), 1))));
		rows.add(new Row("POST", "/api/v1/imports/record-documents", () -> "/api/v1/imports/record-documents",
				() -> null, only(200, 403, "admin", "quality"),
				() -> ClinicalCsv.file(ClinicalCsv.DOCUMENTS, ClinicalCsv.document(importedEncounter(), "D1"))));
		// a dry run: a census replaces the running stays of the demo hospital
		rows.add(new Row("POST", "/api/v1/imports/inpatients", () -> "/api/v1/imports/inpatients?dryRun=true",
				() -> null, only(200, 403, "admin", "quality"), () -> ClinicalCsv.file(ClinicalCsv.INPATIENTS,
						ClinicalCsv.inpatient("AM-I" + SEQUENCE.incrementAndGet(), "2019-01-03 08:30"))));
		rows.add(new Row("POST", "/api/v1/imports/fhir", () -> "/api/v1/imports/fhir", () -> null,
				only(200, 403, "admin", "quality"),
				() -> "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": []}"
					.getBytes(StandardCharsets.UTF_8)));
		rows.add(new Row("GET", "/api/v1/imports", () -> "/api/v1/imports", () -> null,
				only(200, 403, "admin", "quality")));
		rows.add(new Row("GET", "/api/v1/imports/{runId}/errors.csv",
				() -> "/api/v1/imports/" + importRun() + "/errors.csv", () -> null, only(200, 403, "admin", "quality")));
		rows.add(new Row("GET", "/api/v1/indicators", () -> "/api/v1/indicators", () -> null, only(200, 403, EVERYONE)));
		rows.add(new Row("GET", "/api/v1/indicators/{code}/results",
				() -> "/api/v1/indicators/MORT-INPT/results?from=2025-01&to=2025-12&groupBy=hospital", () -> null,
				only(200, 403, EVERYONE)));
		// own department: cardiology users and the hospital-wide roles; other department: 404, not 403
		Map<String, Integer> cardiologyResults = only(200, 403, EVERYONE);
		cardiologyResults.put("qc.ortho", 404);
		cardiologyResults.put("nurse.cardio", 404); // bound to the ward below cardiology, not to cardiology itself
		rows.add(new Row("GET", "/api/v1/indicators/{code}/results",
				() -> "/api/v1/indicators/ALOS/results?from=2025-01&to=2025-12&department=0301", () -> null,
				cardiologyResults));
		rows.add(new Row("POST", "/api/v1/spc/analyze", () -> "/api/v1/spc/analyze",
				() -> "{\"chart\": \"p\", \"values\": [2, 5, 1], \"denominators\": [20, 50, 10]}",
				only(200, 403, EVERYONE)));
		rows.add(new Row("POST", "/api/v1/record-qc/runs", () -> "/api/v1/record-qc/runs",
				() -> "{\"from\": \"2003-01-01\", \"to\": \"2003-01-31\"}", only(200, 403, "admin", "quality")));
		// every role may read defects; department users get those of their own departments only
		rows.add(new Row("GET", "/api/v1/record-qc/defects",
				() -> "/api/v1/record-qc/defects?from=2003-01-01&to=2003-01-31", () -> null, only(200, 403, EVERYONE)));
		// defect follow-up: everyone has a "my defects" list (empty without a staff record or department role)
		// running records: everyone; department users see their departments' stays (another's: 404, RunningRecordTests)
		rows.add(new Row("GET", "/api/v1/record-qc/running", () -> "/api/v1/record-qc/running", () -> null,
				only(200, 403, EVERYONE)));
		rows.add(new Row("GET", "/api/v1/record-qc/my-defects", () -> "/api/v1/record-qc/my-defects", () -> null,
				only(200, 403, EVERYONE)));
		Map<String, Integer> cardiologyDefect = only(200, 403, EVERYONE);
		cardiologyDefect.put("qc.ortho", 404);
		cardiologyDefect.put("nurse.cardio", 404); // bound to the ward below cardiology
		rows.add(new Row("GET", "/api/v1/record-qc/defects/{id}", () -> "/api/v1/record-qc/defects/" + cardiologyDefect(),
				() -> null, cardiologyDefect));
		// rectified and appealed by the department (its head is also the responsible doctor D0301001, its QC
		// officer); the quality office decides, it does not appeal; another department's defect is not found
		Map<String, Integer> rectifiers = only(200, 403, "head.cardio", "qc.cardio");
		rectifiers.put("qc.ortho", 404);
		rectifiers.put("nurse.cardio", 404);
		rows.add(new Row("POST", "/api/v1/record-qc/defects/{id}/rectification",
				() -> "/api/v1/record-qc/defects/" + cardiologyDefect() + "/rectification",
				() -> "{\"note\": \"矩阵已补写\"}", rectifiers));
		Map<String, Integer> appellants = only(201, 403, "head.cardio", "qc.cardio");
		appellants.put("qc.ortho", 404);
		appellants.put("nurse.cardio", 404);
		rows.add(new Row("POST", "/api/v1/record-qc/defects/{id}/appeals",
				() -> "/api/v1/record-qc/defects/" + cardiologyDefect() + "/appeals",
				() -> "{\"reason\": \"PAPER_RECORD\", \"explanation\": \"矩阵纸质病历\"}", appellants));
		rows.add(new Row("GET", "/api/v1/record-qc/appeals", () -> "/api/v1/record-qc/appeals", () -> null,
				only(200, 403, "admin", "quality")));
		rows.add(new Row("POST", "/api/v1/record-qc/appeals/{id}/decision",
				() -> "/api/v1/record-qc/appeals/" + openAppeal() + "/decision",
				() -> "{\"upheld\": false, \"note\": \"矩阵驳回\"}", only(200, 403, "admin", "quality")));
		rows.add(new Row("GET", "/api/v1/actions", () -> "/api/v1/actions", () -> null, only(200, 403, EVERYONE)));
		Map<String, Integer> cardiologyAction = only(200, 403, EVERYONE);
		cardiologyAction.put("qc.ortho", 404);
		cardiologyAction.put("nurse.cardio", 404); // bound to the ward below cardiology
		rows.add(new Row("GET", "/api/v1/actions/{id}", () -> "/api/v1/actions/" + cardiologyAction(), () -> null,
				cardiologyAction));
		Map<String, Integer> openers = only(201, 403, "admin", "quality", "head.cardio", "qc.cardio");
		rows.add(new Row("POST", "/api/v1/actions", () -> "/api/v1/actions",
				() -> "{\"title\": \"矩阵整改\", \"responsibleDepartment\": \"0301\", \"dueDate\": \"2099-01-01\"}",
				openers));
		Map<String, Integer> reporters = only(201, 403, EVERYONE);
		rows.add(new Row("POST", "/api/v1/incidents", () -> "/api/v1/incidents",
				() -> "{\"occurredAt\": \"2026-01-05T10:00:00\", \"departmentCode\": \"0301\", \"category\": \"CAT-OTH\", "
						+ "\"description\": \"矩阵\", \"patientInvolved\": false, \"anonymous\": false}",
				reporters));
		Map<String, Integer> cardiologyIncident = only(200, 403, EVERYONE);
		cardiologyIncident.put("qc.ortho", 404);
		cardiologyIncident.put("nurse.cardio", 404);
		rows.add(new Row("GET", "/api/v1/incidents/{id}", () -> "/api/v1/incidents/" + cardiologyIncident(), () -> null,
				cardiologyIncident));
		for (String kind : List.of("pdca-cycles", "qcc-projects")) {
			String base = "/api/v1/" + kind;
			rows.add(new Row("GET", base, () -> base, () -> null, only(200, 403, EVERYONE)));
			Map<String, Integer> cardiologyCycle = only(200, 403, EVERYONE);
			cardiologyCycle.put("qc.ortho", 404);
			cardiologyCycle.put("nurse.cardio", 404); // bound to the ward below cardiology
			rows.add(new Row("GET", base + "/{id}", () -> base + "/" + cardiologyCycle(kind), () -> null, cardiologyCycle));
			rows.add(new Row("POST", base, () -> base, () -> "{\"title\": \"矩阵循环\", \"problemStatement\": \"矩阵\", "
					+ "\"department\": \"0301\", \"planDue\": \"2099-01-01\", \"doDue\": \"2099-02-01\", "
					+ "\"checkDue\": \"2099-03-01\", \"actDue\": \"2099-04-01\", \"circleName\": \"矩阵圈\", "
					+ "\"leader\": \"D0301004\"}",
					only(201, 403, "admin", "quality", "head.cardio", "qc.cardio")));
			// department-bound openers of another department pass the role check and then find nothing: 404
			Map<String, Integer> cardiologyWorkers = only(200, 403, "admin", "quality", "head.cardio", "qc.cardio");
			cardiologyWorkers.put("qc.ortho", 404);
			rows.add(new Row("POST", base + "/{id}/advance", () -> base + "/" + cardiologyCycle(kind) + "/advance",
					() -> planDone(kind), cardiologyWorkers));
			rows.add(new Row("POST", base + "/{id}/actions", () -> base + "/" + cardiologyCycle(kind) + "/actions",
					() -> "{\"title\": \"矩阵措施\", \"dueDate\": \"2099-01-01\"}", cardiologyWorkers));
		}
		rows.add(new Row("GET", "/api/v1/audit-plans", () -> "/api/v1/audit-plans", () -> null, only(200, 403, EVERYONE)));
		rows.add(new Row("POST", "/api/v1/audit-plans", () -> "/api/v1/audit-plans",
				() -> auditPlan("ROUTINE", "0301", "quality"), only(201, 403, "admin", "quality")));
		rows.add(new Row("PUT", "/api/v1/audit-plans/{id}", () -> "/api/v1/audit-plans/" + cardiologyPlan(),
				() -> "{\"templateVersionId\": " + wardChecklist().versionId() + ", \"departmentCodes\": [\"0301\", \"0402\"], "
						+ "\"auditors\": [\"quality\"], \"reason\": \"矩阵修改\"}",
				only(200, 403, "admin", "quality")));
		rows.add(new Row("PUT", "/api/v1/inspections/{id}/planned-on",
				() -> "/api/v1/inspections/" + cardiologyInspection() + "/planned-on",
				() -> "{\"plannedOn\": \"" + java.time.LocalDate.now().plusDays(10) + "\", \"reason\": \"矩阵改期\"}",
				only(200, 403, "admin", "quality")));
		rows.add(new Row("GET", "/api/v1/inspections", () -> "/api/v1/inspections", () -> null,
				only(200, 403, EVERYONE)));
		rows.add(new Row("GET", "/api/v1/audit-scores", () -> "/api/v1/audit-scores", () -> null,
				only(200, 403, EVERYONE)));
		// a cardiology inspection done by the quality office: hospital-wide roles and cardiology users see it
		// (the external auditor is scoped to 0301); the ward nurse and orthopaedics get 404
		Map<String, Integer> cardiologyInspection = only(200, 403, EVERYONE);
		cardiologyInspection.put("qc.ortho", 404);
		cardiologyInspection.put("nurse.cardio", 404);
		rows.add(new Row("GET", "/api/v1/inspections/{id}", () -> "/api/v1/inspections/" + cardiologyInspection(),
				() -> null, cardiologyInspection));
		rows.add(new Row("GET", "/api/v1/inspections/{id}/report.pdf",
				() -> "/api/v1/inspections/" + cardiologyInspection() + "/report.pdf", () -> null, cardiologyInspection));
		rows.add(new Row("GET", "/api/v1/inspections/{id}/sample",
				() -> "/api/v1/inspections/" + cardiologyInspection() + "/sample", () -> null, cardiologyInspection));
		// answering, sampling and submitting are the assigned auditors' and the quality office's; those who only
		// see the inspection get 403, those who may not see it 404
		Map<String, Integer> auditing = only(200, 403, "quality");
		auditing.put("qc.ortho", 404);
		auditing.put("nurse.cardio", 404);
		rows.add(new Row("PUT", "/api/v1/inspections/{id}/answers/{itemCode}",
				() -> "/api/v1/inspections/" + cardiologyInspection() + "/answers/" + wardItem(), () -> "{\"outcome\": \"PASS\"}",
				auditing));
		rows.add(new Row("POST", "/api/v1/inspections/{id}/sample",
				() -> "/api/v1/inspections/" + cardiologyInspection() + "/sample",
				() -> "{\"from\": \"2019-01-01\", \"to\": \"2019-01-31\", \"size\": 3}", auditing));
		// authorized callers reach the business rule: an inspection with unanswered items is not submitted (409)
		Map<String, Integer> submitting = new LinkedHashMap<>(auditing);
		submitting.put("quality", 409);
		rows.add(new Row("POST", "/api/v1/inspections/{id}/submit",
				() -> "/api/v1/inspections/" + cardiologyInspection() + "/submit", () -> "{}", submitting));
		rows.add(new Row("GET", "/api/v1/standards/core-systems", () -> "/api/v1/standards/core-systems", () -> null,
				only(200, 403, EVERYONE)));
		rows.add(new Row("GET", "/api/v1/standards/documents", () -> "/api/v1/standards/documents", () -> null,
				only(200, 403, EVERYONE)));
		Map<String, Integer> readers = only(200, 403, EVERYONE);
		readers.put("auditor", 403); // external reviewers read, they do not acknowledge hospital documents
		rows.add(new Row("POST", "/api/v1/standards/documents/{id}/versions/{versionId}/acknowledgement",
				() -> "/api/v1/standards/documents/" + documentInForce() + "/acknowledgement", () -> null, readers));
		rows.add(new Row("GET", "/api/v1/checklist-templates", () -> "/api/v1/checklist-templates", () -> null,
				only(200, 403, EVERYONE)));
		rows.add(new Row("GET", "/api/v1/checklist-templates/{id}", () -> "/api/v1/checklist-templates/"
				+ publishedChecklist()[0], () -> null, only(200, 403, EVERYONE)));
		rows.add(new Row("GET", "/api/v1/checklist-templates/{id}/versions/{versionId}", () -> {
			String[] ids = publishedChecklist();
			return "/api/v1/checklist-templates/" + ids[0] + "/versions/" + ids[1];
		}, () -> null, only(200, 403, EVERYONE)));
		Map<String, Integer> checklistWriters = only(201, 403, "admin", "quality");
		rows.add(new Row("POST", "/api/v1/checklist-templates", () -> "/api/v1/checklist-templates",
				() -> checklist(false), checklistWriters));
		rows.add(new Row("POST", "/api/v1/checklist-templates/{id}/versions",
				() -> "/api/v1/checklist-templates/" + publishedChecklist()[0] + "/versions", () -> null,
				checklistWriters));
		rows.add(new Row("PUT", "/api/v1/checklist-templates/{id}/versions/{versionId}", () -> {
			String[] ids = draftChecklist();
			return "/api/v1/checklist-templates/" + ids[0] + "/versions/" + ids[1];
		}, () -> "{\"sections\": [{\"title\": \"矩阵\", \"items\": [{\"text\": \"矩阵条目\", \"scoring\": \"POINTS\", \"points\": 2}]}]}",
				only(200, 403, "admin", "quality")));
		rows.add(new Row("POST", "/api/v1/checklist-templates/{id}/versions/{versionId}/publish", () -> {
			String[] ids = draftChecklist();
			return "/api/v1/checklist-templates/" + ids[0] + "/versions/" + ids[1] + "/publish";
		}, () -> null, only(200, 403, "admin", "quality")));
		// attachments: the reporter (qc.cardio), the quality office and the (not yet triaged: reporting)
		// department's head and QC officer add and void; the read-only auditor reads; other departments get 404
		Map<String, Integer> attachers = only(201, 403, "admin", "quality", "head.cardio", "qc.cardio", "nurse.cardio");
		attachers.put("nurse.cardio", 404);
		attachers.put("qc.ortho", 404);
		rows.add(new Row("POST", "/api/v1/incidents/{id}/attachments",
				() -> "/api/v1/incidents/" + cardiologyIncident() + "/attachments", () -> null, attachers, () -> PNG));
		rows.add(new Row("GET", "/api/v1/incidents/{id}/attachments",
				() -> "/api/v1/incidents/" + cardiologyIncident() + "/attachments", () -> null, cardiologyIncident));
		rows.add(new Row("GET", "/api/v1/incidents/{id}/attachments/{attachmentId}",
				() -> "/api/v1/incidents/" + cardiologyAttachment(), () -> null, cardiologyIncident));
		Map<String, Integer> voiders = only(200, 403, "admin", "quality", "head.cardio", "qc.cardio", "nurse.cardio");
		voiders.put("nurse.cardio", 404);
		voiders.put("qc.ortho", 404);
		rows.add(new Row("POST", "/api/v1/incidents/{id}/attachments/{attachmentId}/void",
				() -> "/api/v1/incidents/" + cardiologyAttachment() + "/void", () -> "{\"reason\": \"矩阵作废\"}", voiders));
		return rows;
	}

	@Autowired
	org.careqms.standards.ChecklistTemplates checklists;

	private org.careqms.standards.ChecklistTemplateVersion wardChecklist() {
		java.util.UUID hospital = jdbc.sql("select id from hospital where code = 'H0001'").query(java.util.UUID.class)
			.single();
		long version = checklists.published(hospital).stream().filter(t -> t.code().equals("CL-WARD-NURSING"))
			.findFirst().orElseThrow().versionId();
		return checklists.version(hospital, version).orElseThrow();
	}

	private String wardItem() {
		return wardChecklist().items().filter(i -> i.scoring() == org.careqms.standards.ScoringMethod.PASS_FAIL)
			.findFirst().orElseThrow().code();
	}

	private String auditPlan(String type, String department, String auditor) {
		return "{\"title\": \"矩阵检查" + SEQUENCE.incrementAndGet() + "\", \"auditType\": \"" + type
				+ "\", \"templateVersionId\": " + wardChecklist().versionId() + ", \"departmentCodes\": [\"" + department
				+ "\"], \"auditors\": [\"" + auditor + "\"], \"plannedOn\": \"2030-06-01\"}";
	}

	/** A cardiology plan of the quality office (one inspection, not started). */
	private String cardiologyPlan() {
		var created = api().post("/api/v1/audit-plans", auditPlan("ROUTINE", "0301", "quality"), Api.demo("quality"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	/** A cardiology inspection planned by the quality office, done by the quality office. */
	private String cardiologyInspection() {
		var created = api().post("/api/v1/audit-plans", auditPlan("ROUTINE", "0301", "quality"), Api.demo("quality"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("inspections").get(0).get("id").asString();
	}

	/** "{documentId}/versions/{versionId}" of the demo hospital's hand-hygiene regulation in force. */
	private String documentInForce() {
		var list = api().get("/api/v1/standards/documents", Api.demo("quality"));
		for (var d : list.json()) {
			if (d.get("code").asString().equals("ZD-YG-002")) {
				return d.get("id").asString() + "/versions/" + d.get("versionInForce").get("versionId").asString();
			}
		}
		throw new IllegalStateException("demo document ZD-YG-002 missing");
	}

	private static String checklist(boolean publish) {
		return "{\"code\": \"AM-CL" + SEQUENCE.incrementAndGet() + "\", \"name\": \"矩阵检查表\", \"publish\": " + publish
				+ ", \"sections\": [{\"title\": \"一\", \"items\": [{\"text\": \"条目\", \"scoring\": \"PASS_FAIL\", \"points\": 5}]}]}";
	}

	/** A checklist template with a draft version 1: its id and the draft's id. */
	private String[] draftChecklist() {
		var created = api().post("/api/v1/checklist-templates", checklist(false), Api.demo("quality"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return new String[] { created.json().get("templateId").asString(), created.json().get("versionId").asString() };
	}

	/** A checklist template with a published version 1 and no draft: its id and the version's id. */
	private String[] publishedChecklist() {
		var created = api().post("/api/v1/checklist-templates", checklist(true), Api.demo("quality"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return new String[] { created.json().get("templateId").asString(), created.json().get("versionId").asString() };
	}

	/** An encounter imported by the administrator, for the procedure and document imports to refer to. */
	private String importedEncounter() {
		String id = "AM-E" + SEQUENCE.incrementAndGet();
		var answer = api().upload("/api/v1/imports/encounters", "encounters.csv",
				ClinicalCsv.file(ClinicalCsv.ENCOUNTERS, ClinicalCsv.encounter(id)), Api.demo("admin"), null);
		assertThat(answer.status()).isEqualTo(200);
		return id;
	}

	/** A run of the demo hospital with one rejected row. */
	private String importRun() {
		var answer = api().upload("/api/v1/imports/encounters", "encounters.csv",
				ClinicalCsv.file(ClinicalCsv.ENCOUNTERS, ClinicalCsv.encounter("AM-E" + SEQUENCE.incrementAndGet())
					.replace(",I21.0,", ",BAD,")), Api.demo("admin"), null);
		assertThat(answer.status()).isEqualTo(200);
		return answer.json().get("runId").asString();
	}

	@TestFactory
	Stream<DynamicTest> everyEndpointAnswersEveryRoleAsDeclared() {
		return rows().stream().flatMap(row -> row.expected().entrySet().stream().map(expectation -> DynamicTest
			.dynamicTest(row.method() + " " + row.pattern() + " as " + expectation.getKey(), () -> {
				String authorization = expectation.getKey().equals("anonymous") ? null
						: Api.demo(expectation.getKey());
				var answer = row.upload() == null
						? api().send(row.method(), row.path().get(), row.body().get(), authorization, null)
						: api().upload(row.path().get(), "matrix.csv", row.upload().get(), authorization, null);
				assertThat(answer.status()).as(answer.body()).isEqualTo(expectation.getValue());
				if (answer.status() >= 400) {
					assertThat(answer.contentType()).startsWith("application/problem+json");
				}
			})));
	}

	@Test
	void everyApiEndpointIsInTheMatrix() {
		Set<String> declared = new TreeSet<>();
		rows().forEach(row -> declared.add(row.method() + " " + row.pattern()));
		Set<String> mapped = new TreeSet<>();
		mappings.getHandlerMethods().forEach((info, method) -> {
			for (String pattern : info.getPatternValues()) {
				if (pattern.startsWith("/api/")) {
					info.getMethodsCondition().getMethods().forEach(m -> mapped.add(m.name() + " " + pattern));
				}
			}
		});
		assertThat(declared).containsExactlyInAnyOrderElementsOf(mapped);
	}
}
