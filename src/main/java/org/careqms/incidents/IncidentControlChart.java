package org.careqms.incidents;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.careqms.clinicaldata.PatientDays;
import org.careqms.indicators.spc.AnhoejRuns;
import org.careqms.indicators.spc.Chart;
import org.careqms.indicators.spc.Part;
import org.careqms.indicators.spc.Point;
import org.careqms.indicators.spc.SpcEngine;
import org.careqms.indicators.spc.SpcRequest;
import org.careqms.indicators.spc.SpcResult;
import org.careqms.platform.CareQmsUser;
import org.springframework.stereotype.Component;

/**
 * The control chart of monthly report counts (spc-spec.md, qicharts2 rules via {@link SpcEngine}).
 * A U chart of reports per 1,000 patient-days when the imported discharges give patient-days for
 * every month of the period (exposure differs between months, so counts alone would mislead);
 * otherwise a C chart of counts, which assumes roughly equal exposure each month. Signals are the
 * 3-sigma rule per month and Anhøj's runs rules over the chart, each read out in plain words.
 */
@Component
class IncidentControlChart {

	/** Below this many months the limits are provisional (the usual advice for a Shewhart chart). */
	static final int RELIABLE_MONTHS = 12;

	private final SpcEngine engine = new SpcEngine();

	private final PatientDays patientDays;

	IncidentControlChart(PatientDays patientDays) {
		this.patientDays = patientDays;
	}

	/** One month of the chart; {@code value} is the count (C) or the rate per 1,000 patient-days (U). */
	record Month(String month, long count, Long patientDays, Double value, Double centre, Double lower, Double upper,
			boolean sigmaSignal) {
	}

	/** A sentence of the chart's reading: a message key and its arguments. */
	record Reading(String key, Object... arguments) {
	}

	/**
	 * @param chart {@link Chart#C} or {@link Chart#U}
	 * @param basis why this chart: a message key and its arguments
	 * @param runs the runs analysis over the whole chart
	 */
	record ControlChart(Chart chart, Reading basis, List<Month> months, AnhoejRuns.Result runs, boolean runsSignal,
			List<Reading> readings) {

		boolean perPatientDays() {
			return chart == Chart.U;
		}

		List<Integer> signalIndexes() {
			List<Integer> indexes = new ArrayList<>();
			for (int i = 0; i < months.size(); i++) {
				if (months.get(i).sigmaSignal()) {
					indexes.add(i);
				}
			}
			return indexes;
		}
	}

	/**
	 * The chart of the analysis' monthly totals, or {@code null} with fewer than two months.
	 *
	 * @param exposureDepartments departments whose discharges give the patient-days, {@code null}
	 *        for the whole hospital
	 */
	ControlChart chart(CareQmsUser user, IncidentQueries.Analysis analysis, Collection<UUID> exposureDepartments,
			Locale locale) {
		List<String> months = analysis.months();
		if (months.size() < SpcEngine.MIN_POINTS) {
			return null;
		}
		YearMonth from = YearMonth.parse(months.get(0));
		YearMonth to = YearMonth.parse(months.get(months.size() - 1));
		PatientDays.Exposure exposure = patientDays.monthly(user.hospitalId(), exposureDepartments, from, to);
		LocalDateTime latest = exposure.latestDischarge();
		boolean complete = latest != null && !latest.toLocalDate().isBefore(to.atEndOfMonth())
				&& exposure.days().values().stream().allMatch(days -> days > 0);
		List<Double> counts = analysis.totals().stream().map(Long::doubleValue).toList();
		SpcResult result;
		Reading basis;
		if (complete) {
			List<Double> days = exposure.days().values().stream().map(Long::doubleValue).toList();
			result = engine.analyze(SpcRequest.of(Chart.U, counts).withDenominators(days).withMultiply(1000));
			basis = new Reading("incidents.spc.basis.u");
		}
		else {
			result = engine.analyze(SpcRequest.of(Chart.C, counts));
			basis = latest == null ? new Reading("incidents.spc.basis.c.no-data")
					: new Reading("incidents.spc.basis.c.incomplete", latest.toLocalDate().toString(), to.toString());
		}
		List<Month> points = new ArrayList<>();
		for (int i = 0; i < months.size(); i++) {
			Point p = result.points().get(i);
			points.add(new Month(months.get(i), analysis.totals().get(i),
					complete ? exposure.days().get(YearMonth.parse(months.get(i))) : null, p.value(), p.centerLine(),
					p.lcl(), p.ucl(), p.sigmaSignal()));
		}
		Part part = result.parts().get(0);
		return new ControlChart(result.chart(), basis, points, part.runs(), part.runsSignal(),
				readings(result.chart(), points, part, locale));
	}

	private static List<Reading> readings(Chart chart, List<Month> points, Part part, Locale locale) {
		List<Reading> readings = new ArrayList<>();
		long total = points.stream().mapToLong(Month::count).sum();
		if (total == 0) {
			readings.add(new Reading("incidents.spc.reading.empty"));
			return readings;
		}
		for (Month m : points) {
			if (m.sigmaSignal()) {
				boolean above = m.value() > m.upper();
				readings.add(new Reading(above ? "incidents.spc.reading.above" : "incidents.spc.reading.below", m.month(),
						chart == Chart.U ? format(chart, m.value(), locale) : String.valueOf(m.count()),
						format(chart, above ? m.upper() : m.lower(), locale)));
			}
		}
		AnhoejRuns.Result runs = part.runs();
		if (part.runsSignal() && runs != null) {
			if (runs.longestRun() != null && runs.longestRunMax() != null && runs.longestRun() > runs.longestRunMax()) {
				readings.add(new Reading("incidents.spc.reading.run", runs.longestRun(), runs.longestRunMax()));
			}
			if (runs.crossings() != null && runs.crossingsMin() != null && runs.crossings() < runs.crossingsMin()) {
				readings.add(new Reading("incidents.spc.reading.crossings", runs.crossings(), runs.crossingsMin()));
			}
		}
		if (readings.isEmpty()) {
			Double centre = points.get(points.size() - 1).centre();
			readings.add(new Reading(chart == Chart.U ? "incidents.spc.reading.common.u" : "incidents.spc.reading.common",
					format(chart, centre, locale)));
		}
		if (points.size() < RELIABLE_MONTHS) {
			readings.add(new Reading("incidents.spc.reading.short", points.size(), RELIABLE_MONTHS));
		}
		return readings;
	}

	/** Counts' centre lines and limits with one decimal, rates per 1,000 patient-days with two. */
	static String format(Chart chart, Double value, Locale locale) {
		return value == null ? "—" : String.format(locale, chart == Chart.U ? "%.2f" : "%.1f", value);
	}
}
