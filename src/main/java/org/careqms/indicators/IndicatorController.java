package org.careqms.indicators;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.careqms.organization.OrganizationDirectory;
import org.careqms.organization.OrganizationDirectory.DepartmentSummary;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.careqms.platform.NotFoundException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Indicator pages: the overview against targets, one indicator's chart and table, targets, entry. */
@Controller
@PreAuthorize("isAuthenticated()")
class IndicatorController {

	static final String MANAGERS = "hasAnyRole('SYSTEM_ADMIN', 'QUALITY_MANAGER')";

	private final IndicatorCatalog catalog;
	private final IndicatorResults results;
	private final IndicatorTargets targets;
	private final ManualValues manual;
	private final OrganizationDirectory organization;
	private final IndicatorCharts charts;
	private final IndicatorAlerts alerts;
	private final JsonMapper json;
	private final org.springframework.context.MessageSource messages;
	private final IndicatorExports exports;

	IndicatorController(IndicatorCatalog catalog, IndicatorResults results, IndicatorTargets targets,
			ManualValues manual, OrganizationDirectory organization, IndicatorCharts charts, IndicatorAlerts alerts,
			JsonMapper json, org.springframework.context.MessageSource messages, IndicatorExports exports) {
		this.catalog = catalog;
		this.results = results;
		this.targets = targets;
		this.manual = manual;
		this.organization = organization;
		this.charts = charts;
		this.alerts = alerts;
		this.json = json;
		this.messages = messages;
		this.exports = exports;
	}

	/** One line of the overview: the latest hospital month against the target, with its trend. */
	record OverviewRow(Indicator indicator, IndicatorResult latest, BigDecimal target, Boolean meetsTarget,
			String sparkline, IndicatorCharts.Icons icons) {
	}

	/** The hospital, or with {@code department} one department (drill-down), against targets. */
	@GetMapping("/indicators")
	String overview(@RequestParam(required = false) UUID department, Model model) {
		CareQmsUser user = CurrentUser.require();
		if (department != null && !user.canSeeDepartment(department)) {
			throw new NotFoundException();
		}
		YearMonth to = YearMonth.now();
		YearMonth from = to.minusMonths(11);
		List<OverviewRow> computed = new ArrayList<>();
		Map<String, List<Indicator>> manualByGroup = new LinkedHashMap<>();
		for (Indicator indicator : catalog.all()) {
			if (indicator.computation().computed()) {
				var rows = department == null ? results.results(indicator, user.hospitalId(), from, to, null, true)
						: results.results(indicator, user.hospitalId(), from, to, List.of(department), false);
				IndicatorResult latest = rows.isEmpty() ? null : rows.get(rows.size() - 1);
				BigDecimal target = targets.targetFor(user.hospitalId(), indicator.code(), department).orElse(null);
				computed.add(new OverviewRow(indicator, latest, target, meets(indicator, latest, target),
						Sparkline.points(rows.stream().map(IndicatorResult::value).toList()),
						charts.icons(indicator, rows, target).orElse(null)));
			}
			else {
				manualByGroup.computeIfAbsent(indicator.group(), g -> new ArrayList<>()).add(indicator);
			}
		}
		model.addAttribute("computed", computed);
		model.addAttribute("department", department);
		model.addAttribute("departments", organization.departments(user.hospitalId()).stream()
			.filter(d -> !d.retired() && user.canSeeDepartment(d.id()))
			.toList());
		model.addAttribute("alerts", alerts.recent(user.hospitalId(), null,
				user.hospitalWide() ? null : List.copyOf(user.departmentIds()), 10));
		model.addAttribute("departmentNames", organization.departments(user.hospitalId()).stream()
			.collect(java.util.stream.Collectors.toMap(DepartmentSummary::id, d -> d.code() + " " + d.name())));
		model.addAttribute("manualByGroup", manualByGroup);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		return "indicators/overview";
	}

	static Boolean meets(Indicator indicator, IndicatorResult latest, BigDecimal target) {
		if (latest == null || target == null || "monitor".equals(indicator.direction())) {
			return null;
		}
		int comparison = BigDecimal.valueOf(latest.value()).compareTo(target);
		return indicator.lowerIsBetter() ? comparison <= 0 : comparison >= 0;
	}

	@GetMapping("/indicators/{code}")
	String detail(@PathVariable String code, @RequestParam(required = false) UUID department,
			@RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") YearMonth from,
			@RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") YearMonth to,
			@RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") YearMonth phase, Model model) {
		Indicator indicator = catalog.find(code).orElseThrow(NotFoundException::new);
		CareQmsUser user = CurrentUser.require();
		List<DepartmentSummary> visible = organization.departments(user.hospitalId()).stream()
			.filter(d -> !d.retired() && user.canSeeDepartment(d.id()))
			.toList();
		if (department == null && !user.hospitalWide() && !visible.isEmpty()) {
			department = visible.get(0).id();
		}
		if (department != null && !user.canSeeDepartment(department)) {
			throw new NotFoundException();
		}
		YearMonth end = to == null ? YearMonth.now() : to;
		YearMonth start = from == null ? end.minusMonths(23) : from;
		if (start.isAfter(end) || start.plusMonths(IndicatorApiController.MAX_MONTHS).isBefore(end)) {
			start = end.minusMonths(23);
		}
		List<IndicatorResult> rows = department == null
				? results.results(indicator, user.hospitalId(), start, end, null, true)
				: results.results(indicator, user.hospitalId(), start, end, List.of(department), false);
		BigDecimal target = targets.targetFor(user.hospitalId(), code, department).orElse(null);
		model.addAttribute("indicator", indicator);
		model.addAttribute("departments", visible);
		model.addAttribute("departmentNames", organization.departments(user.hospitalId()).stream()
			.collect(java.util.stream.Collectors.toMap(DepartmentSummary::id, d -> d.code() + " " + d.name())));
		model.addAttribute("department", department);
		model.addAttribute("hospitalWideAllowed", user.hospitalWide());
		model.addAttribute("rows", rows);
		model.addAttribute("target", target);
		model.addAttribute("from", start);
		model.addAttribute("to", end);
		model.addAttribute("phase", phase);
		Map<String, Object> chart = charts.chart(indicator, rows, target, phase);
		label(chart);
		model.addAttribute("chart", json.writeValueAsString(chart));
		model.addAttribute("signals", charts.signals(indicator, rows, phase));
		model.addAttribute("alerts", alerts.recent(user.hospitalId(), code,
				user.hospitalWide() ? null : List.copyOf(user.departmentIds()), 20));
		model.addAttribute("targets", targets.all(user.hospitalId()).stream()
			.filter(t -> t.indicatorCode().equals(code))
			.toList());
		if (!indicator.computation().computed()) {
			model.addAttribute("entries", manual.entries(user.hospitalId(), code,
					user.hospitalWide() ? null : List.copyOf(user.departmentIds())));
		}
		return "indicators/detail";
	}

	/** Departments compared on one funnel plot over a period (proportion indicators). */
	@GetMapping("/indicators/{code}/funnel")
	String funnel(@PathVariable String code,
			@RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") YearMonth from,
			@RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") YearMonth to, Model model) {
		Indicator indicator = catalog.find(code).orElseThrow(NotFoundException::new);
		if (!"p".equals(indicator.chartType())) {
			throw new NotFoundException();
		}
		CareQmsUser user = CurrentUser.require();
		YearMonth end = to == null ? YearMonth.now() : to;
		YearMonth start = from == null || from.isAfter(end) ? end.minusMonths(11) : from;
		Map<UUID, String> names = new LinkedHashMap<>();
		organization.departments(user.hospitalId()).forEach(d -> names.put(d.id(), d.code() + " " + d.name()));
		Map<UUID, double[]> totals = new LinkedHashMap<>();
		for (IndicatorResult row : results.results(indicator, user.hospitalId(), start, end, null, false)) {
			double[] sum = totals.computeIfAbsent(row.departmentId(), d -> new double[2]);
			sum[0] += row.numerator().doubleValue();
			sum[1] += row.denominator().doubleValue();
		}
		List<FunnelPlot.Unit> units = new ArrayList<>();
		// every department is a point of the comparison; department-bound users see the others unnamed
		int other = 0;
		for (var entry : totals.entrySet()) {
			String label = user.canSeeDepartment(entry.getKey()) ? names.get(entry.getKey()) : "#" + (++other);
			units.add(new FunnelPlot.Unit(label, entry.getValue()[0], entry.getValue()[1]));
		}
		FunnelPlot.Result funnel = FunnelPlot.of(units, true);
		Map<String, Object> chart = new LinkedHashMap<>();
		double scale = indicator.multiplier();
		chart.put("target", funnel.target() * scale);
		chart.put("points", funnel.units().stream()
			.map(p -> List.of(p.unit().denominator(), p.proportion() * scale, p.unit().label(), p.position().name()))
			.toList());
		chart.put("curve", funnel.curve().stream()
			.map(c -> List.of(c.n(), c.lower95() * scale, c.upper95() * scale, c.lower998() * scale, c.upper998() * scale))
			.toList());
		chart.put("unit", indicator.unit());
		model.addAttribute("indicator", indicator);
		model.addAttribute("funnel", funnel);
		model.addAttribute("scale", scale);
		model.addAttribute("from", start);
		model.addAttribute("to", end);
		model.addAttribute("chart", json.writeValueAsString(chart));
		return "indicators/funnel";
	}

	/** The chart's legend in the reader's language. */
	private void label(Map<String, Object> chart) {
		var locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
		chart.put("valueLabel", messages.getMessage("indicators.chart.value", null, locale));
		chart.put("centerLabel", messages.getMessage("indicators.chart.center", null, locale));
		chart.put("limitLabel", messages.getMessage("indicators.chart.limits", null, locale));
		chart.put("targetLabel", messages.getMessage("indicators.chart.target", null, locale));
	}

	/** Before and after an intervention: the averages of the two phases and whether the change is a signal. */
	record BeforeAfter(Double before, Double after, boolean improved, boolean worsened, boolean signal) {
	}

	/**
	 * A fragment for other modules' pages (an action's verification): the indicator's chart split at
	 * the month the action took effect, with the before and after averages of the two phases.
	 */
	@GetMapping("/indicators/{code}/verification")
	String verification(@PathVariable String code, @RequestParam(required = false) UUID department,
			@RequestParam @DateTimeFormat(pattern = "yyyy-MM") YearMonth phase, Model model) {
		Indicator indicator = catalog.find(code).orElseThrow(NotFoundException::new);
		CareQmsUser user = CurrentUser.require();
		if (department != null && !user.canSeeDepartment(department)) {
			throw new NotFoundException();
		}
		YearMonth start = phase.minusMonths(18);
		YearMonth end = YearMonth.now();
		List<IndicatorResult> rows = department == null
				? results.results(indicator, user.hospitalId(), start, end, null, true)
				: results.results(indicator, user.hospitalId(), start, end, List.of(department), false);
		BigDecimal target = targets.targetFor(user.hospitalId(), code, department).orElse(null);
		Map<String, Object> chart = charts.chart(indicator, rows, target, phase);
		label(chart);
		BeforeAfter summary = charts.analyse(indicator, rows, phase).filter(spc -> spc.parts().size() == 2).map(spc -> {
			Double before = spc.points().get(0).centerLine();
			Double after = spc.points().get(spc.points().size() - 1).centerLine();
			boolean better = before != null && after != null
					&& (indicator.lowerIsBetter() ? after < before : "higher".equals(indicator.direction()) && after > before);
			boolean worse = before != null && after != null && !better && !after.equals(before)
					&& !"monitor".equals(indicator.direction());
			boolean signal = spc.parts().get(1).runsSignal()
					|| spc.points().stream().anyMatch(p -> p.part() == 2 && p.sigmaSignal());
			return new BeforeAfter(before, after, better, worse, signal);
		}).orElse(null);
		model.addAttribute("indicator", indicator);
		model.addAttribute("chart", json.writeValueAsString(chart));
		model.addAttribute("summary", summary);
		model.addAttribute("phase", phase);
		model.addAttribute("rows", rows);
		return "indicators/verification :: panel";
	}

	/** The months shown on the indicator page, as CSV or Excel. */
	@GetMapping("/indicators/{code}/export.{format:csv|xlsx}")
	void export(@PathVariable String code, @PathVariable String format, @RequestParam(required = false) UUID department,
			@RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") YearMonth from,
			@RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") YearMonth to,
			jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
		Indicator indicator = catalog.find(code).orElseThrow(NotFoundException::new);
		CareQmsUser user = CurrentUser.require();
		if (department != null && !user.canSeeDepartment(department)) {
			throw new NotFoundException();
		}
		YearMonth end = to == null ? YearMonth.now() : to;
		YearMonth start = from == null || from.isAfter(end) ? end.minusMonths(23) : from;
		List<UUID> scope = department != null ? List.of(department)
				: user.hospitalWide() ? null : List.copyOf(user.departmentIds());
		boolean hospitalWide = department == null && user.hospitalWide();
		var rows = results.results(indicator, user.hospitalId(), start, end, scope, hospitalWide);
		var locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
		Map<UUID, String> names = new LinkedHashMap<>();
		organization.departments(user.hospitalId()).forEach(d -> names.put(d.id(), d.code() + " " + d.name()));
		String whole = messages.getMessage("indicators.hospital-wide", null, locale);
		List<IndicatorExports.Line> lines = rows.stream()
			.map(r -> new IndicatorExports.Line(indicator, r, IndicatorExports.departmentLabel(r.departmentId(), names, whole),
					targets.targetFor(user.hospitalId(), code, r.departmentId()).orElse(null)))
			.toList();
		String file = code + "_" + start + "_" + end + "." + format;
		response.setHeader("Content-Disposition", "attachment; filename=\"" + file + "\"");
		if (format.equals("csv")) {
			response.setContentType("text/csv;charset=UTF-8");
			exports.csv(lines, locale, response.getOutputStream());
		}
		else {
			response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
			exports.xlsx(lines, locale, response.getOutputStream());
		}
	}

	@PostMapping("/indicators/{code}/targets")
	@PreAuthorize(MANAGERS)
	String setTarget(@PathVariable String code, @RequestParam(required = false) UUID department,
			@RequestParam(required = false) BigDecimal target, @RequestParam(required = false) String note,
			RedirectAttributes redirect) {
		Indicator indicator = catalog.find(code).orElseThrow(NotFoundException::new);
		CareQmsUser user = CurrentUser.require();
		if (department != null && organization.department(user.hospitalId(), department).isEmpty()) {
			throw new NotFoundException();
		}
		if (target != null && target.signum() < 0) {
			redirect.addFlashAttribute("failure", "error.indicators.negative");
		}
		else {
			targets.set(user.hospitalId(), indicator.code(), department, target,
					note == null || note.isBlank() ? null : note.trim());
			alerts.evaluate(user.hospitalId(), indicator);
			redirect.addFlashAttribute("success", target == null ? "indicators.target.removed" : "indicators.target.saved");
		}
		return "redirect:/indicators/" + code + (department == null ? "" : "?department=" + department);
	}

	@PostMapping("/indicators/{code}/entries")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'QUALITY_MANAGER', 'DEPARTMENT_HEAD', 'QC_OFFICER')")
	String enter(@PathVariable String code, @RequestParam UUID department,
			@RequestParam @DateTimeFormat(pattern = "yyyy-MM") YearMonth period, @RequestParam BigDecimal numerator,
			@RequestParam BigDecimal denominator, @RequestParam(required = false) String note,
			RedirectAttributes redirect) {
		Indicator indicator = catalog.find(code).orElseThrow(NotFoundException::new);
		try {
			manual.enter(CurrentUser.require().hospitalId(), indicator, department, period, numerator, denominator,
					note == null || note.isBlank() ? null : note.trim());
			alerts.evaluate(CurrentUser.require().hospitalId(), indicator);
			redirect.addFlashAttribute("success", "indicators.entry.saved");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("failure", ex.problems().get(0).messageKey());
		}
		return "redirect:/indicators/" + code + "?department=" + department;
	}
}
