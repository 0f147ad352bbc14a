package org.careqms.improvement;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.careqms.platform.RuleViolationException;

/**
 * The arithmetic of a QC circle, as circles in Chinese hospitals do it by hand (docs/adr/0012-pdca-and-qcc.md):
 * <ul>
 * <li>theme selection: each candidate's weighted score is Σ weight × score over 上级政策, 重要性, 迫切性 and
 * 圈能力; the highest score is the theme (a tie must be broken by the circle, not by the software);</li>
 * <li>target (decrease goals): 目标值 = 现况值 − 现况值 × 改善重点 × 圈能力, with 改善重点 and 圈能力 in percent;</li>
 * <li>目标达成率 = (改善后 − 改善前) / (目标值 − 改善前) × 100%;</li>
 * <li>进步率 = |改善后 − 改善前| / 改善前 × 100%, signed so that a change in the goal's direction is positive.</li>
 * </ul>
 */
final class QccFormulas {

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private QccFormulas() {
	}

	/** Criterion weights of the theme matrix. */
	record Weights(BigDecimal policy, BigDecimal importance, BigDecimal urgency, BigDecimal capability) {

		static final Weights EQUAL = new Weights(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE);
	}

	/** Σ weight × score of one candidate theme. */
	static BigDecimal weightedScore(BigDecimal policy, BigDecimal importance, BigDecimal urgency,
			BigDecimal capability, Weights weights) {
		return policy.multiply(weights.policy())
			.add(importance.multiply(weights.importance()))
			.add(urgency.multiply(weights.urgency()))
			.add(capability.multiply(weights.capability()))
			.setScale(2, RoundingMode.HALF_UP);
	}

	/** The candidate with the highest weighted score; refuses a tie at the top. */
	static <T> T top(List<T> candidates, java.util.function.Function<T, BigDecimal> score) {
		if (candidates.isEmpty()) {
			throw new RuleViolationException("qcc.no-theme-candidates");
		}
		List<T> sorted = candidates.stream().sorted(Comparator.comparing(score).reversed()).toList();
		if (sorted.size() > 1 && score.apply(sorted.get(0)).compareTo(score.apply(sorted.get(1))) == 0) {
			throw new RuleViolationException("qcc.theme-tie");
		}
		return sorted.get(0);
	}

	/** 目标值 = 现况值 − 现况值 × 改善重点 × 圈能力 (decrease goals; percentages as 0–100). */
	static BigDecimal decreaseTarget(BigDecimal current, BigDecimal focusPercent, BigDecimal capabilityPercent) {
		BigDecimal reduction = current.multiply(focusPercent).multiply(capabilityPercent)
			.divide(HUNDRED.multiply(HUNDRED), MathContext.DECIMAL64);
		return current.subtract(reduction).setScale(4, RoundingMode.HALF_UP);
	}

	/** 目标达成率 in percent; empty when the target equals the baseline (no change was aimed at). */
	static Optional<BigDecimal> achievementRate(BigDecimal before, BigDecimal after, BigDecimal target) {
		if (before == null || after == null || target == null || target.compareTo(before) == 0) {
			return Optional.empty();
		}
		return Optional.of(after.subtract(before).multiply(HUNDRED)
			.divide(target.subtract(before), 2, RoundingMode.HALF_UP));
	}

	/** 进步率 in percent, positive when the measure moved the way the goal wants; empty for a zero baseline. */
	static Optional<BigDecimal> progressRate(BigDecimal before, BigDecimal after, GoalDirection direction) {
		if (before == null || after == null || before.signum() == 0) {
			return Optional.empty();
		}
		BigDecimal change = direction == GoalDirection.DECREASE ? before.subtract(after) : after.subtract(before);
		return Optional.of(change.multiply(HUNDRED).divide(before.abs(), 2, RoundingMode.HALF_UP));
	}
}
