package org.careqms.standards;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.careqms.organization.OrganizationDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo hospital's regulations: core-system regulations of the medical affairs office, a nursing SOP
 * in its second version (the first superseded) and the hand-hygiene regulation, with a few
 * acknowledgements so the completion table has something to show.
 */
@Component
class DocumentDemoData implements StandardsDemoData.DemoSeed {

	private final DocumentManagement documents;
	private final OrganizationDirectory organization;
	private final JdbcClient jdbc;
	private final Clock clock;

	DocumentDemoData(DocumentManagement documents, OrganizationDirectory organization, JdbcClient jdbc, Clock clock) {
		this.documents = documents;
		this.organization = organization;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	private record Demo(String code, String title, DocumentType type, String owner, List<String> systems,
			List<String> versions) {
	}

	private static final List<Demo> DEMOS = List.of(
			new Demo("ZD-YW-001", "首诊负责制度", DocumentType.REGULATION, "1001", List.of("CS01"), List.of("""
					一、首诊医师对患者的诊疗负责，在一次就诊过程结束前或由其他医师接诊前，负责该患者全程诊疗管理。
					二、首诊医师应详细询问病史、进行体格检查和必要的辅助检查，及时、规范书写门急诊病历。
					三、需其他科室诊治的，首诊医师应先处理紧急情况并请相关科室会诊，不得推诿患者。
					四、非本院诊疗科目范围内的疾病，应告知患者或其近亲属，并建议其前往相应医疗机构就诊。""")),
			new Demo("ZD-YW-003", "会诊制度", DocumentType.REGULATION, "1001", List.of("CS03", "CS16"), List.of("""
					一、会诊分为急会诊和普通会诊。院内急会诊应在会诊请求发出后10分钟内到位，普通会诊应在会诊发出后24小时内完成。
					二、会诊申请由经治医师提出，上级医师审核；会诊意见及时记入病历。
					三、特殊使用级抗菌药物的使用须经具有相应资质的医师会诊同意。""")),
			new Demo("SOP-HL-010", "住院患者跌倒/坠床预防与处理操作规程", DocumentType.SOP, "1003", List.of("CS04", "CS10"),
					List.of("""
							一、患者入院2小时内完成跌倒风险评估。
							二、高危患者床头悬挂警示标识，落实防护措施。""", """
							一、患者入院2小时内使用Morse跌倒风险评估量表完成评估；病情变化、用药调整、转科及术后应复评。
							二、高危患者床头悬挂警示标识，床栏、呼叫器置于可及处，告知患者及陪护防跌倒要点并签字。
							三、发生跌倒/坠床时立即评估伤情并通知医师，按规定上报不良事件，24小时内完成原因分析。""")),
			new Demo("ZD-YG-002", "手卫生管理制度", DocumentType.REGULATION, "1004", List.of(), List.of("""
					一、医务人员在接触患者前、清洁/无菌操作前、接触患者后、接触患者体液后、接触患者周围环境后，应执行手卫生。
					二、病房、治疗室等区域配备流动水洗手设施和速干手消毒剂。
					三、医院感染管理科每月抽查手卫生依从性，结果纳入科室质量考核。""")));

	@Override
	public void seed(UUID hospitalId) {
		Map<String, UUID> departments = organization.departments(hospitalId).stream()
			.collect(Collectors.toMap(OrganizationDirectory.DepartmentSummary::code, OrganizationDirectory.DepartmentSummary::id));
		for (Demo demo : DEMOS) {
			UUID id = documents.create(hospitalId, new DocumentManagement.DocumentDraft(demo.code(), demo.title(),
					demo.type(), departments.get(demo.owner()), demo.systems()));
			for (int n = 0; n < demo.versions().size(); n++) {
				UUID draft = n == 0 ? firstDraft(id) : documents.newVersion(hospitalId, id);
				documents.saveDraft(hospitalId, draft, new DocumentManagement.VersionText(demo.versions().get(n),
						n == 0 ? null : "细化评估时机与处理流程", LocalDate.now(clock).minusMonths(3 - n)));
				documents.publish(hospitalId, draft, false);
			}
		}
		// a few acknowledgements of the nursing SOP in force, by cardiology staff
		UUID sop = jdbc.sql("""
				select v.id from std_document_version v join std_document d on d.id = v.document_id
				where d.hospital_id = :h and d.code = 'SOP-HL-010' and v.status = 'PUBLISHED'""")
			.param("h", hospitalId).query(UUID.class).single();
		jdbc.sql("""
				insert into std_acknowledgement (document_version_id, user_id, hospital_id, acknowledged_at)
				select :v, u.id, u.hospital_id, :at from app_user u
				where u.hospital_id = :h and u.username in ('nurse.cardio', 'head.cardio')
				on conflict do nothing""")
			.param("v", sop).param("h", hospitalId).param("at", Timestamp.from(clock.instant())).update();
	}

	private UUID firstDraft(UUID documentId) {
		return jdbc.sql("select id from std_document_version where document_id = :d and status = 'DRAFT'")
			.param("d", documentId).query(UUID.class).single();
	}
}
