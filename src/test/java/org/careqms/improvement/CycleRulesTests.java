package org.careqms.improvement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.careqms.platform.RuleViolationException;
import org.junit.jupiter.api.Test;

/** The stage rules of a PDCA cycle and the QC-circle arithmetic, checked against hand-computed values. */
class CycleRulesTests {

	static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
	static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");

	static PdcaCycle cycle(CycleKind kind) {
		var cycle = new PdcaCycle(UUID.randomUUID(), kind, kind + "-2026-0001", null, 1, null);
		cycle.describe("降低住院患者跌倒发生率", "跌倒发生率连续三个月高于目标", UUID.randomUUID(), null, null, Set.of(),
				new PdcaCycle.DueDates(TODAY.plusDays(10), TODAY.plusDays(40), TODAY.plusDays(60), TODAY.plusDays(70)));
		if (kind == CycleKind.QCC) {
			cycle.circle("安心圈", "零跌倒", UUID.randomUUID(), null);
		}
		cycle.created("quality", NOW, TODAY);
		return cycle;
	}

	static String code(Runnable r) {
		try {
			r.run();
		}
		catch (RuleViolationException ex) {
			return ex.code();
		}
		throw new AssertionError("no rule violated");
	}

	@Test
	void eachStageIsLeftOnlyWhenItsRuleIsMet() {
		PdcaCycle c = cycle(CycleKind.PDCA);
		assertThat(code(() -> c.advance(null, TODAY, "qc", NOW))).isEqualTo("cycle.root-causes-required");
		c.plan("夜间如厕无人陪护", "夜班人手不足；床栏使用不规范", "跌倒率降至 0.5‰ 以下", "夜间巡视每小时一次", "qc", NOW);
		c.advance("计划已讨论", TODAY, "qc", NOW);
		assertThat(c.getStage()).isEqualTo(PdcaStage.DO);
		assertThat(code(() -> c.advance(null, TODAY, "qc", NOW))).isEqualTo("cycle.do-needs-action");
		UUID action = UUID.randomUUID();
		c.link(action, "ACT-2026-0001", "qc", NOW);
		c.advance(null, TODAY.plusDays(30), "qc", NOW);
		assertThat(c.getStage()).isEqualTo(PdcaStage.CHECK);
		assertThat(c.doStartedOn()).isEqualTo(TODAY);
		assertThat(code(() -> c.link(UUID.randomUUID(), "ACT-2026-0002", "qc", NOW)))
			.isEqualTo("cycle.actions-only-plan-or-do");
		assertThat(code(() -> c.advance(null, TODAY, "qc", NOW))).isEqualTo("cycle.check-conclusion-required");
		c.check(new BigDecimal("0.4"), "连续两个月达标", "qc", NOW);
		c.advance(null, TODAY.plusDays(50), "qc", NOW);
		assertThat(c.getStage()).isEqualTo(PdcaStage.ACT);
		assertThat(code(() -> c.advance(null, TODAY, "qc", NOW))).isEqualTo("cycle.act-needs-outcome");

		Map<UUID, ActionStatus> open = Map.of(action, ActionStatus.IN_PROGRESS);
		assertThat(code(() -> c.completeAct(ActOutcome.STANDARDIZED, "夜间巡视纳入护理常规", Set.of(), null, open, TODAY,
				"qc", NOW))).isEqualTo("cycle.actions-still-open");
		assertThat(code(() -> c.completeAct(ActOutcome.STANDARDIZED, " ", Set.of(action), "继续观察", open, TODAY, "qc",
				NOW))).isEqualTo("cycle.standardization-required");
		c.completeAct(ActOutcome.STANDARDIZED, "夜间巡视纳入护理常规", Set.of(action), "继续观察", open, TODAY, "qc", NOW);
		assertThat(c.getStage()).isEqualTo(PdcaStage.COMPLETED);
		assertThat(c.linkedActions()).singleElement().satisfies(a -> assertThat(a.carriedOver()).isTrue());
		assertThat(c.stageMap().get(PdcaStage.ACT).completedOn()).isEqualTo(TODAY);
		assertThat(code(() -> c.note("晚了", "qc", NOW))).isEqualTo("cycle.completed");
	}

	@Test
	void actCompletesWithoutCarryingWhenEveryActionIsClosed() {
		PdcaCycle c = cycle(CycleKind.PDCA);
		c.plan(null, "原因", "目标", "计划", "qc", NOW);
		c.advance(null, TODAY, "qc", NOW);
		UUID closed = UUID.randomUUID();
		UUID cancelled = UUID.randomUUID();
		c.link(closed, "ACT-1", "qc", NOW);
		c.link(cancelled, "ACT-2", "qc", NOW);
		c.advance(null, TODAY, "qc", NOW);
		c.check(null, "有效", "qc", NOW);
		c.advance(null, TODAY, "qc", NOW);
		c.completeAct(ActOutcome.NEXT_ROUND, null, Set.of(), null,
				Map.of(closed, ActionStatus.CLOSED, cancelled, ActionStatus.CANCELLED), TODAY, "qc", NOW);
		assertThat(c.getActOutcome()).isEqualTo(ActOutcome.NEXT_ROUND);
		assertThat(c.linkedActions()).noneMatch(PdcaCycle.LinkedAction::carriedOver);
	}

	@Test
	void stageDueDatesMustFollowTheCycle() {
		var c = new PdcaCycle(UUID.randomUUID(), CycleKind.PDCA, "PDCA-2026-0002", null, 1, null);
		assertThat(code(() -> c.describe("t", "p", UUID.randomUUID(), null, null, Set.of(),
				new PdcaCycle.DueDates(TODAY.plusDays(20), TODAY.plusDays(10), TODAY.plusDays(30), TODAY.plusDays(40)))))
			.isEqualTo("cycle.due-dates-order");
	}

	@Test
	void aLateStageIsEscalatedOnceAndAgainOnlyAfterANewDueDateIsMissed() {
		PdcaCycle c = cycle(CycleKind.PDCA);
		assertThat(c.escalate(TODAY.plusDays(10), NOW)).isFalse(); // due that day: not late yet
		assertThat(c.escalate(TODAY.plusDays(11), NOW)).isTrue();
		assertThat(c.escalate(TODAY.plusDays(12), NOW)).isFalse();
		assertThat(c.trail()).filteredOn(e -> e.kind().equals("ESCALATION")).singleElement()
			.satisfies(e -> assertThat(e.note()).isEqualTo("1"));
		c.describe(c.getTitle(), c.getProblemStatement(), c.getDepartmentId(), null, null, Set.of(),
				new PdcaCycle.DueDates(TODAY.plusDays(20), TODAY.plusDays(40), TODAY.plusDays(60), TODAY.plusDays(70)));
		assertThat(c.escalate(TODAY.plusDays(15), NOW)).isFalse();
		assertThat(c.escalate(TODAY.plusDays(21), NOW)).isTrue();
	}

	@Test
	void themeSelectionTakesTheHighestWeightedScore() {
		PdcaCycle c = cycle(CycleKind.QCC);
		// 30+40+35+25 = 130 against 20+45+40+40 = 145 with equal weights: B wins
		c.addTheme("A 降低跌倒发生率", bd("30"), bd("40"), bd("35"), bd("25"));
		c.addTheme("B 提高交接班规范率", bd("20"), bd("45"), bd("40"), bd("40"));
		var a = c.themeList().get(0);
		var b = c.themeList().get(1);
		assertThat(c.score(a)).isEqualByComparingTo("130");
		assertThat(c.score(b)).isEqualByComparingTo("145");
		assertThat(c.chooseTheme("qc", NOW).theme()).isEqualTo("B 提高交接班规范率");
		// weights 2, 1, 1, 0.5: A = 60+40+35+12.5 = 147.5, B = 40+45+40+20 = 145: A wins
		c.weigh(bd("2"), bd("1"), bd("1"), bd("0.5"));
		assertThat(c.score(a)).isEqualByComparingTo("147.5");
		assertThat(c.score(b)).isEqualByComparingTo("145");
		assertThat(c.chooseTheme("qc", NOW).theme()).isEqualTo("A 降低跌倒发生率");
		assertThat(c.getTitle()).isEqualTo("A 降低跌倒发生率");
		assertThat(c.themeList()).filteredOn(PdcaCycle.ThemeCandidate::chosen).hasSize(1);
		// a new candidate unsets the choice; a tie at the top is the circle's to break
		c.addTheme("C 并列主题", bd("60"), bd("40"), bd("35"), bd("25"));
		assertThat(c.chosenTheme()).isEmpty();
		c.weigh(bd("1"), bd("1"), bd("1"), bd("1"));
		c.removeTheme(b.id());
		c.addTheme("D 同分主题", bd("60"), bd("40"), bd("35"), bd("25"));
		assertThat(code(() -> c.chooseTheme("qc", NOW))).isEqualTo("qcc.theme-tie");
	}

	@Test
	void decreaseTargetFollowsTheCircleFormula() {
		// 12.5 − 12.5 × 80% × 75% = 12.5 − 7.5 = 5.0
		assertThat(QccFormulas.decreaseTarget(bd("12.5"), bd("80"), bd("75"))).isEqualByComparingTo("5.0");
		// 3.2 − 3.2 × 60% × 85% = 3.2 − 1.632 = 1.568
		assertThat(QccFormulas.decreaseTarget(bd("3.2"), bd("60"), bd("85"))).isEqualByComparingTo("1.568");
		PdcaCycle c = cycle(CycleKind.QCC);
		c.measure(GoalDirection.DECREASE, bd("12.5"), bd("99"), bd("80"), bd("75"));
		assertThat(c.getTargetValue()).isEqualByComparingTo("5.0"); // the formula, not the typed value
		assertThat(code(() -> c.measure(GoalDirection.DECREASE, bd("12.5"), null, bd("120"), bd("75"))))
			.isEqualTo("qcc.percent-range");
		assertThat(code(() -> c.measure(GoalDirection.INCREASE, bd("60"), bd("50"), null, null)))
			.isEqualTo("cycle.target-direction");
	}

	@Test
	void achievementAndProgressRatesAreComputedAsCirclesDo() {
		// decrease: before 12.5, target 5.0, after 6.0 → (6 − 12.5)/(5 − 12.5) = 86.67%; progress (12.5 − 6)/12.5 = 52%
		assertThat(QccFormulas.achievementRate(bd("12.5"), bd("6.0"), bd("5.0"))).hasValueSatisfying(
				v -> assertThat(v).isEqualByComparingTo("86.67"));
		assertThat(QccFormulas.progressRate(bd("12.5"), bd("6.0"), GoalDirection.DECREASE)).hasValueSatisfying(
				v -> assertThat(v).isEqualByComparingTo("52.00"));
		// increase: before 60, target 90, after 85 → 25/30 = 83.33%; progress 25/60 = 41.67%
		assertThat(QccFormulas.achievementRate(bd("60"), bd("85"), bd("90"))).hasValueSatisfying(
				v -> assertThat(v).isEqualByComparingTo("83.33"));
		assertThat(QccFormulas.progressRate(bd("60"), bd("85"), GoalDirection.INCREASE)).hasValueSatisfying(
				v -> assertThat(v).isEqualByComparingTo("41.67"));
		// overshooting the target is more than 100%; a worse result is negative
		assertThat(QccFormulas.achievementRate(bd("12.5"), bd("4.0"), bd("5.0"))).hasValueSatisfying(
				v -> assertThat(v).isEqualByComparingTo("113.33"));
		assertThat(QccFormulas.progressRate(bd("12.5"), bd("15"), GoalDirection.DECREASE)).hasValueSatisfying(
				v -> assertThat(v).isEqualByComparingTo("-20.00"));
		assertThat(QccFormulas.achievementRate(bd("5"), bd("4"), bd("5"))).isEmpty();
		assertThat(QccFormulas.progressRate(bd("0"), bd("4"), GoalDirection.INCREASE)).isEmpty();
	}

	@Test
	void aQccStageNeedsItsStepsDoneBeforeItIsLeft() {
		PdcaCycle c = cycle(CycleKind.QCC);
		c.plan("现况", "原因", "目标", "计划", "qc", NOW);
		assertThat(code(() -> c.advance(null, TODAY, "qc", NOW))).isEqualTo("qcc.theme-not-chosen");
		c.addTheme("降低跌倒发生率", bd("5"), bd("5"), bd("3"), bd("3"));
		c.chooseTheme("qc", NOW);
		assertThat(code(() -> c.advance(null, TODAY, "qc", NOW))).isEqualTo("qcc.target-required");
		c.measure(GoalDirection.DECREASE, bd("12.5"), null, bd("80"), bd("75"));
		assertThat(code(() -> c.advance(null, TODAY, "qc", NOW))).isEqualTo("qcc.step-incomplete");
		assertThat(code(() -> c.recordStep(QccStep.IMPLEMENTATION, "不是本阶段", TODAY, TODAY)))
			.isEqualTo("qcc.step-not-in-stage");
		assertThat(code(() -> c.recordStep(QccStep.ANALYSIS, "鱼骨图", TODAY.plusDays(1), TODAY)))
			.isEqualTo("qcc.step-date-future");
		for (QccStep step : QccStep.of(PdcaStage.PLAN)) {
			c.recordStep(step, "第 " + step.number() + " 步完成", TODAY, TODAY);
		}
		c.advance(null, TODAY, "qc", NOW);
		assertThat(c.getStage()).isEqualTo(PdcaStage.DO);
		assertThat(QccStep.of(PdcaStage.PLAN)).hasSize(6);
		assertThat(List.of(QccStep.values())).extracting(QccStep::number).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
	}

	@Test
	void aVoidedCycleCannotBeWorked() {
		PdcaCycle c = cycle(CycleKind.PDCA);
		assertThatThrownBy(() -> c.voidCycle(" ", "quality", NOW)).isInstanceOf(RuleViolationException.class);
		c.voidCycle("重复立项", "quality", NOW);
		assertThat(code(() -> c.note("x", "qc", NOW))).isEqualTo("cycle.voided");
		assertThat(c.escalate(TODAY.plusDays(30), NOW)).isFalse();
	}

	static BigDecimal bd(String value) {
		return new BigDecimal(value);
	}
}
