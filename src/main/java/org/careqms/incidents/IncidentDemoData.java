package org.careqms.incidents;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.DemoActivity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo hospital's adverse-event reports of the last two years, reported by the demo users (some
 * anonymously) and handled by the quality office through {@link IncidentManagement}: older ones triaged and
 * closed with feedback, recent ones still submitted, triaged or under investigation; two level II events
 * with a root-cause analysis (their actions come from improvement as in real use). Deterministic
 * ({@link DemoActivity#SEED}); runs after the demo discharges, only into a demo hospital without reports.
 */
@Component
@Order(12)
class IncidentDemoData implements ApplicationRunner {

	static final int REPORTS = 96;

	private static final Logger log = LoggerFactory.getLogger(IncidentDemoData.class);

	private final DemoActivity demo;
	private final IncidentManagement management;
	private final RootCauseAnalysis rca;
	private final OrganizationDirectory organization;
	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;
	private final ZoneId zone;

	IncidentDemoData(DemoActivity demo, IncidentManagement management, RootCauseAnalysis rca,
			OrganizationDirectory organization, JdbcClient jdbc, TransactionTemplate transactions,
			@Value("${careqms.clinical-data.time-zone:Asia/Shanghai}") ZoneId zone) {
		this.demo = demo;
		this.management = management;
		this.rca = rca;
		this.organization = organization;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.zone = zone;
	}

	/** A kind of event as reported: category, weight, the departments it happens in, text, first measures. */
	private record Kind(String category, int weight, List<String> departments, String description, String immediate,
			Map<String, String> details, String harm) {
	}

	private static final List<Kind> KINDS = List.of(
			new Kind("CAT-FALL", 14, List.of("0301W", "0402W", "0304", "0302", "0305"),
					"患者夜间自行如厕时在卫生间滑倒，臀部着地，当班护士发现后立即查看。", "协助患者回床，通知值班医师查体，复评跌倒风险并加床栏。",
					Map.of("injury", "MINOR", "riskAssessed", "YES"), "MILD"),
			new Kind("CAT-DRUG", 12, List.of("0301W", "0302", "0401", "0601", "0801"),
					"护士执行医嘱时发现静脉输液瓶签与患者腕带床号不符，未给药即发现并拦截。", "重新双人核对，更换正确药品，报告护士长。",
					Map.of("nccMerp", "B"), "NONE"),
			new Kind("CAT-PI", 8, List.of("0801", "0304", "0403", "0402W"),
					"长期卧床患者骶尾部出现2期压力性损伤，入院时皮肤完好。", "使用减压床垫，2小时翻身，请伤口专科护士会诊。",
					Map.of("stage", "2", "acquired", "HOSPITAL"), "MILD"),
			new Kind("CAT-UEX", 6, List.of("0801", "0403", "0401"),
					"患者躁动，自行拔除胃管，当时约束带松脱。", "评估患者情况，遵医嘱重新置管，调整约束并加强巡视。",
					Map.of("line", "GASTRIC"), "MILD"),
			new Kind("CAT-NUR", 8, List.of("0301W", "0402W", "0501", "0601"),
					"交接班遗漏一名患者的术前禁食要求，患者进食早餐，手术顺延。", "通知手术室与主管医师，手术改期，重新梳理交接清单。", Map.of(),
					"NONE"),
			new Kind("CAT-MED", 8, List.of("0301", "0302", "0401", "0701"),
					"急诊患者胸痛，首份心电图完成时间超过到院10分钟要求。", "立即完成心电图并请心内科会诊，回顾胸痛流程。", Map.of(), "NONE"),
			new Kind("CAT-DEV", 6, List.of("0801", "0404", "0301"),
					"输液泵报警后停止运行，更换泵后恢复输注，输注延迟约20分钟。", "更换输液泵，故障设备贴标停用并报设备科。", Map.of(), "NONE"),
			new Kind("CAT-LAB", 6, List.of("0901", "0701", "0601"), "标本标签与申请单信息不一致，检验科拒收并电话通知病区。",
					"重新采集标本，核对两种身份标识。", Map.of(), "NONE"),
			new Kind("CAT-HAI", 4, List.of("0801", "0401"), "术后患者切口红肿渗液，分泌物培养阳性，疑似手术部位感染。",
					"上报感染管理科，加强换药，调整抗菌药物。", Map.of(), "MODERATE"),
			new Kind("CAT-BLD", 3, List.of("0401", "0501", "0801"), "输血过程中患者出现寒战、发热，体温38.6℃。",
					"立即停止输血，保留血袋送输血科，遵医嘱处理。", Map.of(), "MILD"),
			new Kind("CAT-VIO", 3, List.of("0701", "0601"), "患者家属因候诊时间长与护士发生争执并推搡。", "保安到场，安抚家属，护士验伤。",
					Map.of(), "NONE"),
			new Kind("CAT-OTH", 3, List.of("0903", "0902", "1003"), "病区冰箱温度记录连续两天缺失，冷藏药品温度未知。",
					"药剂科评估药品可用性，恢复温度记录。", Map.of(), "NONE"));

	private static final List<String> REPORTERS = List.of("nurse.cardio", "qc.cardio", "qc.ortho", "head.cardio",
			"quality");

	@Override
	public void run(ApplicationArguments args) {
		demo.run("quality", quality -> {
			UUID hospital = quality.hospitalId();
			boolean any = jdbc.sql("select exists (select 1 from incident where hospital_id = :h)").param("h", hospital)
				.query(Boolean.class).single();
			if (any) {
				return;
			}
			Map<String, UUID> departments = organization.departmentCodeIndex(hospital);
			var random = new Random(DemoActivity.SEED + 3);
			int totalWeight = KINDS.stream().mapToInt(Kind::weight).sum();
			LocalDateTime now = LocalDateTime.now(zone).withSecond(0).withNano(0);
			LocalDateTime start = now.minusMonths(24);
			long spanMinutes = java.time.Duration.between(start, now.minusDays(2)).toMinutes();
			int[] tally = new int[2]; // level II analysed, closed
			for (int n = 0; n < REPORTS; n++) {
				int number = n;
				// one report and its handling together (fewer commits on a first start)
				transactions.executeWithoutResult(
						status -> one(random, totalWeight, departments, now, start, spanMinutes, number, tally));
			}
			log.info("Seeded the demo hospital's adverse events: {} reports, {} closed, {} level II analysed", REPORTS,
					tally[1], tally[0]);
		});
	}

	private void one(Random random, int totalWeight, Map<String, UUID> departments, LocalDateTime now,
			LocalDateTime start, long spanMinutes, int number, int[] tally) {
		Kind kind = pick(random, totalWeight);
		String code = kind.departments().get(random.nextInt(kind.departments().size()));
		UUID department = departments.get(code);
		if (department == null) {
			return;
		}
		// more reports lately: the reporting culture grows
		LocalDateTime occurred = start.plusMinutes((long) (Math.sqrt(random.nextDouble()) * spanMinutes));
		boolean anonymous = random.nextDouble() < 0.15;
		String reporter = REPORTERS.get(random.nextInt(REPORTERS.size()));
		var report = new IncidentManagement.Report(occurred, department, kind.category(), null, kind.description(),
				kind.immediate(), !kind.category().equals("CAT-VIO"), anonymous, kind.details());
		var incident = demo.as(reporter, user -> management.report(report, "demo-incident-" + number).incident())
			.orElse(null);
		if (incident == null) {
			return;
		}
		long ageDays = java.time.Duration.between(occurred, now).toDays();
		if (ageDays < 10 && random.nextDouble() < 0.6) {
			return; // still waiting for triage
		}
		boolean makeSerious = tally[0] < 2 && ageDays > 60 && ageDays < 200
				&& (kind.category().equals("CAT-FALL") || kind.category().equals("CAT-DRUG"));
		String level = makeSerious ? "CN-II" : random.nextDouble() < 0.55 ? "CN-III" : "CN-IV";
		String harm = makeSerious ? "MODERATE" : level.equals("CN-IV") ? "NONE" : kind.harm();
		management.triage(incident.getId(), level, harm, department, Set.of());
		if (makeSerious) {
			tally[0]++;
			analyse(incident.getId(), kind.category());
			if (tally[0] == 1) {
				management.close(incident.getId(), "根因分析已完成，整改措施已纳入持续改进并由质控办跟踪，感谢您的上报。");
				tally[1]++;
			}
			return;
		}
		if (ageDays > 45 || random.nextDouble() < 0.3) {
			if (random.nextBoolean()) {
				management.advance(incident.getId(), Incident.Status.INVESTIGATING);
			}
			if (ageDays > 45) {
				management.close(incident.getId(), level.equals("CN-IV")
						? "经核查为未造成伤害的隐患事件，已在科室质量与安全会议上通报，感谢您的主动上报。"
						: "科室已完成原因分析并落实整改，质控办将在下月检查中跟踪，感谢您的上报。");
				tally[1]++;
			}
		}
	}

	private void analyse(UUID id, String category) {
		management.advance(id, Incident.Status.INVESTIGATING);
		Incident incident = management.get(id);
		boolean fall = category.equals("CAT-FALL");
		rca.save(incident,
				fall ? "02:10 患者起床如厕\n02:12 卫生间内滑倒\n02:15 护士巡视发现并报告医师\n02:40 CT检查提示股骨颈骨折"
						: "09:00 医嘱开立\n09:40 护士配药时未双人核对\n10:05 给药后患者出现低血糖反应\n10:10 发现并处理",
				List.of("STAFF", "PATIENT", "WORK_ENVIRONMENT", "COMMUNICATION"),
				fall ? List.of("为什么患者跌倒？夜间独自如厕时地面湿滑", "为什么独自如厕？未按铃呼叫护士",
						"为什么未呼叫？入院宣教未强调夜间如厕需协助", "为什么宣教不到位？高危患者宣教无标准内容",
						"为什么无标准内容？跌倒预防制度未随新评估量表更新")
						: List.of("为什么给错剂量？配药时未核对医嘱单位", "为什么未核对？夜班人力不足",
								"为什么人力不足？弹性排班未覆盖高峰时段"),
				Map.of("PEOPLE", fall ? "夜班护士巡视间隔过长" : "配药未执行双人核对", "ENVIRONMENT",
						fall ? "卫生间地面防滑垫缺失" : "治疗室照明不足", "METHODS",
						fall ? "高危患者宣教无标准流程" : "胰岛素医嘱单位书写不统一", "MANAGEMENT", "质控检查未覆盖夜间时段"),
				fall ? "高危患者夜间如厕协助流程缺失；卫生间防滑设施不到位" : "高警示药品配药双人核对未落实；医嘱单位书写不规范",
				null);
	}

	private static Kind pick(Random random, int totalWeight) {
		int x = random.nextInt(totalWeight);
		for (Kind kind : KINDS) {
			x -= kind.weight();
			if (x < 0) {
				return kind;
			}
		}
		return KINDS.get(0);
	}
}
