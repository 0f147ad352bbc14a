package org.careqms.recordqc;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.careqms.platform.NotFoundException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Record QC pages: the overview (runs, defects by department, rule and doctor, grades), the defect
 * list of a department, and the rule settings of the quality office.
 */
@Controller
class RecordQcController {

	/** Defects on one page of the list. */
	static final int PAGE_SIZE = 200;

	private final JudgeRecords judge;
	private final RecordQuality quality;
	private final Defects defects;
	private final RuleSettings settings;
	private final RecordRuleCatalog catalog;
	private final OrganizationDirectory organization;

	RecordQcController(JudgeRecords judge, RecordQuality quality, Defects defects, RuleSettings settings,
			RecordRuleCatalog catalog, OrganizationDirectory organization) {
		this.judge = judge;
		this.quality = quality;
		this.defects = defects;
		this.settings = settings;
		this.catalog = catalog;
		this.organization = organization;
	}

	/** A rule's setting as the form sends it; an unticked box sends no {@code enabled} at all. */
	record RuleForm(Boolean enabled, @NotNull @Min(0) @Max(8760) Integer deadlineHours,
			@NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal deduction, @NotNull Severity severity,
			@NotNull Integer version) {
	}

	@GetMapping("/record-qc")
	@PreAuthorize("isAuthenticated()")
	String overview(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			Model model) {
		CareQmsUser user = CurrentUser.require();
		LocalDate[] range = range(from, to);
		List<UUID> scope = scope(user, null);
		model.addAttribute("from", range[0]);
		model.addAttribute("to", range[1]);
		model.addAttribute("runs", quality.runs(user.hospitalId(), 20));
		model.addAttribute("byDepartment", quality.defectCounts(user.hospitalId(), range[0], range[1], scope, "department"));
		model.addAttribute("byRule", quality.defectCounts(user.hospitalId(), range[0], range[1], scope, "rule"));
		model.addAttribute("byAuthor", quality.defectCounts(user.hospitalId(), range[0], range[1], scope, "author"));
		var grades = quality.grades(user.hospitalId(), range[0], range[1], scope, false);
		model.addAttribute("grades", grades.isEmpty() ? null : grades.get(0));
		model.addAttribute("gradesByDepartment", quality.grades(user.hospitalId(), range[0], range[1], scope, true));
		model.addAttribute("departmentNames", departmentNames(user));
		model.addAttribute("ruleNames", ruleNames());
		return "recordqc/overview";
	}

	@PostMapping("/record-qc/runs")
	@PreAuthorize(RecordQcApiController.MANAGERS)
	String run(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			RedirectAttributes redirect) {
		LocalDate[] range = RecordQcApiController.range(from, to);
		var run = judge.run(CurrentUser.require().hospitalId(), range[0], range[1], JudgeRecords.Trigger.MANUAL,
				CurrentUser.name());
		redirect.addFlashAttribute("success", "recordqc.run.done");
		redirect.addAttribute("from", run.from().toString());
		redirect.addAttribute("to", run.to().toString());
		return "redirect:/record-qc";
	}

	@GetMapping("/record-qc/defects")
	@PreAuthorize("isAuthenticated()")
	String defects(@RequestParam(required = false) UUID department, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(defaultValue = "0") int page, Model model) {
		CareQmsUser user = CurrentUser.require();
		if (department != null && !user.canSeeDepartment(department)) {
			throw new NotFoundException();
		}
		LocalDate[] range = range(from, to);
		List<UUID> scope = scope(user, department);
		int number = Math.max(page, 0);
		long total = defects.count(user.hospitalId(), range[0], range[1], scope);
		model.addAttribute("defects", defects.page(user.hospitalId(), range[0], range[1], scope, number, PAGE_SIZE));
		model.addAttribute("total", total);
		model.addAttribute("page", number);
		model.addAttribute("lastPage", Math.max(0, (total - 1) / PAGE_SIZE));
		model.addAttribute("department", department);
		model.addAttribute("from", range[0]);
		model.addAttribute("to", range[1]);
		model.addAttribute("departments", organization.departments(user.hospitalId()).stream()
			.filter(d -> !d.retired() && user.canSeeDepartment(d.id()))
			.toList());
		model.addAttribute("departmentNames", departmentNames(user));
		model.addAttribute("ruleNames", ruleNames());
		return "recordqc/defects";
	}

	@GetMapping("/record-qc/rules")
	@PreAuthorize(RecordQcApiController.MANAGERS)
	String rules(Model model) {
		model.addAttribute("settings", settings.all(CurrentUser.require().hospitalId()));
		model.addAttribute("ruleNames", ruleNames());
		model.addAttribute("severities", Severity.values());
		model.addAttribute("catalogSize", catalog.catalogSize());
		model.addAttribute("runningOnly", RecordRuleCatalog.RUNNING_ONLY);
		return "recordqc/rules";
	}

	@PostMapping("/record-qc/rules/{ruleId}")
	@PreAuthorize(RecordQcApiController.MANAGERS)
	String change(@PathVariable String ruleId, @Valid @ModelAttribute RuleForm form, BindingResult binding,
			RedirectAttributes redirect) {
		if (catalog.find(ruleId).isEmpty()) {
			throw new NotFoundException();
		}
		if (binding.hasErrors()) {
			throw new InvalidInputException(binding.getFieldErrors().stream()
				.map(e -> new InvalidInputException.FieldProblem(e.getField(), "error.recordqc.rule-setting"))
				.toList());
		}
		settings.change(CurrentUser.require().hospitalId(), ruleId, Boolean.TRUE.equals(form.enabled()), form.deadlineHours(),
				form.deduction(), form.severity(), form.version());
		redirect.addFlashAttribute("success", "recordqc.rules.saved");
		return "redirect:/record-qc/rules";
	}

	/** The page's range: as asked, or the last three months up to today. */
	private static LocalDate[] range(String from, String to) {
		if ((from == null || from.isBlank()) && (to == null || to.isBlank())) {
			LocalDate today = LocalDate.now();
			return new LocalDate[] { today.withDayOfMonth(1).minusMonths(2), today };
		}
		return RecordQcApiController.range(from, to);
	}

	/** The departments a list is restricted to: the one asked for, else the user's (null: all). */
	private static List<UUID> scope(CareQmsUser user, UUID department) {
		if (department != null) {
			return List.of(department);
		}
		return user.hospitalWide() ? null : List.copyOf(user.departmentIds());
	}

	private Map<String, String> departmentNames(CareQmsUser user) {
		return organization.departments(user.hospitalId()).stream()
			.collect(Collectors.toMap(d -> d.id().toString(), d -> d.code() + " " + d.name()));
	}

	private Map<String, RecordRuleCatalog.Rule> ruleNames() {
		return catalog.judged().stream().collect(Collectors.toMap(RecordRuleCatalog.Rule::id, r -> r));
	}
}
