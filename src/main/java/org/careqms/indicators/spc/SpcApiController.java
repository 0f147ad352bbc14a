package org.careqms.indicators.spc;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.careqms.platform.InvalidInputException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The stateless SPC calculator of api-contract.md: any signed-in user may chart numbers; nothing is
 * stored. Bad input is a 400 problem naming the field.
 */
@RestController
@RequestMapping("/api/v1/spc")
@Tag(name = "Statistical process control")
@PreAuthorize("isAuthenticated()")
class SpcApiController {

	private final SpcEngine engine = new SpcEngine();

	/** Every field of both chart families; those of the other family are ignored. */
	record AnalyzeRequest(String chart, List<Double> values, List<Double> denominators,
			List<List<Double>> subgroups, Integer freeze, List<Integer> breaks, List<Integer> exclude,
			Boolean screenMovingRanges, Double multiply, List<String> dates, String improvement, Double target,
			List<Integer> rebase, Integer fixAfterPoints, Boolean screenOutliers) {
	}

	record AnalyzeResponse(String chart, List<?> points, List<?> parts) {
	}

	record PointView(Double value, Double centerLine, Double lcl, Double ucl, Double lcl95, Double ucl95,
			boolean sigmaSignal, boolean runsSignal, int part, boolean baseline, boolean included) {
	}

	record PartView(int part, int from, int to, Integer longestRun, Integer longestRunMax, Integer crossings,
			Integer crossingsMin, boolean runsSignal, int observations, int usefulObservations) {
	}

	record MdcPointView(Double value, Double centerLine, Double lcl, Double ucl, Double lcl95, Double ucl95,
			boolean sigmaSignal, boolean runsSignal, int part, boolean baseline, boolean included, String specialCause,
			String pointType, int position, LocalDate date) {
	}

	record MdcPartView(int part, int from, int to, Integer longestRun, Integer longestRunMax, Integer crossings,
			Integer crossingsMin, boolean runsSignal, String variation, String assurance, boolean shortGroupWarning) {
	}

	@PostMapping("/analyze")
	@Operation(summary = "Run, Shewhart or Making Data Count chart of the given numbers: centre line, limits, "
			+ "signals per point, runs analysis per part (nothing is stored)")
	AnalyzeResponse analyze(@RequestBody AnalyzeRequest request) {
		if (request.chart() == null || request.chart().isBlank()) {
			throw new InvalidInputException("chart", "error.spc.chart.required");
		}
		Chart chart = Chart.ofCode(request.chart().trim())
			.orElseThrow(() -> new InvalidInputException("chart", "error.spc.chart.unknown", request.chart()));
		if (chart == Chart.XMR_MDC) {
			return mdc(engine.analyze(mdcRequest(request)));
		}
		SpcRequest spc = new SpcRequest(chart, request.values(), request.denominators(), request.subgroups(),
				request.freeze(), request.breaks(), request.exclude(),
				request.screenMovingRanges() == null || request.screenMovingRanges(),
				request.multiply() == null ? 1 : request.multiply());
		SpcResult result = engine.analyze(spc);
		return new AnalyzeResponse(chart.code(),
				result.points()
					.stream()
					.map(p -> new PointView(p.value(), p.centerLine(), p.lcl(), p.ucl(), p.lcl95(), p.ucl95(),
							p.sigmaSignal(), p.runsSignal(), p.part(), p.baseline(), p.included()))
					.toList(),
				result.parts()
					.stream()
					.map(p -> new PartView(p.part(), p.from(), p.to(), p.runs().longestRun(), p.runs().longestRunMax(),
							p.runs().crossings(), p.runs().crossingsMin(), p.runsSignal(), p.runs().observations(),
							p.runs().useful()))
					.toList());
	}

	private static MdcRequest mdcRequest(AnalyzeRequest request) {
		Improvement improvement = null;
		if (request.improvement() != null) {
			improvement = Improvement.ofCode(request.improvement().trim())
				.orElseThrow(() -> new InvalidInputException("improvement", "error.spc.improvement.unknown"));
		}
		List<LocalDate> dates = null;
		if (request.dates() != null) {
			dates = new ArrayList<>(request.dates().size());
			for (int i = 0; i < request.dates().size(); i++) {
				String date = request.dates().get(i);
				try {
					dates.add(date == null ? null : LocalDate.parse(date.trim()));
				}
				catch (DateTimeParseException ex) {
					throw new InvalidInputException("dates[" + i + "]", "error.spc.date.invalid");
				}
			}
		}
		return new MdcRequest(request.values(), dates, improvement, request.target(), request.rebase(),
				request.fixAfterPoints(), request.screenOutliers() == null || request.screenOutliers());
	}

	private static AnalyzeResponse mdc(SpcResult result) {
		return new AnalyzeResponse(Chart.XMR_MDC.code(),
				result.points()
					.stream()
					.map(p -> new MdcPointView(p.value(), p.centerLine(), p.lcl(), p.ucl(), p.lcl95(), p.ucl95(),
							p.sigmaSignal(), p.runsSignal(), p.part(), p.baseline(), p.included(), p.specialCause().name(),
							p.pointType().code(), p.position(), p.date()))
					.toList(),
				result.parts()
					.stream()
					.map(p -> new MdcPartView(p.part(), p.from(), p.to(), null, null, null, null, p.runsSignal(),
							p.variation().code(), p.assurance() == null ? null : p.assurance().code(),
							p.shortGroupWarning()))
					.toList());
	}
}
