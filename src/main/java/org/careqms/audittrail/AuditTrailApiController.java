package org.careqms.audittrail;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.careqms.platform.CurrentUser;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail over HTTP: entries for review tools, and the chain verification. */
@RestController
@RequestMapping("/api/v1/audit-trail")
@Tag(name = "Audit trail")
@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'QUALITY_MANAGER')")
class AuditTrailApiController {

	private final AuditEntries entries;
	private final ChainVerification verification;
	private final AuditSealer sealer;

	AuditTrailApiController(AuditEntries entries, ChainVerification verification, AuditSealer sealer) {
		this.entries = entries;
		this.verification = verification;
		this.sealer = sealer;
	}

	/** {@code chainSeq} and {@code hash} are null while the entry is pending its seal (ADR 0004). */
	record EntryView(long seq, String occurredAt, String actor, String clientAddress, String action,
			String entityType, String entityId, String summary, String before, String after, String hash,
			Long chainSeq) {
	}

	record EntryPage(List<EntryView> entries, long total, int page, int size) {
	}

	@GetMapping
	@Operation(summary = "Audit entries, newest first")
	EntryPage list(@RequestParam(required = false) String entityType, @RequestParam(required = false) String entityId,
			@RequestParam(required = false) String actor,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		int pageSize = Math.min(Math.max(size, 1), 500);
		var result = entries.find(CurrentUser.require().hospitalId(),
				new AuditEntries.Filter(entityType, entityId, actor, from, to), Math.max(page, 0), pageSize,
				ZoneId.systemDefault());
		ZoneId zone = ZoneId.systemDefault();
		return new EntryPage(result.entries().stream().map(e -> new EntryView(e.seq(),
				e.occurredAt().atZone(zone).toLocalDateTime().withNano(0).toString(), e.actor(), e.clientAddress(),
				e.action(), e.entityType(), e.entityId(), e.summary(), e.beforeState(), e.afterState(), e.hash(), e.chainSeq()))
			.toList(), result.total(), result.page(), result.size());
	}

	@PostMapping("/verification")
	@PreAuthorize("hasRole('SYSTEM_ADMIN')")
	@Operation(summary = "Recompute the hash chain and report any altered, missing or cut-off entries")
	ChainVerification.Result verify() {
		return sealAndVerify();
	}

	/** Seals what has committed (its own transaction), then verifies: only later commits are pending. */
	private ChainVerification.Result sealAndVerify() {
		sealer.sealNow();
		return verification.verify(CurrentUser.require().hospitalId());
	}
}
