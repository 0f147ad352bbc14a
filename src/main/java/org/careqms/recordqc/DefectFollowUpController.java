package org.careqms.recordqc;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.careqms.platform.RuleViolationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Pages of the defect follow-up: "my defects" for doctors and the departments' QC officers (with the
 * documents still due), rectification and appeal forms, and the quality office's appeal queue.
 */
@Controller
class DefectFollowUpController {

	/** Defects on one page. */
	static final int PAGE_SIZE = 50;

	private final DefectFollowUps followUps;
	private final RecordRuleCatalog catalog;
	private final OrganizationDirectory organization;

	DefectFollowUpController(DefectFollowUps followUps, RecordRuleCatalog catalog, OrganizationDirectory organization) {
		this.followUps = followUps;
		this.catalog = catalog;
		this.organization = organization;
	}

	@GetMapping("/record-qc/my-defects")
	@PreAuthorize("isAuthenticated()")
	String mine(@RequestParam(defaultValue = "0") int page, Model model) {
		CareQmsUser user = CurrentUser.require();
		int number = Math.max(page, 0);
		long total = followUps.countMine(user, false);
		model.addAttribute("defects", followUps.mine(user, false, number, PAGE_SIZE));
		model.addAttribute("dueSoon", followUps.mine(user, true, 0, PAGE_SIZE));
		model.addAttribute("dueSoonTotal", followUps.countMine(user, true));
		model.addAttribute("total", total);
		model.addAttribute("page", number);
		model.addAttribute("lastPage", Math.max(0, (total - 1) / PAGE_SIZE));
		model.addAttribute("now", followUps.now());
		model.addAttribute("appealDays", followUps.appealDays());
		model.addAttribute("canAct", !user.readOnly() && !user.hospitalWide());
		model.addAttribute("reasons", AppealReason.values());
		model.addAttribute("departmentNames", departmentNames(user));
		model.addAttribute("ruleNames", ruleNames());
		return "recordqc/my-defects";
	}

	@PostMapping("/record-qc/defects/{id}/rectification")
	@PreAuthorize(DefectFollowUpApiController.RESPONSIBLE)
	String rectify(@PathVariable UUID id, @RequestParam(required = false) String note, RedirectAttributes redirect) {
		try {
			followUps.rectify(CurrentUser.require(), id, note);
			redirect.addFlashAttribute("success", "recordqc.rectify.done");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("failure", ex.problems().get(0).messageKey());
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
		}
		return "redirect:/record-qc/my-defects";
	}

	@PostMapping("/record-qc/defects/{id}/appeals")
	@PreAuthorize(DefectFollowUpApiController.RESPONSIBLE)
	String appeal(@PathVariable UUID id, @RequestParam(required = false) String reason,
			@RequestParam(required = false) String explanation, RedirectAttributes redirect) {
		try {
			followUps.appeal(CurrentUser.require(), id, reason, explanation);
			redirect.addFlashAttribute("success", "recordqc.appeal.done");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("failure", ex.problems().get(0).messageKey());
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("failure",
					"error.recordqc.appeal-deadline".equals(ex.messageKey()) ? "recordqc.appeal.too-late" : ex.messageKey());
		}
		return "redirect:/record-qc/my-defects";
	}

	@GetMapping("/record-qc/appeals")
	@PreAuthorize(RecordQcApiController.MANAGERS)
	String appeals(@RequestParam(defaultValue = "OPEN") AppealStatus status, Model model) {
		CareQmsUser user = CurrentUser.require();
		model.addAttribute("appeals", followUps.appeals(user.hospitalId(), status, 0, 200));
		model.addAttribute("status", status);
		model.addAttribute("statuses", AppealStatus.values());
		model.addAttribute("departmentNames", departmentNames(user));
		model.addAttribute("ruleNames", ruleNames());
		return "recordqc/appeals";
	}

	@PostMapping("/record-qc/appeals/{id}/decision")
	@PreAuthorize(RecordQcApiController.MANAGERS)
	String decide(@PathVariable UUID id, @RequestParam(required = false) Boolean upheld,
			@RequestParam(required = false) String note, RedirectAttributes redirect) {
		try {
			followUps.decide(CurrentUser.require(), id, upheld, note);
			redirect.addFlashAttribute("success",
					Boolean.TRUE.equals(upheld) ? "recordqc.decision.upheld" : "recordqc.decision.rejected");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("failure", ex.problems().get(0).messageKey());
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
		}
		return "redirect:/record-qc/appeals";
	}

	private Map<String, String> departmentNames(CareQmsUser user) {
		return organization.departments(user.hospitalId()).stream()
			.collect(Collectors.toMap(d -> d.id().toString(), d -> d.code() + " " + d.name()));
	}

	private Map<String, RecordRuleCatalog.Rule> ruleNames() {
		return catalog.judged().stream().collect(Collectors.toMap(RecordRuleCatalog.Rule::id, r -> r));
	}
}
