package org.careqms.incidents;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.careqms.audittrail.AuditAction;
import org.careqms.audittrail.AuditTrail;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.ContentTooLargeException;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.careqms.platform.NotFoundException;
import org.careqms.platform.Role;
import org.careqms.platform.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

/**
 * Photos and documents of an adverse-event report, kept in the database (ADR 0014). The type is
 * decided by the file's first bytes; images always lose their metadata, and every file of an
 * anonymous report is cleaned of whatever names its author, stored under a generic name and
 * without an uploader. Attachments are voided with a reason, never deleted.
 */
@Service
class IncidentAttachments {

	static final String ENTITY = "IncidentAttachment";

	/** A file as it arrived, already within the per-file limit. */
	record Upload(String fileName, byte[] content) {
	}

	/** An attachment as lists show it (without its bytes). */
	record Attachment(UUID id, UUID incidentId, String fileName, String mediaType, long sizeBytes, UUID uploadedByUserId,
			String uploadedBy, Instant uploadedAt, boolean voided, String voidedBy, Instant voidedAt, String voidReason) {

		public boolean image() {
			return AttachmentFiles.Kind.ofMediaType(mediaType).map(k -> k.inline).orElse(false);
		}

		public String size() {
			return sizeBytes >= 1024 * 1024 ? String.format("%.1f MB", sizeBytes / 1048576.0)
					: String.format("%d KB", Math.max(1, (sizeBytes + 1023) / 1024));
		}
	}

	/** An attachment with its bytes, to be served. */
	record Content(Attachment attachment, byte[] bytes, boolean inline) {
	}

	private final JdbcClient jdbc;
	private final AuditTrail audit;
	private final AttachmentLimits limits;
	private final Clock clock;

	IncidentAttachments(JdbcClient jdbc, AuditTrail audit, AttachmentLimits limits, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.limits = limits;
		this.clock = clock;
	}

	/**
	 * Reads the files of a request, refusing (413) a file over the per-file limit or more files
	 * than a report may have before any of them is read into memory. Empty parts (a form sent
	 * without a chosen file) are skipped.
	 */
	List<Upload> read(List<MultipartFile> files) {
		List<Upload> uploads = new ArrayList<>();
		if (files == null) {
			return uploads;
		}
		List<MultipartFile> chosen = files.stream().filter(f -> f != null && !f.isEmpty()).toList();
		if (chosen.size() > limits.maxFiles()) {
			throw new ContentTooLargeException("file", "error.incidents.attachment.too-many", limits.maxFiles());
		}
		for (MultipartFile file : chosen) {
			if (file.getSize() > limits.maxFileSize().toBytes()) {
				throw new ContentTooLargeException("file", "error.incidents.attachment.file-too-large",
						file.getOriginalFilename(), megabytes(limits.maxFileSize().toBytes()));
			}
			try {
				uploads.add(new Upload(file.getOriginalFilename(), file.getBytes()));
			}
			catch (IOException ex) {
				throw new InvalidInputException("file", "error.incidents.attachment.unreadable", file.getOriginalFilename());
			}
		}
		return uploads;
	}

	/**
	 * Stores files with a report. {@code withoutUploader}: the reporter must stay unknown (anonymous
	 * report or public link): no uploader, an hour-exact time, a generic name, metadata removed.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	List<Attachment> attach(Incident incident, List<Upload> uploads, boolean withoutUploader) {
		// two uploads at once to one report must not both pass its limits
		jdbc.sql("select pg_advisory_xact_lock(hashtext(:key))").param("key", "incident-attach:" + incident.getId())
			.query().singleRow();
		List<Attachment> live = list(incident).stream().filter(a -> !a.voided()).toList();
		if (live.size() + uploads.size() > limits.maxFiles()) {
			throw new ContentTooLargeException("file", "error.incidents.attachment.too-many", limits.maxFiles());
		}
		long total = live.stream().mapToLong(Attachment::sizeBytes).sum();
		// the sender stays unknown only for the report itself; whoever adds files later is recorded,
		// but files on an anonymous report are cleaned whoever adds them
		boolean clean = withoutUploader || incident.isAnonymous();
		List<Attachment> stored = new ArrayList<>();
		int number = live.size();
		for (Upload upload : uploads) {
			if (upload.content().length > limits.maxFileSize().toBytes()) {
				throw new ContentTooLargeException("file", "error.incidents.attachment.file-too-large",
						upload.fileName(), megabytes(limits.maxFileSize().toBytes()));
			}
			AttachmentFiles.Kind kind;
			byte[] content;
			try {
				kind = AttachmentFiles.detect(upload.content());
				if (withoutUploader && kind == AttachmentFiles.Kind.HEIC) {
					throw new InvalidInputException("file", "error.incidents.attachment.heic-anonymous",
							name(upload.fileName()));
				}
				content = kind.inline || clean && kind != AttachmentFiles.Kind.HEIC
						? AttachmentFiles.withoutMetadata(kind, upload.content()) : upload.content();
			}
			catch (AttachmentFiles.Refused refused) {
				String key = switch (refused.reason) {
					case "unreadable" -> "error.incidents.attachment.unreadable";
					case "heic-anonymous" -> "error.incidents.attachment.heic-anonymous";
					default -> "error.incidents.attachment.type";
				};
				throw new InvalidInputException("file", key, name(upload.fileName()));
			}
			total += content.length;
			if (total > limits.maxReportSize().toBytes()) {
				throw new ContentTooLargeException("file", "error.incidents.attachment.report-too-large",
						megabytes(limits.maxReportSize().toBytes()));
			}
			number++;
			String fileName = withoutUploader ? "attachment-" + number + "." + kind.extension
					: safeName(upload.fileName(), kind);
			stored.add(insert(incident, fileName, kind, content, withoutUploader));
		}
		return stored;
	}

	/** Adds files to an existing report: its reporter, the quality office or the handling department. */
	@Transactional
	List<Attachment> add(Incident incident, List<Upload> uploads) {
		CareQmsUser user = CurrentUser.require();
		if (!mayAttach(user, incident)) {
			throw new AccessDeniedException("attachments are added by the reporter, quality office or handling department");
		}
		if (incident.getStatus() == Incident.Status.CLOSED) {
			throw new RuleViolationException("incident.closed");
		}
		if (uploads.isEmpty()) {
			throw new InvalidInputException("file", "error.incidents.attachment.none");
		}
		return attach(incident, uploads, false);
	}

	static boolean mayAttach(CareQmsUser user, Incident incident) {
		if (user.readOnly()) {
			return false;
		}
		if (user.hasRole(Role.QUALITY_MANAGER) || user.hasRole(Role.SYSTEM_ADMIN)) {
			return true;
		}
		if (!incident.isAnonymous() && user.id().equals(incident.getReporterUserId())) {
			return true;
		}
		return handler(user, incident);
	}

	/** The handling department's head and QC officer (before triage: the reporting department's). */
	private static boolean handler(CareQmsUser user, Incident incident) {
		UUID handling = incident.getHandlingDepartmentId() != null ? incident.getHandlingDepartmentId()
				: incident.getDepartmentId();
		return (user.hasRole(Role.DEPARTMENT_HEAD) || user.hasRole(Role.QC_OFFICER)) && !incident.isAnonymous()
				&& user.canSeeDepartment(handling);
	}

	static boolean mayVoid(CareQmsUser user, Incident incident, Attachment attachment) {
		if (user.readOnly()) {
			return false;
		}
		return user.hasRole(Role.QUALITY_MANAGER) || user.hasRole(Role.SYSTEM_ADMIN) || handler(user, incident)
				|| user.id().equals(attachment.uploadedByUserId());
	}

	@Transactional(readOnly = true)
	List<Attachment> list(Incident incident) {
		return jdbc.sql("""
				select id, incident_id, file_name, media_type, size_bytes, uploaded_by_user_id, uploaded_by, uploaded_at,
				       voided, voided_by, voided_at, void_reason
				from incident_attachment where incident_id = :incident and hospital_id = :hospital
				order by uploaded_at, file_name""")
			.param("incident", incident.getId())
			.param("hospital", incident.getHospitalId())
			.query((rs, n) -> new Attachment(rs.getObject("id", UUID.class), rs.getObject("incident_id", UUID.class),
					rs.getString("file_name"), rs.getString("media_type"), rs.getLong("size_bytes"),
					rs.getObject("uploaded_by_user_id", UUID.class), rs.getString("uploaded_by"),
					rs.getObject("uploaded_at", OffsetDateTime.class).toInstant(), rs.getBoolean("voided"),
					rs.getString("voided_by"),
					rs.getObject("voided_at", OffsetDateTime.class) == null ? null
							: rs.getObject("voided_at", OffsetDateTime.class).toInstant(),
					rs.getString("void_reason")))
			.list();
	}

	/** The bytes of an attachment of a report the caller may see; a voided one only for the quality office. */
	@Transactional(readOnly = true)
	Content content(Incident incident, UUID attachmentId) {
		CareQmsUser user = CurrentUser.require();
		Attachment attachment = find(incident, attachmentId);
		if (attachment.voided() && !user.hasRole(Role.QUALITY_MANAGER) && !user.hasRole(Role.SYSTEM_ADMIN)) {
			throw new NotFoundException();
		}
		byte[] bytes = jdbc.sql("select content from incident_attachment where id = :id")
			.param("id", attachmentId)
			.query((rs, n) -> rs.getBytes("content"))
			.single();
		return new Content(attachment, bytes, attachment.image());
	}

	@Transactional
	Attachment voidAttachment(Incident incident, UUID attachmentId, String reason) {
		CareQmsUser user = CurrentUser.require();
		Attachment attachment = find(incident, attachmentId);
		if (!mayVoid(user, incident, attachment)) {
			throw new AccessDeniedException("may not void this attachment");
		}
		if (attachment.voided()) {
			throw new RuleViolationException("incident.attachment-voided");
		}
		if (reason == null || reason.isBlank() || reason.length() > 500) {
			throw new InvalidInputException("reason", "error.incidents.attachment.void-reason");
		}
		Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
		jdbc.sql("""
				update incident_attachment set voided = true, voided_by = :by, voided_at = :at, void_reason = :reason
				where id = :id and not voided""")
			.param("by", CurrentUser.name())
			.param("at", now.atOffset(ZoneOffset.UTC))
			.param("reason", reason.trim())
			.param("id", attachmentId)
			.update();
		Attachment voided = find(incident, attachmentId);
		audit.record(incident.getHospitalId(), ENTITY, attachmentId, AuditAction.VOID,
				incident.getReference() + " " + attachment.fileName(), state(attachment, null), state(voided, null));
		return voided;
	}

	/**
	 * The answer that serves an attachment: never rendered as a page or run as a script. Images are
	 * shown inline, everything else is downloaded; the browser must not guess another type, and the
	 * sandbox keeps even an image opened on its own from running anything.
	 */
	static org.springframework.http.ResponseEntity<byte[]> serve(Content content) {
		var disposition = (content.inline() ? org.springframework.http.ContentDisposition.inline()
				: org.springframework.http.ContentDisposition.attachment())
			.filename(content.attachment().fileName(), java.nio.charset.StandardCharsets.UTF_8)
			.build();
		return org.springframework.http.ResponseEntity.ok()
			.contentType(org.springframework.http.MediaType.parseMediaType(content.attachment().mediaType()))
			.contentLength(content.bytes().length)
			.header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
			.header("X-Content-Type-Options", "nosniff")
			.header("Content-Security-Policy", "default-src 'none'; img-src 'self'; sandbox")
			.header(org.springframework.http.HttpHeaders.CACHE_CONTROL, "private, no-store")
			.body(content.bytes());
	}

	private Attachment find(Incident incident, UUID attachmentId) {
		return list(incident).stream().filter(a -> a.id().equals(attachmentId)).findFirst()
			.orElseThrow(NotFoundException::new);
	}

	private Attachment insert(Incident incident, String fileName, AttachmentFiles.Kind kind, byte[] content,
			boolean anonymous) {
		UUID id = UUID.randomUUID();
		Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
		Instant at = anonymous ? now.truncatedTo(ChronoUnit.HOURS) : now;
		CareQmsUser user = anonymous ? null : CurrentUser.find().orElse(null);
		String by = user == null ? null : user.getUsername();
		String sha256 = sha256(content);
		jdbc.sql("""
				insert into incident_attachment (id, hospital_id, incident_id, file_name, media_type, size_bytes, sha256,
				    content, uploaded_by_user_id, uploaded_by, uploaded_at)
				values (:id, :hospital, :incident, :name, :type, :size, :sha, :content, :user, :by, :at)""")
			.param("id", id)
			.param("hospital", incident.getHospitalId())
			.param("incident", incident.getId())
			.param("name", fileName)
			.param("type", kind.mediaType)
			.param("size", (long) content.length)
			.param("sha", sha256)
			.param("content", content)
			.param("user", user == null ? null : user.id())
			.param("by", by)
			.param("at", at.atOffset(ZoneOffset.UTC))
			.update();
		var attachment = new Attachment(id, incident.getId(), fileName, kind.mediaType, content.length,
				user == null ? null : user.id(), by, at, false, null, null, null);
		if (user == null) {
			audit.recordAnonymously(incident.getHospitalId(), ENTITY, id, AuditAction.CREATE,
					incident.getReference() + " " + fileName, null, state(attachment, sha256));
		}
		else {
			audit.record(incident.getHospitalId(), ENTITY, id, AuditAction.CREATE, incident.getReference() + " " + fileName,
					null, state(attachment, sha256));
		}
		return attachment;
	}

	private static Map<String, Object> state(Attachment attachment, String sha256) {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("incidentId", attachment.incidentId());
		state.put("fileName", attachment.fileName());
		state.put("mediaType", attachment.mediaType());
		state.put("sizeBytes", attachment.sizeBytes());
		if (sha256 != null) {
			state.put("sha256", sha256);
		}
		state.put("voided", attachment.voided());
		state.put("voidReason", attachment.voidReason());
		return state;
	}

	/** The base of the name the reporter gave, without a path or control characters, with the real extension. */
	static String safeName(String original, AttachmentFiles.Kind kind) {
		String base = name(original);
		int dot = base.lastIndexOf('.');
		if (dot > 0) {
			base = base.substring(0, dot);
		}
		base = base.replaceAll("[\\p{Cntrl}\"\\\\/:*?<>|]", "_").strip();
		if (base.isEmpty()) {
			base = "attachment";
		}
		if (base.length() > 150) {
			base = base.substring(0, 150);
		}
		return base + "." + kind.extension;
	}

	private static String name(String original) {
		if (original == null) {
			return "";
		}
		String name = original.replace('\\', '/');
		name = name.substring(name.lastIndexOf('/') + 1);
		return name.length() > 200 ? name.substring(0, 200) : name;
	}

	private static String megabytes(long bytes) {
		return bytes % (1024 * 1024) == 0 ? (bytes / (1024 * 1024)) + " MB" : String.format("%.1f MB", bytes / 1048576.0);
	}

	private static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
