package org.careqms.improvement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

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

/**
 * The demo hospital's own improvement work, next to the actions that indicator alerts, serious adverse
 * events and failed inspection items open by themselves: manual actions in every state (one overdue and
 * escalated, one verified effective with its indicator, one awaiting verification, one in progress), a
 * PDCA cycle on cardiology's rising readmissions in Check, and a ward's QCC project in Do. Everything goes
 * through {@link ActionManagement} and {@link CycleManagement}. Runs last of the demo activity, only into a
 * demo hospital without manual actions or cycles.
 */
@Component
@Order(14)
class ImprovementDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ImprovementDemoData.class);

	private final DemoActivity demo;
	private final ActionManagement actions;
	private final CycleManagement cycles;
	private final OrganizationDirectory organization;
	private final JdbcClient jdbc;
	private final ZoneId zone;

	ImprovementDemoData(DemoActivity demo, ActionManagement actions, CycleManagement cycles,
			OrganizationDirectory organization, JdbcClient jdbc,
			@Value("${careqms.clinical-data.time-zone:Asia/Shanghai}") ZoneId zone) {
		this.demo = demo;
		this.actions = actions;
		this.cycles = cycles;
		this.organization = organization;
		this.jdbc = jdbc;
		this.zone = zone;
	}

	@Override
	public void run(ApplicationArguments args) {
		demo.run("quality", quality -> {
			UUID hospital = quality.hospitalId();
			boolean any = jdbc.sql("""
					select exists (select 1 from improvement_action where hospital_id = :h and source_type = 'MANUAL')
					    or exists (select 1 from improvement_cycle where hospital_id = :h)""")
				.param("h", hospital).query(Boolean.class).single();
			Map<String, UUID> departments = organization.departmentCodeIndex(hospital);
			if (any || !departments.keySet().containsAll(List.of("0301", "0301W", "0402", "0402W", "1003"))) {
				return;
			}
			Map<String, UUID> staff = organization.activeStaff(hospital).stream()
				.collect(Collectors.toMap(OrganizationDirectory.StaffSummary::employeeNo,
						OrganizationDirectory.StaffSummary::id, (a, b) -> a));
			Map<String, UUID> users = organization.activeUsers(hospital).stream()
				.collect(Collectors.toMap(OrganizationDirectory.UserSummary::username, OrganizationDirectory.UserSummary::id));
			LocalDate today = LocalDate.now(zone);
			YearMonth thisMonth = YearMonth.from(today);

			// verified effective: orthopaedics' length of stay has come down since
			var pathway = actions.create(new ActionManagement.ActionDraft("推行骨科择期手术加速康复（ERAS）临床路径",
					"术前宣教、缩短禁食时间、术后早期下床活动，减少术前等待与术后住院天数。", departments.get("0402"),
					users.get("qc.ortho"), today.minusMonths(7), "骨科平均住院日下降至7天以内", ActionStrength.INTERMEDIATE,
					Set.of(departments.get("0402W")), "ALOS", departments.get("0402")));
			actions.start(pathway.getId());
			actions.complete(pathway.getId(), "ERAS路径已覆盖髋、膝关节置换及脊柱择期手术，纳入科室质控月报。",
					thisMonth.minusMonths(7));
			actions.verify(pathway.getId(), true, "近8个月骨科平均住院日持续下降且稳定，措施有效，予以关闭。");

			// overdue and escalated (督办)
			var night = actions.create(new ActionManagement.ActionDraft("完善高危患者夜间如厕协助流程",
					"针对夜间跌倒事件的根因分析：制定高危患者夜间如厕协助流程并培训全体护士。", departments.get("0402W"), null,
					today.minusDays(16), "夜间跌倒发生率下降", ActionStrength.WEAK, Set.of(), null, null));
			actions.start(night.getId());
			int escalated = actions.escalateOverdue();

			// done, waiting for the quality office's verification
			var fridge = actions.create(new ActionManagement.ActionDraft("病区冷藏药品冰箱改为温度自动监测",
					"各病区冰箱加装温度监测探头，超限自动报警，取代手工记录。", departments.get("1003"), null, today.plusDays(10),
					"温度记录完整率100%", ActionStrength.STRONG, Set.of(departments.get("0301W"), departments.get("0402W")),
					null, null));
			actions.start(fridge.getId());
			actions.complete(fridge.getId(), "全院14台药品冰箱已接入温度监测平台，连续30天无漏记。", thisMonth);

			// in progress: the PDCA cycle's countermeasure on cardiology's readmissions
			var followUp = actions.create(new ActionManagement.ActionDraft("心衰患者出院后7天电话随访及用药教育",
					"出院前由责任护士完成用药教育，出院后7天内电话随访并记录，异常者预约门诊复诊。", departments.get("0301"),
					users.get("head.cardio"), today.plusDays(45), "心内科31天非计划再住院率恢复至7%以下",
					ActionStrength.INTERMEDIATE, Set.of(departments.get("0301W")), "READM-31-UNPLANNED",
					departments.get("0301")));
			actions.start(followUp.getId());

			var pdca = cycles.create(CycleKind.PDCA,
					new CycleManagement.CycleDraft("降低心内科出院患者31天非计划再住院率",
							"近6个月心内科31天非计划再住院率由约6%升至12%以上，控制图出现持续偏移。", departments.get("0301"),
							users.get("head.cardio"), "READM-31-UNPLANNED",
							Set.of(staff.get("D0301001"), staff.get("D0301002"), staff.get("N0301002")),
							new PdcaCycle.DueDates(today.minusDays(40), today.minusDays(5), today.plusDays(20),
									today.plusDays(50))),
					null, new CycleManagement.Measure(GoalDirection.DECREASE, new BigDecimal("12.5"), new BigDecimal("7"),
							null, null),
					new CycleManagement.PlanContent("再住院患者以心力衰竭为主，多数在出院后2周内因容量负荷过重返院。",
							"出院用药教育不足；出院后缺少随访；患者不会自我监测体重与症状。",
							"3个月内将心内科31天非计划再住院率降至7%以下。",
							"1. 出院前标准化用药教育；2. 出院后7天电话随访；3. 发放心衰自我管理手册。"),
					null, List.of(), "demo-pdca-readmissions")
				.cycle();
			cycles.advance(pdca.getId(), CycleKind.PDCA, "计划经科室质量与安全小组讨论通过。");
			cycles.link(pdca.getId(), CycleKind.PDCA, followUp.getId());
			cycles.advance(pdca.getId(), CycleKind.PDCA, "随访与用药教育已实施6周。");
			cycles.check(pdca.getId(), CycleKind.PDCA, new BigDecimal("9.8"),
					"实施后再住院率下降但尚未达到目标，需继续观察一个月。");

			var qcc = cycles.create(CycleKind.QCC,
					new CycleManagement.CycleDraft("降低心内科病区住院患者跌倒发生率",
							"本病区老年患者多，近一年跌倒事件上报多于其他病区。", departments.get("0301W"),
							users.get("nurse.cardio"), null,
							Set.of(staff.get("N0301001"), staff.get("N0301002"), staff.get("N0301003")),
							new PdcaCycle.DueDates(today.minusDays(30), today.plusDays(30), today.plusDays(60),
									today.plusDays(90))),
					new CycleManagement.CircleDraft("守护圈", "守护每一步，安全每一天", staff.get("N0301002"),
							staff.get("N1003001")),
					null,
					new CycleManagement.PlanContent("跌倒多发生于夜间如厕及下床时。", "夜间照明不足；高危患者宣教不到位；床栏使用不规范。",
							"6个月内将病区跌倒发生率降低40%。", "改善照明、标准化宣教、床栏使用核查。"),
					QccFormulas.Weights.EQUAL,
					List.of(new CycleManagement.ThemeInput("降低住院患者跌倒发生率", new BigDecimal("5"),
							new BigDecimal("5"), new BigDecimal("4"), new BigDecimal("4")),
							new CycleManagement.ThemeInput("提高护士手卫生依从率", new BigDecimal("4"), new BigDecimal("4"),
									new BigDecimal("3"), new BigDecimal("5")),
							new CycleManagement.ThemeInput("缩短患者入院等候时间", new BigDecimal("3"), new BigDecimal("3"),
									new BigDecimal("3"), new BigDecimal("3"))),
					"demo-qcc-falls")
				.cycle();
			cycles.advance(qcc.getId(), CycleKind.QCC, new CycleManagement.StageInput(PdcaStage.PLAN,
					"对策经圈会讨论通过，进入实施。", null, null, null, null,
					new CycleManagement.Measure(GoalDirection.DECREASE, new BigDecimal("0.42"), new BigDecimal("0.25"),
							new BigDecimal("80"), new BigDecimal("75")),
					List.of(step(QccStep.THEME_SELECTION, "以评价法从3个候选主题中选定", today.minusDays(60)),
							step(QccStep.ACTIVITY_PLAN, "甘特图拟定6个月活动计划", today.minusDays(55)),
							step(QccStep.CURRENT_SITUATION, "查检近一年跌倒事件，夜间如厕占62%", today.minusDays(45)),
							step(QccStep.TARGET_SETTING, "按改善重点80%、圈能力75%，目标值0.17‰", today.minusDays(40)),
							step(QccStep.ANALYSIS, "鱼骨图分析，确定3个要因", today.minusDays(35)),
							step(QccStep.COUNTERMEASURES, "拟定照明、宣教、床栏核查三项对策", today.minusDays(31))),
					true, null, null, null));
			cycles.createAction(qcc.getId(), CycleKind.QCC, new ActionManagement.ActionDraft("病房夜间感应地灯改造",
					"病房至卫生间通道加装感应地灯。", departments.get("0301W"), users.get("nurse.cardio"), today.plusDays(20),
					"夜间通道照度达标", ActionStrength.STRONG, Set.of(), null, null));
			log.info("Seeded the demo hospital's improvement work: 4 manual actions ({} escalated), 1 PDCA, 1 QCC",
					escalated);
		});
	}

	private static CycleManagement.StepInput step(QccStep step, String content, LocalDate on) {
		return new CycleManagement.StepInput(step, content, on);
	}
}
