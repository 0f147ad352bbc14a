package org.careqms.indicators.spc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.careqms.indicators.spc.ShewhartChartsTests.values;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.careqms.platform.InvalidInputException;
import org.careqms.platform.InvalidInputException.FieldProblem;
import org.junit.jupiter.api.Test;

/**
 * What the engine refuses (one field problem with a message key each) and what it must survive:
 * missing values everywhere, constant data, NaN and infinities, 10 000 points. It answers a result
 * or an {@link InvalidInputException}, never anything else.
 */
class SpcInputTests {

	final SpcEngine engine = new SpcEngine();

	/** field → message key of the refusal. */
	private static Map<String, String> refusal(Supplier<SpcResult> analysis) {
		InvalidInputException refused = catchThrowableOfType(InvalidInputException.class, analysis::get);
		assertThat(refused).as("refused").isNotNull();
		return refused.problems().stream().collect(Collectors.toMap(FieldProblem::field, FieldProblem::messageKey));
	}

	@Test
	void refusesMissingChartValuesAndTooFewOrTooManyPoints() {
		assertThat(refusal(() -> engine.analyze(SpcRequest.of(null, values(1, 2)))))
			.containsEntry("chart", "error.spc.chart.required");
		assertThat(refusal(() -> engine.analyze(SpcRequest.of(Chart.I, null))))
			.containsEntry("values", "error.spc.values.required");
		assertThat(refusal(() -> engine.analyze(SpcRequest.of(Chart.I, List.of()))))
			.containsEntry("values", "error.spc.points.too-few");
		assertThat(refusal(() -> engine.analyze(SpcRequest.of(Chart.I, values(1)))))
			.containsEntry("values", "error.spc.points.too-few");
		List<Double> tooMany = Collections.nCopies(SpcEngine.MAX_POINTS + 1, 1.0);
		assertThat(refusal(() -> engine.analyze(SpcRequest.of(Chart.RUN, tooMany))))
			.containsEntry("values", "error.spc.points.too-many");
		assertThat(refusal(() -> engine.analyze(SpcRequest.ofSubgroups(Chart.XBAR, null))))
			.containsEntry("subgroups", "error.spc.subgroups.required");
	}

	@Test
	void refusesNonFiniteNumbersNamingTheEntry() {
		assertThat(refusal(() -> engine.analyze(SpcRequest.of(Chart.I, values(1, Double.NaN, 2, Double.NEGATIVE_INFINITY)))))
			.containsEntry("values[1]", "error.spc.value.not-finite")
			.containsEntry("values[3]", "error.spc.value.not-finite");
		assertThat(refusal(() -> engine.analyze(SpcRequest.ofSubgroups(Chart.S,
				List.of(values(1, 2), values(3, Double.POSITIVE_INFINITY))))))
			.containsEntry("subgroups[1][1]", "error.spc.value.not-finite");
	}

	@Test
	void refusesMissingMismatchedOrNonPositiveDenominators() {
		assertThat(refusal(() -> engine.analyze(SpcRequest.of(Chart.P, values(1, 2)))))
			.containsEntry("denominators", "error.spc.denominators.required");
		assertThat(refusal(() -> engine.analyze(SpcRequest.of(Chart.U, values(1, 2)).withDenominators(values(3)))))
			.containsEntry("denominators", "error.spc.length");
		assertThat(refusal(() -> engine.analyze(SpcRequest.of(Chart.P, values(1, 2, 3))
			.withDenominators(values(0, -1, Double.NaN)))))
			.containsEntry("denominators[0]", "error.spc.denominator.not-positive")
			.containsEntry("denominators[1]", "error.spc.denominator.not-positive")
			.containsEntry("denominators[2]", "error.spc.denominator.not-positive");
	}

	@Test
	void refusesValuesTheChartCannotMean() {
		assertThat(refusal(() -> engine.analyze(SpcRequest.of(Chart.T, values(3, 0, -2)))))
			.containsEntry("values[1]", "error.spc.value.not-positive")
			.containsEntry("values[2]", "error.spc.value.not-positive");
		assertThat(refusal(() -> engine.analyze(SpcRequest.of(Chart.C, values(3, -1)))))
			.containsEntry("values[1]", "error.spc.value.negative");
		assertThat(refusal(() -> engine.analyze(SpcRequest.of(Chart.P, values(3, 11)).withDenominators(values(10, 10)))))
			.containsEntry("values[1]", "error.spc.value.exceeds-denominator");
	}

	@Test
	void refusesPositionsOutOfRange() {
		SpcRequest five = SpcRequest.of(Chart.I, values(1, 2, 3, 4, 5));
		// a break after the last point would start an empty part
		assertThat(refusal(() -> engine.analyze(five.withBreaks(Arrays.asList(0, 5, null)))))
			.containsEntry("breaks[0]", "error.spc.position.out-of-range")
			.containsEntry("breaks[1]", "error.spc.position.out-of-range")
			.containsEntry("breaks[2]", "error.spc.position.out-of-range");
		assertThat(refusal(() -> engine.analyze(five.withExclude(List.of(6)))))
			.containsEntry("exclude[0]", "error.spc.position.out-of-range");
		assertThat(refusal(() -> engine.analyze(five.withFreeze(0)))).containsEntry("freeze",
				"error.spc.position.out-of-range");
		assertThat(refusal(() -> engine.analyze(five.withFreeze(6)))).containsEntry("freeze",
				"error.spc.position.out-of-range");
		assertThat(refusal(() -> engine.analyze(five.withMultiply(0)))).containsEntry("multiply",
				"error.spc.multiply.invalid");
		assertThat(refusal(() -> engine.analyze(five.withMultiply(Double.NaN)))).containsEntry("multiply",
				"error.spc.multiply.invalid");
	}

	@Test
	void refusesMakingDataCountRequestsItCannotChart() {
		assertThat(refusal(() -> engine.analyze(MdcRequest.of(values(1, null, 3)))))
			.containsEntry("values[1]", "error.spc.value.required");
		assertThat(refusal(() -> engine.analyze(MdcRequest.of(values(1, 2, 3)).withDates(List.of(LocalDate.of(2026, 1, 1))))))
			.containsEntry("dates", "error.spc.length");
		assertThat(refusal(() -> engine.analyze(MdcRequest.of(values(1, 2))
			.withDates(List.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 1))))))
			.containsEntry("dates[1]", "error.spc.date.duplicate");
		assertThat(refusal(() -> engine.analyze(MdcRequest.of(values(1, 2, 3)).withFixAfterPoints(11))))
			.containsEntry("fixAfterPoints", "error.spc.fix-after.too-small");
		assertThat(refusal(() -> engine.analyze(MdcRequest.of(values(1, 2, 3)).withRebase(List.of(4)))))
			.containsEntry("rebase[0]", "error.spc.position.out-of-range");
		assertThat(refusal(() -> engine.analyze(MdcRequest.of(values(1, 2, 3)).withTarget(Double.NaN))))
			.containsEntry("target", "error.spc.value.not-finite");
	}

	@Test
	void limitsTheNumberOfReportedProblems() {
		List<Double> bad = Collections.nCopies(10_000, Double.NaN);
		InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
				() -> engine.analyze(SpcRequest.of(Chart.I, bad)));
		assertThat(refused.problems()).hasSize(Problems.LIMIT);
	}

	@Test
	void allMissingValuesGiveAChartWithoutLines() {
		for (Chart chart : List.of(Chart.RUN, Chart.I, Chart.MR, Chart.T, Chart.C, Chart.G)) {
			SpcResult result = engine.analyze(SpcRequest.of(chart, values(null, null, null)));
			assertThat(result.points()).as(chart.code()).allSatisfy(p -> {
				assertThat(p.value()).isNull();
				assertThat(p.centerLine()).isNull();
				assertThat(p.ucl()).isNull();
				assertThat(p.sigmaSignal()).isFalse();
				assertThat(p.runsSignal()).isFalse();
			});
			assertThat(result.parts().get(0).runs().longestRun()).isNull();
		}
	}

	@Test
	void constantDataNeverFails() {
		List<Double> same = Collections.nCopies(20, 3.0);
		for (Chart chart : List.of(Chart.RUN, Chart.I, Chart.MR, Chart.T, Chart.C, Chart.G)) {
			assertThat(engine.analyze(SpcRequest.of(chart, same)).points()).hasSize(20);
		}
		for (Chart chart : List.of(Chart.P, Chart.PP, Chart.U, Chart.UP)) {
			assertThat(engine.analyze(SpcRequest.of(chart, Collections.nCopies(20, 0.0))
				.withDenominators(Collections.nCopies(20, 10.0))).points()).hasSize(20);
			assertThat(engine.analyze(SpcRequest.of(chart, Collections.nCopies(20, 10.0))
				.withDenominators(Collections.nCopies(20, 10.0))).points()).hasSize(20);
		}
		assertThat(engine.analyze(MdcRequest.of(same)).points()).extracting(Point::specialCause)
			.containsOnly(SpecialCause.COMMON_CAUSE);
	}

	@Test
	void tenThousandPointsOfEveryChart() {
		Random random = new Random(42);
		int n = 10_000;
		List<Double> counts = new ArrayList<>();
		List<Double> sizes = new ArrayList<>();
		List<List<Double>> subgroups = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			double size = 50 + random.nextInt(50);
			sizes.add(size);
			counts.add((double) random.nextInt((int) size / 4));
			subgroups.add(List.of(random.nextGaussian(), random.nextGaussian(), random.nextGaussian()));
		}
		long start = System.nanoTime();
		for (Chart chart : Chart.values()) {
			SpcResult result = switch (chart) {
				case XBAR, S -> engine.analyze(SpcRequest.ofSubgroups(chart, subgroups));
				case XMR_MDC -> engine.analyze(MdcRequest.of(counts));
				case T -> engine.analyze(SpcRequest.of(chart, sizes));
				default -> engine.analyze(SpcRequest.of(chart, counts).withDenominators(sizes));
			};
			assertThat(result.points()).as(chart.code()).hasSize(n);
		}
		assertThat((System.nanoTime() - start) / 1e9).isLessThan(30);
	}

	@Test
	void randomRequestsAreAnsweredOrRefusedButNeverFail() {
		Random random = new Random(2026);
		for (int round = 0; round < 3000; round++) {
			int n = random.nextInt(30);
			Chart chart = Chart.values()[random.nextInt(Chart.values().length)];
			List<Double> values = randomNumbers(random, n);
			try {
				SpcResult result;
				if (chart == Chart.XMR_MDC) {
					result = engine.analyze(new MdcRequest(values, null,
							Improvement.values()[random.nextInt(3)], random.nextBoolean() ? null : weird(random),
							randomPositions(random, n), random.nextBoolean() ? null : random.nextInt(20),
							random.nextBoolean()));
				}
				else {
					List<List<Double>> subgroups = new ArrayList<>();
					for (int i = 0; i < n; i++) {
						subgroups.add(random.nextInt(5) == 0 ? null : randomNumbers(random, random.nextInt(5)));
					}
					result = engine.analyze(new SpcRequest(chart, random.nextInt(10) == 0 ? null : values,
							random.nextBoolean() ? null : randomNumbers(random, random.nextInt(3) == 0 ? n + 1 : n),
							subgroups, random.nextBoolean() ? null : random.nextInt(n + 2),
							randomPositions(random, n), randomPositions(random, n), random.nextBoolean(),
							random.nextInt(5) == 0 ? weird(random) : 1 + random.nextInt(100)));
				}
				assertThat(result.points()).allSatisfy(p -> {
					for (Double number : Arrays.asList(p.value(), p.centerLine(), p.lcl(), p.ucl(), p.lcl95(), p.ucl95())) {
						assertThat(number == null || Double.isFinite(number)).isTrue();
					}
				});
			}
			catch (InvalidInputException refused) {
				assertThat(refused.problems()).isNotEmpty();
			}
		}
	}

	private static List<Double> randomNumbers(Random random, int n) {
		List<Double> numbers = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			int kind = random.nextInt(12);
			numbers.add(kind == 0 ? null : kind == 1 ? weird(random) : kind < 6 ? (double) random.nextInt(4)
					: random.nextDouble() * 100);
		}
		return numbers;
	}

	private static Double weird(Random random) {
		double[] weird = { Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, -0.0, -1, 1e308,
				-1e308, Double.MIN_VALUE, 1e-300 };
		return weird[random.nextInt(weird.length)];
	}

	private static List<Integer> randomPositions(Random random, int n) {
		if (random.nextBoolean()) {
			return null;
		}
		List<Integer> positions = new ArrayList<>();
		for (int k = random.nextInt(4); k > 0; k--) {
			positions.add(random.nextInt(10) == 0 ? null : random.nextInt(n + 3) - 1);
		}
		return positions;
	}
}
