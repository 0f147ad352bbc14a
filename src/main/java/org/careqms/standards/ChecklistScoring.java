package org.careqms.standards;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.careqms.platform.InvalidInputException;
import org.careqms.platform.InvalidInputException.FieldProblem;

/**
 * Scores answers against a checklist template version, the way hospital inspections are scored:
 * <ul>
 * <li>a not-applicable item leaves the denominator (only items that allow it);</li>
 * <li>an item fails when it earns fewer points than it carries;</li>
 * <li>any failed critical item vetoes the inspection (单项否决), whatever its percent;</li>
 * <li>percent = earned / possible x 100, rounded to 2 decimals HALF_UP; null when nothing is possible;</li>
 * <li>an applicable item without an answer stays in the denominator, earns nothing, and is listed as
 * unanswered (not as failed): whether an inspection may be completed with unanswered items is the
 * caller's rule.</li>
 * </ul>
 * Answers are validated first; every problem is reported at once as a 400 with the item's code.
 */
public final class ChecklistScoring {

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private ChecklistScoring() {
	}

	public static ScoreResult score(ChecklistTemplateVersion version, Collection<ItemAnswer> answers) {
		Map<Long, ItemAnswer> byItem = validate(version, answers);
		BigDecimal earned = BigDecimal.ZERO;
		BigDecimal possible = BigDecimal.ZERO;
		List<Long> failed = new ArrayList<>();
		List<Long> criticalFailed = new ArrayList<>();
		List<Long> unanswered = new ArrayList<>();
		for (ChecklistItem item : version.items().toList()) {
			ItemAnswer answer = byItem.get(item.id());
			if (answer != null && answer.notApplicable()) {
				continue;
			}
			possible = possible.add(item.points());
			if (answer == null) {
				unanswered.add(item.id());
				continue;
			}
			earned = earned.add(answer.earned());
			if (answer.earned().compareTo(item.points()) < 0) {
				failed.add(item.id());
				if (item.critical()) {
					criticalFailed.add(item.id());
				}
			}
		}
		BigDecimal percent = possible.signum() == 0 ? null
				: earned.multiply(HUNDRED).divide(possible, 2, RoundingMode.HALF_UP);
		return new ScoreResult(earned, possible, percent, !criticalFailed.isEmpty(), failed, criticalFailed,
				unanswered);
	}

	private static Map<Long, ItemAnswer> validate(ChecklistTemplateVersion version, Collection<ItemAnswer> answers) {
		Map<Long, ChecklistItem> items = new HashMap<>();
		version.items().forEach(i -> items.put(i.id(), i));
		Map<Long, ItemAnswer> byItem = new HashMap<>();
		List<FieldProblem> problems = new ArrayList<>();
		for (ItemAnswer answer : answers == null ? List.<ItemAnswer>of() : answers) {
			if (answer == null) {
				continue;
			}
			ChecklistItem item = items.get(answer.itemId());
			if (item == null) {
				problems.add(new FieldProblem("answers", "error.standards.answer.unknown-item", answer.itemId()));
				continue;
			}
			String field = "answers." + item.code();
			if (byItem.putIfAbsent(item.id(), answer) != null) {
				problems.add(new FieldProblem(field, "error.standards.answer.duplicate", item.code()));
			}
			else if (answer.notApplicable()) {
				if (!item.notApplicableAllowed()) {
					problems.add(new FieldProblem(field, "error.standards.answer.not-applicable", item.code()));
				}
			}
			else if (answer.earned() == null) {
				problems.add(new FieldProblem(field, "error.standards.answer.missing", item.code()));
			}
			else if (answer.earned().signum() < 0 || answer.earned().compareTo(item.points()) > 0) {
				problems.add(new FieldProblem(field, "error.standards.answer.out-of-range", item.code(),
						item.points().toPlainString()));
			}
			else if (item.scoring() == ScoringMethod.PASS_FAIL && answer.earned().signum() != 0
					&& answer.earned().compareTo(item.points()) != 0) {
				problems.add(new FieldProblem(field, "error.standards.answer.pass-fail", item.code(),
						item.points().toPlainString()));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return byItem;
	}
}
