package org.careqms.standards;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.CareQmsProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds the demo hospital's published checklist templates (core-system compliance and ward nursing
 * safety) and regulations, under the same rule as the organization's demo data: on the embedded
 * database unless {@code careqms.demo=false}, elsewhere only with {@code careqms.demo=true}. Runs after
 * the organization's demo data, once: a hospital that already has the core-system template is left alone.
 */
@Component
@Order(3)
class StandardsDemoData implements ApplicationRunner {

	static final String CORE_TEMPLATE = "CL-CORE";

	static final String WARD_TEMPLATE = "CL-WARD-NURSING";

	private static final Logger log = LoggerFactory.getLogger(StandardsDemoData.class);

	private final OrganizationDirectory organization;
	private final ChecklistTemplateManagement templates;
	private final org.springframework.beans.factory.ObjectProvider<DemoSeed> seeds;
	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;
	private final boolean enabled;
	private final String hospitalCode;

	StandardsDemoData(OrganizationDirectory organization, ChecklistTemplateManagement templates,
			org.springframework.beans.factory.ObjectProvider<DemoSeed> seeds,
			JdbcClient jdbc, TransactionTemplate transactions, CareQmsProperties properties,
			@Value("${spring.datasource.url:}") String externalUrl,
			@Value("${careqms.admin.username:}") String adminUsername,
			@Value("${careqms.hospital.code:H0001}") String hospitalCode) {
		this.organization = organization;
		this.templates = templates;
		this.seeds = seeds;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.enabled = properties.demo() != null ? properties.demo() : externalUrl.isBlank() && adminUsername.isBlank();
		this.hospitalCode = hospitalCode;
	}

	/** Other demo rows of this module (documents) that need the hospital's departments. */
	interface DemoSeed {

		void seed(UUID hospitalId);
	}

	private record Item(String code, String text, String guidance, ScoringMethod scoring, String points,
			boolean critical, boolean notApplicable, String coreCheck) {
	}

	private record Section(String title, List<Item> items) {
	}

	private static Item item(String code, String text, String guidance, ScoringMethod scoring, String points,
			boolean critical, boolean na, String coreCheck) {
		return new Item(code, text, guidance, scoring, points, critical, na, coreCheck);
	}

	static final List<Section> CORE = List.of(
			new Section("三级查房制度", List.of(
					item("1.1", "工作日每天至少查房2次，非工作日每天至少查房1次", "抽查在院病历5份，核对查房记录次数；每缺1次扣1分",
							ScoringMethod.DEDUCTION, "5", false, false, "CS02-K4"),
					item("1.2", "术者在术前及术后24小时内亲自查房并记录", "抽查手术患者病历3份；无术者查房记录每份扣2分",
							ScoringMethod.DEDUCTION, "6", false, true, "CS02-K8"),
					item("1.3", "上级医师查房体现三级医师分级决策", "查看主治及以上医师查房记录是否有分析与诊疗意见",
							ScoringMethod.POINTS, "4", false, false, "CS02-K3"))),
			new Section("会诊制度", List.of(
					item("2.1", "院内急会诊在会诊请求发出后10分钟内到位", "调取近1个月急会诊记录，核对申请与到位时间；任何1例超时即不得分",
							ScoringMethod.PASS_FAIL, "10", true, false, "CS03-K2"),
					item("2.2", "普通会诊在发出后24小时内完成", "抽查会诊记录5份；每例超时扣1分", ScoringMethod.DEDUCTION, "5",
							false, false, "CS03-K3"))),
			new Section("手术安全核查制度", List.of(
					item("3.1", "麻醉实施前、手术开始前、患者离开手术室前三个时点均完成核查",
							"现场查看或抽查手术安全核查表；任一时点缺失即不得分", ScoringMethod.PASS_FAIL, "10", true, true,
							"CS11-K2"),
					item("3.2", "手术医师、麻醉医师、手术室护士三方逐项填写并签名", "每缺1项签名扣1分", ScoringMethod.DEDUCTION,
							"5", false, true, "CS11-K4"))),
			new Section("查对制度与危急值报告", List.of(
					item("4.1", "患者身份识别使用至少两种标识", "现场抽查3名患者的给药、采血、检查核对过程", ScoringMethod.PASS_FAIL,
							"5", false, false, "CS10-K1"),
					item("4.2", "危急值接收人员准确记录、复读确认并立即通知医师", "抽查危急值登记本与病程记录5例",
							ScoringMethod.POINTS, "5", false, false, "CS14-K3"))),
			new Section("死亡病例讨论制度", List.of(
					item("5.1", "死亡病例在患者死亡1周内完成讨论", "本月无死亡病例时标记为不适用", ScoringMethod.DEDUCTION, "5",
							false, true, "CS09-K1"),
					item("5.2", "讨论专册记录，主持人审核签字，结果记入病历", "查看死亡病例讨论记录本", ScoringMethod.POINTS, "5",
							false, true, "CS09-K4"))));

	static final List<Section> WARD = List.of(
			new Section("跌倒/坠床预防", List.of(
					item("1.1", "入院2小时内完成跌倒风险评估，病情变化时复评", "抽查在院患者护理记录5份；每份缺评估扣1分",
							ScoringMethod.DEDUCTION, "5", false, false, null),
					item("1.2", "高危患者床头有警示标识，防护措施落实（床栏、呼叫器在可及处）", "现场查看高危患者床单位",
							ScoringMethod.POINTS, "5", false, false, null),
					item("1.3", "地面干燥，走廊及卫生间扶手、防滑设施完好", null, ScoringMethod.PASS_FAIL, "3", false, false,
							null))),
			new Section("压力性损伤预防", List.of(
					item("2.1", "入院时使用Braden量表评估压力性损伤风险", null, ScoringMethod.POINTS, "5", false, false, null),
					item("2.2", "高危患者按时翻身并记录，减压用具使用正确", "病区无高危患者时标记为不适用", ScoringMethod.DEDUCTION,
							"5", false, true, null),
					item("2.3", "院内发生的压力性损伤按规定上报不良事件", null, ScoringMethod.PASS_FAIL, "5", false, true,
							null))),
			new Section("手卫生", List.of(
					item("3.1", "病房、治疗室配备流动水洗手设施及速干手消毒剂，在有效期内", null, ScoringMethod.PASS_FAIL, "3",
							false, false, null),
					item("3.2", "医务人员手卫生\"两前三后\"五个时刻依从", "现场观察不少于10个手卫生时机，按依从比例给分",
							ScoringMethod.POINTS, "10", false, false, null))),
			new Section("药品储存与安全", List.of(
					item("4.1", "高警示药品专区（专柜）存放，有醒目警示标识", "任一高警示药品混放即不得分，单项否决",
							ScoringMethod.PASS_FAIL, "10", true, false, null),
					item("4.2", "冷藏药品冰箱温度每日监测记录，温度在2-8℃", "每缺1天记录扣1分", ScoringMethod.DEDUCTION, "5",
							false, false, null),
					item("4.3", "急救车药品、物品定位放置，数量相符，均在有效期内", "急救车内药品过期即不得分", ScoringMethod.POINTS,
							"5", false, false, "CS07-K4"),
					item("4.4", "给药前使用两种身份标识核对患者", "现场观察给药过程", ScoringMethod.PASS_FAIL, "5", true, false,
							"CS10-K1"))));

	@Override
	public void run(ApplicationArguments args) {
		if (!enabled) {
			return;
		}
		transactions.executeWithoutResult(status -> {
			UUID hospitalId = organization.hospitalIdByCode(hospitalCode).orElse(null);
			if (hospitalId == null || organization.departments(hospitalId).isEmpty()) {
				return;
			}
			boolean seeded = jdbc.sql("select count(*) from checklist_template where hospital_id = :h and code = :c")
				.param("h", hospitalId).param("c", CORE_TEMPLATE).query(Integer.class).single() > 0;
			if (seeded) {
				return;
			}
			seedTemplate(hospitalId, CORE_TEMPLATE, "核心制度落实检查表",
					"依据《医疗质量安全核心制度要点》（国卫医发〔2018〕8号），检查临床科室核心制度落实情况。标注单项否决的条目未达标时，本次检查判定为不合格。",
					List.of("院级质控检查", "专项检查", "科室自查"), CORE);
			seedTemplate(hospitalId, WARD_TEMPLATE, "病区护理安全检查表",
					"护理部每月对各病区开展护理安全检查：跌倒/坠床、压力性损伤、手卫生、药品储存与身份识别。",
					List.of("护理质量检查", "夜查房", "节假日检查"), WARD);
			seeds.orderedStream().forEach(seed -> seed.seed(hospitalId));
			log.info("Seeded the demo hospital's checklist templates and regulations");
		});
	}

	private void seedTemplate(UUID hospitalId, String code, String name, String description, List<String> types,
			List<Section> sections) {
		long templateId = templates.create(hospitalId,
				new ChecklistTemplateManagement.TemplateDraft(code, name, description, types));
		long versionId = jdbc.sql("select id from checklist_template_version where template_id = :t")
			.param("t", templateId).query(Long.class).single();
		for (Section section : sections) {
			long sectionId = templates.addSection(hospitalId, versionId, section.title());
			for (Item i : section.items()) {
				templates.addItem(hospitalId, sectionId, new ChecklistTemplateManagement.ItemDraft(i.code(), i.text(),
						i.guidance(), i.scoring(), new BigDecimal(i.points()), i.critical(), i.notApplicable(),
						i.coreCheck()));
			}
		}
		templates.publish(hospitalId, versionId);
	}
}
