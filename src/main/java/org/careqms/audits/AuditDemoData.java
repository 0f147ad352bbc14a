package org.careqms.audits;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.DemoActivity;
import org.careqms.standards.ChecklistItem;
import org.careqms.standards.ChecklistTemplateSummary;
import org.careqms.standards.ChecklistTemplateVersion;
import org.careqms.standards.ChecklistTemplates;
import org.careqms.standards.ScoringMethod;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo hospital's inspections, planned, answered and submitted through {@link AuditPlanning} and
 * {@link InspectionWork} on the demo checklist templates: this year's monthly core-system inspections of
 * three clinical departments by the quality office, and the wards' monthly nursing-safety self-inspections
 * of the last six months. Past inspections are submitted with varied scores (one vetoed by a failed
 * critical item); their failed items become actions as in real use; the latest is left in progress.
 * Deterministic ({@link DemoActivity#SEED}); only into a demo hospital without any audit plan.
 */
@Component
@Order(13)
class AuditDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AuditDemoData.class);

	private final DemoActivity demo;
	private final AuditPlanning planning;
	private final InspectionWork work;
	private final ChecklistTemplates templates;
	private final OrganizationDirectory organization;
	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;
	private final ZoneId zone;

	AuditDemoData(DemoActivity demo, AuditPlanning planning, InspectionWork work, ChecklistTemplates templates,
			OrganizationDirectory organization, JdbcClient jdbc, TransactionTemplate transactions,
			@Value("${careqms.clinical-data.time-zone:Asia/Shanghai}") ZoneId zone) {
		this.demo = demo;
		this.planning = planning;
		this.work = work;
		this.templates = templates;
		this.organization = organization;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.zone = zone;
	}

	private static final Map<String, List<String>> NOTES = Map.of(
			"CL-CORE", List.of("抽查病历中1份缺主治医师查房记录", "1例急会诊到位时间超过10分钟", "术前讨论记录签名不全",
					"危急值登记本1例未记录复读确认", "死亡病例讨论记录未记入病历"),
			"CL-WARD-NURSING", List.of("2份护理记录缺跌倒风险复评", "冷藏药品冰箱温度记录缺1天", "急救车1支药品临近有效期未更换",
					"观察到手卫生时机依从不足", "1名高危患者床头无警示标识"));

	@Override
	public void run(ApplicationArguments args) {
		demo.run("quality", quality -> {
			UUID hospital = quality.hospitalId();
			boolean any = jdbc.sql("select exists (select 1 from audit_plan where hospital_id = :h)").param("h", hospital)
				.query(Boolean.class).single();
			var byCode = organization.departmentCodeIndex(hospital);
			var published = templates.published(hospital);
			var core = published.stream().filter(t -> t.code().equals("CL-CORE")).findFirst();
			var ward = published.stream().filter(t -> t.code().equals("CL-WARD-NURSING")).findFirst();
			if (any || core.isEmpty() || ward.isEmpty() || !byCode.containsKey("0301W") || !byCode.containsKey("0402W")) {
				return;
			}
			LocalDate today = LocalDate.now(zone);
			YearMonth thisMonth = YearMonth.from(today);
			var random = new Random(DemoActivity.SEED + 5);
			var yearly = planning.plan(new AuditPlanning.PlanDraft(thisMonth.getYear() + "年度核心制度落实检查", AuditType.ROUTINE,
					core.get().versionId(), departments(byCode, "0301", "0302", "0402"), Set.of(quality.id()), null,
					YearMonth.of(thisMonth.getYear(), 1), YearMonth.of(thisMonth.getYear(), 12), 10,
					"质控办每月10日前后对重点临床科室开展核心制度落实检查，结果纳入科室月度质量考核。"));
			var wards = planning.plan(new AuditPlanning.PlanDraft("病区护理安全月度自查", AuditType.SELF_INSPECTION,
					ward.get().versionId(), departments(byCode, "0301W", "0402W"), Set.of(), null, thisMonth.minusMonths(6),
					thisMonth.plusMonths(2), 20, "各病区护士长每月20日组织护理安全自查，护理部抽查复核。"));
			int submitted = 0;
			int vetoed = 0;
			for (var planned : List.of(yearly, wards)) {
				ChecklistTemplateSummary template = planned == yearly ? core.get() : ward.get();
				ChecklistTemplateVersion checklist = templates.version(hospital, template.versionId()).orElseThrow();
				List<Inspection> past = planned.inspections().stream()
					.filter(i -> i.getPlannedOn().isBefore(today))
					.sorted(java.util.Comparator.comparing(Inspection::getPlannedOn))
					.toList();
				LocalDate latest = past.isEmpty() ? null : past.get(past.size() - 1).getPlannedOn();
				for (Inspection inspection : past) {
					// one a quarter ago fails a critical item: vetoed
					boolean veto = planned == wards && vetoed == 0
							&& !inspection.getPlannedOn().isBefore(today.minusMonths(4))
							&& inspection.getDepartmentId().equals(byCode.get("0402W"));
					boolean inProgress = inspection.getPlannedOn().equals(latest)
							&& inspection.getDepartmentId().equals(byCode.get(planned == yearly ? "0302" : "0301W"));
					// departments get better over the months
					long monthsAgo = java.time.temporal.ChronoUnit.MONTHS.between(inspection.getPlannedOn(), today);
					double slips = 0.06 + monthsAgo * 0.012;
					// one inspection's answers and its submission together (fewer commits on a first start)
					transactions.executeWithoutResult(status -> {
						answer(random, inspection, checklist, slips, veto, inProgress, NOTES.get(template.code()));
						if (!inProgress) {
							work.submit(inspection.getId());
						}
					});
					if (!inProgress) {
						submitted++;
						vetoed += veto ? 1 : 0;
					}
				}
			}
			log.info("Seeded the demo hospital's audits: 2 plans, {} inspections submitted ({} vetoed)", submitted,
					vetoed);
		});
	}

	private void answer(Random random, Inspection inspection, ChecklistTemplateVersion checklist, double slips,
			boolean veto, boolean partly, List<String> notes) {
		boolean vetoDone = false;
		List<ChecklistItem> items = checklist.items().toList();
		int count = partly ? items.size() / 2 : items.size();
		for (ChecklistItem item : items.subList(0, count)) {
			int points = item.points().intValue();
			boolean slip = random.nextDouble() < slips;
			String note = slip ? notes.get(random.nextInt(notes.size())) : null;
			if (item.critical() && !slip && !(veto && !vetoDone)) {
				work.answer(inspection.getId(), item.id(),
						item.scoring() == ScoringMethod.PASS_FAIL ? InspectionWork.Outcome.PASS : InspectionWork.Outcome.POINTS,
						item.scoring() == ScoringMethod.PASS_FAIL ? null : item.points(), null);
				continue;
			}
			if (item.critical()) {
				if (veto && !vetoDone) {
					vetoDone = true;
					work.answer(inspection.getId(), item.id(), InspectionWork.Outcome.FAIL, null,
							"现场发现高警示药品与普通药品混放于同一药柜，未设警示标识");
				}
				else {
					// a slip on a critical item is corrected on the spot: it passes
					work.answer(inspection.getId(), item.id(), item.scoring() == ScoringMethod.PASS_FAIL
							? InspectionWork.Outcome.PASS : InspectionWork.Outcome.POINTS,
							item.scoring() == ScoringMethod.PASS_FAIL ? null : item.points(), null);
				}
				continue;
			}
			if (item.notApplicableAllowed() && random.nextDouble() < 0.15) {
				work.answer(inspection.getId(), item.id(), InspectionWork.Outcome.NA, null, null);
				continue;
			}
			switch (item.scoring()) {
				case PASS_FAIL -> work.answer(inspection.getId(), item.id(),
						slip ? InspectionWork.Outcome.FAIL : InspectionWork.Outcome.PASS, null, note);
				case DEDUCTION -> work.answer(inspection.getId(), item.id(), InspectionWork.Outcome.POINTS,
						BigDecimal.valueOf(slip ? 1 + random.nextInt(Math.max(1, points / 2)) : 0), note);
				default -> work.answer(inspection.getId(), item.id(), InspectionWork.Outcome.POINTS,
						BigDecimal.valueOf(slip ? Math.max(0, points - 1 - random.nextInt(Math.max(1, points / 2))) : points),
						note);
			}
		}
	}

	private static Set<UUID> departments(Map<String, UUID> byCode, String... codes) {
		Set<UUID> ids = new LinkedHashSet<>();
		for (String code : codes) {
			ids.add(byCode.get(code));
		}
		return ids;
	}
}
