package org.careqms.recordqc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The record-QC pages render in both languages for the roles that may see them; the run button and
 * the rule settings work for managers only. Data: cardiology discharges of May 2005 (no other test's).
 */
@CareQmsTest
class RecordQcPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	@Autowired
	JdbcClient jdbc;

	UserDetails as(String username) {
		return users.loadUserByUsername(username);
	}

	UUID cardiology() {
		return jdbc.sql("select d.id from department d join hospital h on h.id = d.hospital_id"
				+ " where h.code = 'H0001' and d.code = '0301'").query(UUID.class).single();
	}

	void may2005() {
		jdbc.sql("""
				insert into clinical_encounter (hospital_id, encounter_id, patient_id, sex, birth_date, admit_time,
				    admit_dept_id, discharge_time, discharge_dept_id, admission_route, principal_dx, discharge_disposition,
				    readmission_plan_31d, import_run_id)
				select h.id, 'PAGE-2005-1', 'PPAGE2005', 1, date '1940-01-01', timestamp '2005-05-01 08:00', d.id,
				       timestamp '2005-05-08 08:00', d.id, 2, 'I21.0', 1, 1, gen_random_uuid()
				from hospital h join department d on d.hospital_id = h.id and d.code = '0301'
				where h.code = 'H0001'
				on conflict do nothing""").update();
		jdbc.sql("""
				insert into record_document (hospital_id, encounter_id, doc_id, doc_type, written_time, author_id, import_run_id)
				select hospital_id, encounter_id, 'PAGE-DOC-1', 'ADMISSION_RECORD', timestamp '2005-05-03 08:00', 'D0301001',
				       gen_random_uuid()
				from clinical_encounter where encounter_id = 'PAGE-2005-1'
				on conflict do nothing""").update();
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
	void theOverviewRendersInBothLanguagesAfterARunFromItsButton() throws Exception {
		may2005();
		mvc.perform(post("/record-qc/runs").param("from", "2005-05-01").param("to", "2005-05-31")
			.with(user(as("quality"))).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/record-qc?from=2005-05-01&to=2005-05-31"))
			.andExpect(flash().attribute("success", "recordqc.run.done"));
		String zh = render("/record-qc?from=2005-05-01&to=2005-05-31", "quality", "zh_CN");
		assertThat(zh).contains("病历质控", "入院记录", "run-button", "丙级", "D0301001");
		String en = render("/record-qc?from=2005-05-01&to=2005-05-31", "quality", "en");
		assertThat(en).contains("Record QC", "Admission record", "Grade C", "Late");
		String officer = render("/record-qc?from=2005-05-01&to=2005-05-31", "qc.cardio", "en");
		assertThat(officer).contains("Admission record").doesNotContain("run-button", "rules-link");
		assertThat(render("/record-qc?from=2005-05-01&to=2005-05-31", "qc.ortho", "en"))
			.doesNotContain("Admission record");
		render("/record-qc", "auditor", "zh_CN");
		assertThat(render("/", "nurse.cardio", "zh_CN")).contains("/record-qc", "病历质控");
	}

	@Test
	void theDefectListIsScopedToTheDepartment() throws Exception {
		may2005();
		mvc.perform(post("/record-qc/runs").param("from", "2005-05-01").param("to", "2005-05-31")
			.with(user(as("admin"))).with(csrf())).andExpect(status().is3xxRedirection());
		String path = "/record-qc/defects?department=" + cardiology() + "&from=2005-05-01&to=2005-05-31";
		assertThat(render(path, "qc.cardio", "zh_CN")).contains("PAGE-2005-1", "超时", "缺写");
		assertThat(render(path, "quality", "en")).contains("PAGE-2005-1", "Late", "Missing");
		mvc.perform(get(path).with(user(as("qc.ortho")))).andExpect(status().isNotFound());
		assertThat(render("/record-qc/defects?from=2005-05-01&to=2005-05-31", "qc.ortho", "en"))
			.doesNotContain("PAGE-2005-1");
		mvc.perform(get("/record-qc/defects?from=2005-05-31&to=2005-05-01").with(user(as("quality"))))
			.andExpect(status().isBadRequest());
	}

	@Test
	void onlyManagersRunAndTuneRules() throws Exception {
		mvc.perform(post("/record-qc/runs").param("from", "2005-05-01").param("to", "2005-05-31")
			.with(user(as("qc.cardio"))).with(csrf())).andExpect(status().isForbidden());
		mvc.perform(get("/record-qc/rules").with(user(as("head.cardio")))).andExpect(status().isForbidden());
		mvc.perform(post("/record-qc/rules/RR-RND-01").param("enabled", "true").param("deadlineHours", "48")
			.param("deduction", "5").param("severity", "DEDUCT").param("version", "0")
			.with(user(as("qc.cardio"))).with(csrf())).andExpect(status().isForbidden());
		assertThat(render("/record-qc/rules", "quality", "zh_CN")).contains("RR-DTH-02", "单项否决（丙级）", "168");
		assertThat(render("/record-qc/rules", "admin", "en")).contains("Death case discussion record", "Veto to grade C");
	}

	@Test
	void aManagerTunesARuleOnThePage() throws Exception {
		render("/record-qc/rules", "quality", "en");
		UUID hospital = jdbc.sql("select id from hospital where code = 'H0001'").query(UUID.class).single();
		int version = jdbc.sql("select version from record_qc_rule where hospital_id = :h and rule_id = 'RR-RES-01'")
			.param("h", hospital).query(Integer.class).single();
		// the box unticked: no "enabled" sent
		mvc.perform(post("/record-qc/rules/RR-RES-01").param("deadlineHours", "8").param("deduction", "3.5")
			.param("severity", "DEDUCT").param("version", String.valueOf(version))
			.with(user(as("quality"))).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("success", "recordqc.rules.saved"));
		assertThat(jdbc.sql("""
				select enabled || ' ' || deadline_hours || ' ' || deduction || ' ' || changed_by from record_qc_rule
				where hospital_id = :h and rule_id = 'RR-RES-01'""").param("h", hospital).query(String.class).single())
			.isEqualTo("false 8 3.5 quality");
		// a stale form does not overwrite the change
		mvc.perform(post("/record-qc/rules/RR-RES-01").param("enabled", "true").param("deadlineHours", "6")
			.param("deduction", "5").param("severity", "DEDUCT").param("version", String.valueOf(version))
			.with(user(as("quality"))).with(csrf()))
			.andExpect(status().isConflict());
		mvc.perform(post("/record-qc/rules/RR-RES-01").param("enabled", "true").param("deadlineHours", "-1")
			.param("deduction", "5").param("severity", "DEDUCT").param("version", String.valueOf(version + 1))
			.with(user(as("quality"))).with(csrf()))
			.andExpect(status().isBadRequest());
		mvc.perform(post("/record-qc/rules/RR-RES-01").param("enabled", "true").param("deadlineHours", "6")
			.param("deduction", "5").param("severity", "DEDUCT").param("version", String.valueOf(version + 1))
			.with(user(as("quality"))).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("""
				select count(*) from audit_entry where hospital_id = :h and entity_type = 'RecordQcRule' and entity_id = 'RR-RES-01'""")
			.param("h", hospital).query(Long.class).single()).isGreaterThanOrEqualTo(2);
	}
}
