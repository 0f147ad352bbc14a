package org.careqms.indicators;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.careqms.platform.NotFoundException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The indicator catalog and results over HTTP, as api-contract.md promises. */
@RestController
@RequestMapping("/api/v1/indicators")
@Tag(name = "Indicators")
@PreAuthorize("isAuthenticated()")
class IndicatorApiController {

	/** The longest span one results request may cover. */
	static final int MAX_MONTHS = 120;

	private final IndicatorCatalog catalog;
	private final IndicatorResults results;
	private final IndicatorTargets targets;
	private final OrganizationDirectory organization;

	IndicatorApiController(IndicatorCatalog catalog, IndicatorResults results, IndicatorTargets targets,
			OrganizationDirectory organization) {
		this.catalog = catalog;
		this.results = results;
		this.targets = targets;
		this.organization = organization;
	}

	record CatalogEntry(String code, String name, String unit, String direction, BigDecimal target, boolean computed,
			String group) {
	}

	record ResultRow(String period, String department, BigDecimal numerator, BigDecimal denominator, double value) {
	}

	record Results(String indicator, String unit, List<ResultRow> results) {
	}

	@GetMapping
	@Operation(summary = "The indicator catalog with the hospital's targets")
	List<CatalogEntry> catalog() {
		Locale locale = LocaleContextHolder.getLocale();
		Map<String, BigDecimal> hospitalTargets = targets.hospitalTargets(CurrentUser.require().hospitalId());
		return catalog.all().stream()
			.map(i -> new CatalogEntry(i.code(), i.name(locale), i.unit(), i.direction(), hospitalTargets.get(i.code()),
					i.computation().computed(), i.group()))
			.toList();
	}

	@GetMapping("/{code}/results")
	@Operation(summary = "Monthly results by department or for the hospital; groups with a zero denominator are omitted")
	Results results(@PathVariable String code, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(defaultValue = "department") String groupBy,
			@RequestParam(required = false) String department) {
		Indicator indicator = catalog.find(code).orElseThrow(NotFoundException::new);
		YearMonth end = to == null ? YearMonth.now() : month("to", to);
		YearMonth start = from == null ? end.minusMonths(11) : month("from", from);
		if (start.isAfter(end)) {
			throw new InvalidInputException("from", "error.indicators.range-reversed");
		}
		if (start.plusMonths(MAX_MONTHS).isBefore(end)) {
			throw new InvalidInputException("from", "error.indicators.range-too-long", MAX_MONTHS);
		}
		if (!groupBy.equals("department") && !groupBy.equals("hospital")) {
			throw new InvalidInputException("groupBy", "error.indicators.group-by");
		}
		CareQmsUser user = CurrentUser.require();
		var departments = organization.departments(user.hospitalId());
		Map<UUID, String> codes = departments.stream()
			.collect(Collectors.toMap(OrganizationDirectory.DepartmentSummary::id, OrganizationDirectory.DepartmentSummary::code));
		List<UUID> scope = null;
		if (department != null) {
			UUID id = departments.stream().filter(d -> d.code().equals(department)).findFirst()
				.map(OrganizationDirectory.DepartmentSummary::id)
				.orElseThrow(() -> new InvalidInputException("department", "error.indicators.department-unknown"));
			if (!user.canSeeDepartment(id)) {
				throw new NotFoundException();
			}
			scope = List.of(id);
		}
		else if (!user.hospitalWide() && groupBy.equals("department")) {
			scope = List.copyOf(user.departmentIds());
		}
		boolean hospitalWide = groupBy.equals("hospital");
		var rows = results.results(indicator, user.hospitalId(), start, end, scope, hospitalWide).stream()
			.map(r -> new ResultRow(r.period().toString(), r.departmentId() == null ? null : codes.get(r.departmentId()),
					r.numerator(), r.denominator(), r.value()))
			.toList();
		return new Results(indicator.code(), indicator.unit(), rows);
	}

	private static YearMonth month(String field, String text) {
		try {
			return YearMonth.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(field, "error.indicators.month");
		}
	}
}
