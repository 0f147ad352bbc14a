package org.careqms.standards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.careqms.platform.InvalidInputException;

class ChecklistScoringTests {

	/** Builds versions item by item: ids are 1, 2, 3… in the order added, codes "1.1", "1.2"… */
	static final class VersionMother {

		private final List<ChecklistItem> items = new ArrayList<>();

		VersionMother item(ScoringMethod scoring, String points, boolean critical, boolean na) {
			int n = items.size() + 1;
			items.add(new ChecklistItem(n, "1." + n, "item " + n, null, scoring, new BigDecimal(points), critical, na,
					null, n));
			return this;
		}

		ChecklistTemplateVersion build() {
			BigDecimal total = items.stream().map(ChecklistItem::points).reduce(BigDecimal.ZERO, BigDecimal::add);
			return new ChecklistTemplateVersion(7, 70, "CL-T", "test", 1, true, total,
					List.of(new ChecklistSection(700, "section", 1, items)));
		}
	}

	static ItemAnswer earned(long id, String points) {
		return new ItemAnswer(id, false, new BigDecimal(points));
	}

	static ItemAnswer notApplicable(long id) {
		return new ItemAnswer(id, true, null);
	}

	@Test
	void fullMarksScoreOneHundredPercent() {
		var v = new VersionMother().item(ScoringMethod.POINTS, "5", false, false)
			.item(ScoringMethod.PASS_FAIL, "10", true, false)
			.build();
		ScoreResult r = ChecklistScoring.score(v, List.of(earned(1, "5"), earned(2, "10")));
		assertThat(r.earned()).isEqualByComparingTo("15");
		assertThat(r.possible()).isEqualByComparingTo("15");
		assertThat(r.percent()).isEqualByComparingTo("100.00");
		assertThat(r.vetoed()).isFalse();
		assertThat(r.failedItemIds()).isEmpty();
		assertThat(r.unansweredItemIds()).isEmpty();
	}

	@Test
	void failedCriticalItemVetoesWhateverThePercent() {
		var v = new VersionMother().item(ScoringMethod.POINTS, "95", false, false)
			.item(ScoringMethod.PASS_FAIL, "5", true, false)
			.build();
		ScoreResult r = ChecklistScoring.score(v, List.of(earned(1, "95"), earned(2, "0")));
		assertThat(r.percent()).isEqualByComparingTo("95.00");
		assertThat(r.vetoed()).isTrue();
		assertThat(r.failedItemIds()).containsExactly(2L);
		assertThat(r.criticalFailedItemIds()).containsExactly(2L);
	}

	@Test
	void failedOrdinaryItemDoesNotVeto() {
		var v = new VersionMother().item(ScoringMethod.DEDUCTION, "10", false, false)
			.item(ScoringMethod.PASS_FAIL, "5", true, false)
			.build();
		ScoreResult r = ChecklistScoring.score(v, List.of(earned(1, "7"), earned(2, "5")));
		assertThat(r.vetoed()).isFalse();
		assertThat(r.failedItemIds()).containsExactly(1L);
		assertThat(r.criticalFailedItemIds()).isEmpty();
	}

	@Test
	void notApplicableItemsLeaveTheDenominator() {
		var v = new VersionMother().item(ScoringMethod.POINTS, "10", false, false)
			.item(ScoringMethod.DEDUCTION, "10", true, true)
			.build();
		ScoreResult r = ChecklistScoring.score(v, List.of(earned(1, "8"), notApplicable(2)));
		assertThat(r.possible()).isEqualByComparingTo("10");
		assertThat(r.earned()).isEqualByComparingTo("8");
		assertThat(r.percent()).isEqualByComparingTo("80.00");
		assertThat(r.vetoed()).as("a critical item that does not apply cannot fail").isFalse();
	}

	@Test
	void deductionsEarnWhatIsLeft() {
		var v = new VersionMother().item(ScoringMethod.DEDUCTION, "5", false, false)
			.item(ScoringMethod.DEDUCTION, "5", false, false)
			.build();
		// three points deducted from the first item, everything from the second
		ScoreResult r = ChecklistScoring.score(v, List.of(earned(1, "2"), earned(2, "0")));
		assertThat(r.earned()).isEqualByComparingTo("2");
		assertThat(r.percent()).isEqualByComparingTo("20.00");
		assertThat(r.failedItemIds()).containsExactly(1L, 2L);
	}

	@Test
	void percentIsRoundedHalfUpToTwoDecimals() {
		var v = new VersionMother().item(ScoringMethod.POINTS, "3", false, false).build();
		assertThat(ChecklistScoring.score(v, List.of(earned(1, "2"))).percent()).isEqualByComparingTo("66.67");
		assertThat(ChecklistScoring.score(v, List.of(earned(1, "1"))).percent()).isEqualByComparingTo("33.33");
		var eight = new VersionMother().item(ScoringMethod.POINTS, "8", false, false).build();
		// 1/8 = 12.5 % exactly; 0.1/8 = 1.25 %; 0.05/8 = 0.625 % -> 0.63 (HALF_UP, not banker's rounding)
		assertThat(ChecklistScoring.score(eight, List.of(earned(1, "0.05"))).percent()).isEqualByComparingTo("0.63");
		assertThat(ChecklistScoring.score(eight, List.of(earned(1, "0.05"))).percent().scale()).isEqualTo(2);
	}

	@Test
	void nothingPossibleGivesNoPercent() {
		var v = new VersionMother().item(ScoringMethod.POINTS, "5", false, true).build();
		ScoreResult r = ChecklistScoring.score(v, List.of(notApplicable(1)));
		assertThat(r.possible()).isEqualByComparingTo("0");
		assertThat(r.percent()).isNull();
		assertThat(r.vetoed()).isFalse();
	}

	@Test
	void unansweredItemsStayPossibleAndAreListed() {
		var v = new VersionMother().item(ScoringMethod.POINTS, "5", false, false)
			.item(ScoringMethod.PASS_FAIL, "5", true, false)
			.build();
		ScoreResult r = ChecklistScoring.score(v, List.of(earned(1, "5")));
		assertThat(r.possible()).isEqualByComparingTo("10");
		assertThat(r.percent()).isEqualByComparingTo("50.00");
		assertThat(r.unansweredItemIds()).containsExactly(2L);
		assertThat(r.failedItemIds()).isEmpty();
		assertThat(r.vetoed()).isFalse();
	}

	@Test
	void rejectsAnswersThatDoNotFitTheItems() {
		var v = new VersionMother().item(ScoringMethod.POINTS, "5", false, false)
			.item(ScoringMethod.PASS_FAIL, "5", false, false)
			.item(ScoringMethod.DEDUCTION, "5", false, false)
			.build();
		assertThatThrownBy(() -> ChecklistScoring.score(v, List.of(earned(99, "1"))))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).singleElement()
				.satisfies(p -> assertThat(p.messageKey()).isEqualTo("error.standards.answer.unknown-item")));
		assertThatThrownBy(() -> ChecklistScoring.score(v, List.of(earned(1, "6"))))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).singleElement()
				.satisfies(p -> {
					assertThat(p.field()).isEqualTo("answers.1.1");
					assertThat(p.messageKey()).isEqualTo("error.standards.answer.out-of-range");
					assertThat(p.arguments()).contains("1.1");
				}));
		assertThatThrownBy(() -> ChecklistScoring.score(v, List.of(earned(3, "-1"))))
			.isInstanceOfSatisfying(InvalidInputException.class,
					e -> assertThat(e.problems().get(0).field()).isEqualTo("answers.1.3"));
		assertThatThrownBy(() -> ChecklistScoring.score(v, List.of(earned(2, "2.5"))))
			.isInstanceOfSatisfying(InvalidInputException.class,
					e -> assertThat(e.problems().get(0).messageKey()).isEqualTo("error.standards.answer.pass-fail"));
		assertThatThrownBy(() -> ChecklistScoring.score(v, List.of(notApplicable(1))))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems().get(0).messageKey())
				.isEqualTo("error.standards.answer.not-applicable"));
		assertThatThrownBy(() -> ChecklistScoring.score(v, List.of(new ItemAnswer(1, false, null))))
			.isInstanceOfSatisfying(InvalidInputException.class,
					e -> assertThat(e.problems().get(0).messageKey()).isEqualTo("error.standards.answer.missing"));
		assertThatThrownBy(() -> ChecklistScoring.score(v, List.of(earned(1, "1"), earned(1, "2"))))
			.isInstanceOfSatisfying(InvalidInputException.class,
					e -> assertThat(e.problems().get(0).messageKey()).isEqualTo("error.standards.answer.duplicate"));
	}

	@Test
	void reportsEveryBadAnswerAtOnce() {
		var v = new VersionMother().item(ScoringMethod.POINTS, "5", false, false)
			.item(ScoringMethod.POINTS, "5", false, false)
			.build();
		assertThatThrownBy(() -> ChecklistScoring.score(v, List.of(earned(1, "9"), notApplicable(2))))
			.isInstanceOfSatisfying(InvalidInputException.class,
					e -> assertThat(e.problems()).extracting(InvalidInputException.FieldProblem::field)
						.containsExactly("answers.1.1", "answers.1.2"));
	}

	@Test
	void passFailEarnsAllOrNothing() {
		var v = new VersionMother().item(ScoringMethod.PASS_FAIL, "4", false, false).build();
		assertThat(ChecklistScoring.score(v, List.of(earned(1, "4.00"))).failedItemIds()).isEmpty();
		assertThat(ChecklistScoring.score(v, List.of(earned(1, "0"))).failedItemIds()).containsExactly(1L);
	}
}
