package org.careqms.incidents;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.ContentTooLargeException;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.careqms.platform.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The public reporting link: the same short report for ward devices without a login (anonymous by
 * default, a name only if the reporter types one), and the quality office's page that enables,
 * rotates and disables it. CSRF protection stays on; submissions are rate-limited per client.
 */
@Controller
class PublicReportController {

	private final PublicReportLinks links;
	private final PublicReportRateLimit rateLimit;
	private final IncidentManagement management;
	private final IncidentAttachments attachments;
	private final AttachmentLimits limits;
	private final OrganizationDirectory organization;
	private final MessageSource messages;

	PublicReportController(PublicReportLinks links, PublicReportRateLimit rateLimit, IncidentManagement management,
			IncidentAttachments attachments, AttachmentLimits limits, OrganizationDirectory organization,
			MessageSource messages) {
		this.links = links;
		this.rateLimit = rateLimit;
		this.management = management;
		this.attachments = attachments;
		this.limits = limits;
		this.organization = organization;
		this.messages = messages;
	}

	@GetMapping("/incidents/public-link")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'QUALITY_MANAGER')")
	String page(Model model) {
		var link = links.find(CurrentUser.require().hospitalId()).orElse(null);
		model.addAttribute("link", link);
		model.addAttribute("url", link == null ? null
				: ServletUriComponentsBuilder.fromCurrentContextPath().path("/report/{token}").buildAndExpand(link.token())
					.toUriString());
		model.addAttribute("perMinute", rateLimit.perMinute());
		return "incidents/public-link";
	}

	@PostMapping("/incidents/public-link/enable")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'QUALITY_MANAGER')")
	String enable(RedirectAttributes redirect) {
		links.enable();
		redirect.addFlashAttribute("success", "incidents.public.enabled");
		return "redirect:/incidents/public-link";
	}

	@PostMapping("/incidents/public-link/rotate")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'QUALITY_MANAGER')")
	String rotate(RedirectAttributes redirect) {
		links.rotate();
		redirect.addFlashAttribute("success", "incidents.public.rotated");
		return "redirect:/incidents/public-link";
	}

	@PostMapping("/incidents/public-link/disable")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'QUALITY_MANAGER')")
	String disable(RedirectAttributes redirect) {
		links.disable();
		redirect.addFlashAttribute("success", "incidents.public.disabled");
		return "redirect:/incidents/public-link";
	}

	@GetMapping("/report/{token}")
	@PreAuthorize("permitAll()")
	String form(@PathVariable String token, Model model) {
		UUID hospital = links.hospitalOf(token).orElseThrow(NotFoundException::new);
		model.addAttribute("publicToken", token);
		model.addAttribute("now", LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES));
		// a page's submissions share a key: a double tap or a resent form reports the event once
		model.addAttribute("submissionKey", UUID.randomUUID().toString());
		model.addAttribute("categories", Taxonomy.CATEGORIES);
		model.addAttribute("levels", Taxonomy.LEVELS);
		model.addAttribute("limits", limits);
		model.addAttribute("departments",
				organization.departments(hospital).stream().filter(d -> !d.retired()).toList());
		model.addAttribute("defaultDepartment", null);
		return "incidents/form";
	}

	@GetMapping("/report/{token}/details")
	@PreAuthorize("permitAll()")
	String details(@PathVariable String token, @RequestParam(required = false) String category, Model model) {
		links.hospitalOf(token).orElseThrow(NotFoundException::new);
		model.addAttribute("questions", Taxonomy.QUESTIONS.getOrDefault(category, Map.of()));
		return "incidents/form :: details";
	}

	@PostMapping("/report/{token}")
	@PreAuthorize("permitAll()")
	String report(@PathVariable String token,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime occurredAt,
			@RequestParam(required = false) UUID departmentId, @RequestParam(required = false) String category,
			@RequestParam(required = false) String level, @RequestParam(required = false) String description,
			@RequestParam(required = false) String immediateActions,
			@RequestParam(defaultValue = "false") boolean patientInvolved,
			@RequestParam(defaultValue = "false") boolean anonymous,
			@RequestParam(required = false) String reporterName,
			@RequestParam(required = false) String submissionKey, @RequestParam Map<String, String> all,
			@RequestParam(name = "file", required = false) List<MultipartFile> files, HttpServletRequest request,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		UUID hospital = links.hospitalOf(token).orElseThrow(NotFoundException::new);
		// the address is only counted in memory for a minute, never stored with the report
		if (!rateLimit.tryAcquire(request.getRemoteAddr())) {
			response.setStatus(429);
			response.setHeader("Retry-After", "60");
			model.addAttribute("rateLimited", rateLimit.perMinute());
			keep(model, all);
			return form(token, model);
		}
		Map<String, String> details = new LinkedHashMap<>();
		all.forEach((key, value) -> {
			if (key.startsWith("detail.") && value != null && !value.isBlank()) {
				details.put(key.substring("detail.".length()), value);
			}
		});
		try {
			var uploads = attachments.read(files);
			var submitted = management.reportPublicly(hospital, new IncidentManagement.Report(occurredAt, departmentId,
					category, level == null || level.isBlank() ? null : level, description, immediateActions,
					patientInvolved, anonymous, details), IncidentManagement.blank(reporterName),
					submissionKey == null || submissionKey.isBlank() || submissionKey.length() > 100 ? null : submissionKey,
					uploads);
			redirect.addFlashAttribute("success", "incidents.reported");
			redirect.addFlashAttribute("reportedReference", submitted.incident().getReference());
			return "redirect:/report/" + token + "/thanks";
		}
		catch (InvalidInputException ex) {
			var problem = ex.problems().get(0);
			response.setStatus(400);
			if ("file".equals(problem.field())) {
				model.addAttribute("attachmentError", text(problem.messageKey(), problem.arguments()));
			}
			else {
				model.addAttribute("failure", problem.messageKey());
			}
			keep(model, all);
			return form(token, model);
		}
		catch (ContentTooLargeException ex) {
			response.setStatus(413);
			model.addAttribute("attachmentError", text(ex.messageKey(), ex.arguments()));
			keep(model, all);
			return form(token, model);
		}
	}

	@GetMapping("/report/{token}/thanks")
	@PreAuthorize("permitAll()")
	String thanks(@PathVariable String token, Model model) {
		links.hospitalOf(token).orElseThrow(NotFoundException::new);
		model.addAttribute("publicToken", token);
		return "incidents/thanks";
	}

	/** What the reporter typed, back on the form after a refusal (files cannot be given back). */
	private static void keep(Model model, Map<String, String> all) {
		model.addAttribute("entered", all);
		var questions = Taxonomy.QUESTIONS.get(all.get("category"));
		if (questions != null) {
			model.addAttribute("questions", questions);
		}
	}

	private String text(String key, Object[] arguments) {
		return messages.getMessage(key, arguments, key, LocaleContextHolder.getLocale());
	}
}
