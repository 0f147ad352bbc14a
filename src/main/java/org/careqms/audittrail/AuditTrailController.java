package org.careqms.audittrail;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.careqms.platform.CurrentUser;
import org.careqms.platform.NotFoundException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Pages: browse the audit trail, look at one change, run a verification of the chain. */
@Controller
@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'QUALITY_MANAGER')")
class AuditTrailController {

	static final int PAGE_SIZE = 50;

	private final AuditEntries entries;
	private final ChainVerification verification;
	private final AuditSealer sealer;
	private final JsonMapper json;

	AuditTrailController(AuditEntries entries, ChainVerification verification, AuditSealer sealer, JsonMapper json) {
		this.entries = entries;
		this.verification = verification;
		this.sealer = sealer;
		this.json = json;
	}

	@GetMapping("/audit")
	String list(@RequestParam(required = false) String entityType, @RequestParam(required = false) String entityId,
			@RequestParam(required = false) String actor,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(defaultValue = "0") int page, Model model) {
		var filter = new AuditEntries.Filter(entityType, entityId, actor, from, to);
		model.addAttribute("filter", filter);
		model.addAttribute("entityTypes", entries.entityTypes());
		model.addAttribute("result", entries.find(CurrentUser.require().hospitalId(), filter, Math.max(page, 0),
				PAGE_SIZE, ZoneId.systemDefault()));
		return "audittrail/list";
	}

	@GetMapping("/audit/{seq}")
	String detail(@PathVariable long seq, Model model) {
		AuditEntry entry = entries.find(CurrentUser.require().hospitalId(), seq).orElseThrow(NotFoundException::new);
		model.addAttribute("entry", entry);
		model.addAttribute("changes", changes(entry));
		return "audittrail/detail";
	}

	@PostMapping("/audit/verify")
	@PreAuthorize("hasRole('SYSTEM_ADMIN')")
	String verify(Model model) {
		model.addAttribute("verification", sealAndVerify());
		return "audittrail/verification";
	}

	/** One row of the before/after table. */
	record Change(String field, Object before, Object after, boolean changed) {
	}

	List<Change> changes(AuditEntry entry) {
		Map<String, Object> before = parse(entry.beforeState());
		Map<String, Object> after = parse(entry.afterState());
		var fields = new LinkedHashSet<String>(before.keySet());
		fields.addAll(after.keySet());
		List<Change> changes = new ArrayList<>();
		for (String field : fields) {
			Object b = before.get(field);
			Object a = after.get(field);
			changes.add(new Change(field, b, a, !Objects.equals(b, a)));
		}
		return changes;
	}

	private Map<String, Object> parse(String state) {
		if (state == null) {
			return new LinkedHashMap<>();
		}
		return json.readValue(state, new TypeReference<LinkedHashMap<String, Object>>() {
		});
	}

	/** Seals what has committed (its own transaction), then verifies: only later commits are pending. */
	private ChainVerification.Result sealAndVerify() {
		sealer.sealNow();
		return verification.verify(CurrentUser.require().hospitalId());
	}
}
