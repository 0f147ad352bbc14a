package org.careqms.recordqc;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Running records (运行病历, ADR 0015): the page of patients in hospital with their documents due soon,
 * overdue or written late ({@link RunningRecordApiController}: the same over the API). Department-scoped: doctors see their patients', a
 * department's QC officers and head the department's, the quality office all; another department is a 404.
 */
@Controller
class RunningRecordController {

	private final RunningRecords running;
	private final RecordRuleCatalog catalog;
	private final OrganizationDirectory organization;

	RunningRecordController(RunningRecords running, RecordRuleCatalog catalog, OrganizationDirectory organization) {
		this.running = running;
		this.catalog = catalog;
		this.organization = organization;
	}

	@GetMapping("/record-qc/running")
	@PreAuthorize("isAuthenticated()")
	String page(@RequestParam(required = false) UUID department, Model model) {
		CareQmsUser user = CurrentUser.require();
		List<RunningRecords.Stay> stays = running.visible(user, department);
		model.addAttribute("stays", stays);
		model.addAttribute("department", department);
		model.addAttribute("dueSoonHours", running.dueSoonHours());
		model.addAttribute("now", Defects.time(running.localNow()));
		model.addAttribute("overdue", count(stays, RunningState.OVERDUE));
		model.addAttribute("dueSoon", count(stays, RunningState.DUE_SOON));
		model.addAttribute("late", count(stays, RunningState.LATE));
		model.addAttribute("canCheck", user.hasRole(org.careqms.platform.Role.QUALITY_MANAGER)
				|| user.hasRole(org.careqms.platform.Role.SYSTEM_ADMIN));
		model.addAttribute("departmentNames", organization.departments(user.hospitalId()).stream()
			.collect(Collectors.toMap(d -> d.id().toString(), d -> d.code() + " " + d.name())));
		model.addAttribute("ruleNames",
				catalog.judged().stream().collect(Collectors.toMap(RecordRuleCatalog.Rule::id, r -> r)));
		return "recordqc/running";
	}

	private static long count(List<RunningRecords.Stay> stays, RunningState state) {
		return stays.stream().flatMap(s -> s.items().stream()).filter(i -> i.state() == state).count();
	}

	@PostMapping("/record-qc/running/check")
	@PreAuthorize(RecordQcApiController.MANAGERS)
	String check(RedirectAttributes redirect) {
		int items = running.judge(CurrentUser.require().hospitalId());
		redirect.addFlashAttribute("checked", items);
		return "redirect:/record-qc/running";
	}
}
