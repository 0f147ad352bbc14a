package org.careqms.standards;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.careqms.audittrail.AuditAction;
import org.careqms.audittrail.AuditTrail;
import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.careqms.platform.InvalidInputException.FieldProblem;
import org.careqms.platform.NotFoundException;
import org.careqms.platform.Role;
import org.careqms.platform.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

/**
 * The hospital's regulations, rules and SOPs. A document has versions: a draft is written (text and/or
 * a file), publishing makes it the version in force and supersedes the previous one, which stays
 * readable. Staff acknowledge the version in force. The quality office and administrators write;
 * every change goes to the audit trail.
 */
@Service
class DocumentManagement {

	static final String ENTITY = "StandardDocument";

	private final JdbcClient jdbc;
	private final AuditTrail audit;
	private final DocumentFiles files;
	private final CoreSystemCatalog coreSystems;
	private final OrganizationDirectory organization;
	private final Clock clock;
	private final DocumentNotices notices;

	DocumentManagement(JdbcClient jdbc, AuditTrail audit, DocumentFiles files, CoreSystemCatalog coreSystems,
			OrganizationDirectory organization, Clock clock, DocumentNotices notices) {
		this.notices = notices;
		this.jdbc = jdbc;
		this.audit = audit;
		this.files = files;
		this.coreSystems = coreSystems;
		this.organization = organization;
		this.clock = clock;
	}

	/** What a document is, beside its versions. */
	record DocumentDraft(String code, String title, DocumentType type, UUID ownerDepartmentId, List<String> coreSystems) {
	}

	/** The editable part of a draft version. */
	record VersionText(String content, String changeNote, LocalDate effectiveDate) {
	}

	static boolean mayManage(CareQmsUser user) {
		return user.hasRole(Role.QUALITY_MANAGER) || user.hasRole(Role.SYSTEM_ADMIN);
	}

	private static void requireManager() {
		CurrentUser.find().ifPresent(user -> {
			if (!mayManage(user)) {
				throw new AccessDeniedException("documents are written by the quality office");
			}
		});
	}

	@Transactional
	UUID create(UUID hospitalId, DocumentDraft draft) {
		requireManager();
		String code = check(hospitalId, draft, true);
		if (jdbc.sql("select count(*) from std_document where hospital_id = :h and code = :c").param("h", hospitalId)
			.param("c", code).query(Integer.class).single() > 0) {
			throw new RuleViolationException("code", "standards.document.code-taken", code);
		}
		UUID id = UUID.randomUUID();
		Instant now = clock.instant();
		String by = CurrentUser.name();
		jdbc.sql("""
				insert into std_document (id, hospital_id, code, title, type, owner_department_id, core_systems, version,
				    created_by, created_at, changed_by, changed_at)
				values (:id, :h, :code, :title, :type, :owner, :cs, 0, :by, :at, :by, :at)""")
			.param("id", id).param("h", hospitalId).param("code", code).param("title", draft.title().trim())
			.param("type", draft.type().name()).param("owner", draft.ownerDepartmentId())
			.param("cs", joinSystems(draft.coreSystems())).param("by", by).param("at", Timestamp.from(now)).update();
		insertVersion(hospitalId, id, 1, null, null, null, null, by, now);
		audit.record(hospitalId, ENTITY, id, AuditAction.CREATE, code + " " + draft.title().trim(), null, state(id));
		return id;
	}

	@Transactional
	void describe(UUID hospitalId, UUID documentId, DocumentDraft draft) {
		requireManager();
		document(hospitalId, documentId);
		check(hospitalId, draft, false);
		var before = state(documentId);
		jdbc.sql("""
				update std_document set title = :title, type = :type, owner_department_id = :owner, core_systems = :cs,
				    version = version + 1, changed_by = :by, changed_at = :at where id = :id""")
			.param("title", draft.title().trim()).param("type", draft.type().name())
			.param("owner", draft.ownerDepartmentId()).param("cs", joinSystems(draft.coreSystems()))
			.param("by", CurrentUser.name()).param("at", Timestamp.from(clock.instant())).param("id", documentId)
			.update();
		audit.record(hospitalId, ENTITY, documentId, AuditAction.UPDATE, summary(documentId), before, state(documentId));
	}

	@Transactional
	void retire(UUID hospitalId, UUID documentId, boolean retired) {
		requireManager();
		document(hospitalId, documentId);
		var before = state(documentId);
		Instant now = clock.instant();
		jdbc.sql("""
				update std_document set retired = :r, retired_by = :rby, retired_at = :rat, version = version + 1,
				    changed_by = :by, changed_at = :at where id = :id""")
			.param("r", retired).param("rby", retired ? CurrentUser.name() : null)
			.param("rat", retired ? Timestamp.from(now) : null).param("by", CurrentUser.name())
			.param("at", Timestamp.from(now)).param("id", documentId).update();
		audit.record(hospitalId, ENTITY, documentId, retired ? AuditAction.RETIRE : AuditAction.RESTORE,
				summary(documentId), before, state(documentId));
	}

	@Transactional
	void saveDraft(UUID hospitalId, UUID versionId, VersionText text) {
		requireManager();
		UUID documentId = draftDocument(hospitalId, versionId);
		List<FieldProblem> problems = new ArrayList<>();
		if (text.content() != null && text.content().length() > 200_000) {
			problems.add(new FieldProblem("content", "error.standards.validation.too-long", 200_000));
		}
		if (text.changeNote() != null && text.changeNote().length() > 1000) {
			problems.add(new FieldProblem("changeNote", "error.standards.validation.too-long", 1000));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		var before = versionState(versionId);
		jdbc.sql("""
				update std_document_version set content = :content, change_note = :note, effective_date = :effective,
				    version = version + 1, changed_by = :by, changed_at = :at where id = :id""")
			.param("content", blankToNull(text.content())).param("note", blankToNull(text.changeNote()))
			.param("effective", text.effectiveDate()).param("by", CurrentUser.name())
			.param("at", Timestamp.from(clock.instant())).param("id", versionId).update();
		audit.record(hospitalId, ENTITY, documentId, AuditAction.UPDATE, summary(documentId) + ": draft saved", before,
				versionState(versionId));
	}

	@Transactional
	void attach(UUID hospitalId, UUID versionId, MultipartFile file) {
		requireManager();
		UUID documentId = draftDocument(hospitalId, versionId);
		DocumentFiles.Stored stored = files.store(hospitalId, file);
		var before = versionState(versionId);
		jdbc.sql("""
				update std_document_version set file_name = :name, file_type = :type, file_size = :size,
				    file_sha256 = :sha, storage_key = :key, version = version + 1, changed_by = :by, changed_at = :at
				where id = :id""")
			.param("name", stored.fileName()).param("type", stored.contentType()).param("size", stored.size())
			.param("sha", stored.sha256()).param("key", stored.storageKey()).param("by", CurrentUser.name())
			.param("at", Timestamp.from(clock.instant())).param("id", versionId).update();
		audit.record(hospitalId, ENTITY, documentId, AuditAction.UPDATE,
				summary(documentId) + ": file " + stored.fileName() + " attached", before, versionState(versionId));
	}

	@Transactional
	void detach(UUID hospitalId, UUID versionId) {
		requireManager();
		UUID documentId = draftDocument(hospitalId, versionId);
		var before = versionState(versionId);
		jdbc.sql("""
				update std_document_version set file_name = null, file_type = null, file_size = null, file_sha256 = null,
				    storage_key = null, version = version + 1, changed_by = :by, changed_at = :at where id = :id""")
			.param("by", CurrentUser.name()).param("at", Timestamp.from(clock.instant())).param("id", versionId)
			.update();
		audit.record(hospitalId, ENTITY, documentId, AuditAction.UPDATE, summary(documentId) + ": file removed", before,
				versionState(versionId));
	}

	/** Puts the draft in force; the version in force until now is superseded (and stays readable). */
	@Transactional
	void publish(UUID hospitalId, UUID versionId) {
		publish(hospitalId, versionId, true);
	}

	/** {@code notify}: tell the staff to read and acknowledge it (not for the demo's history). */
	@Transactional
	void publish(UUID hospitalId, UUID versionId, boolean notify) {
		requireManager();
		UUID documentId = draftDocument(hospitalId, versionId);
		record Draft(String content, String storageKey, LocalDate effective, int number) {
		}
		Draft draft = jdbc.sql("""
				select content, storage_key, effective_date, version_number from std_document_version where id = :id""")
			.param("id", versionId)
			.query((rs, n) -> new Draft(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getInt(4)))
			.single();
		if (draft.content() == null && draft.storageKey() == null) {
			throw new RuleViolationException("standards.document.empty");
		}
		if (retired(documentId)) {
			throw new RuleViolationException("standards.document.retired");
		}
		Instant now = clock.instant();
		String by = CurrentUser.name();
		// lock the document so two publications cannot both find no version in force
		jdbc.sql("select id from std_document where id = :id for update").param("id", documentId).query(UUID.class).single();
		jdbc.sql("""
				update std_document_version set status = 'SUPERSEDED', superseded_at = :at, changed_by = :by, changed_at = :at,
				    version = version + 1
				where document_id = :d and status = 'PUBLISHED'""")
			.param("at", Timestamp.from(now)).param("by", by).param("d", documentId).update();
		jdbc.sql("""
				update std_document_version set status = 'PUBLISHED', published_by = :by, published_at = :at,
				    effective_date = coalesce(effective_date, :today), version = version + 1, changed_by = :by, changed_at = :at
				where id = :id""")
			.param("by", by).param("at", Timestamp.from(now)).param("today", LocalDate.now(clock))
			.param("id", versionId).update();
		audit.record(hospitalId, ENTITY, documentId, AuditAction.UPDATE,
				summary(documentId) + " v" + draft.number() + " published", Map.of("status", "DRAFT"),
				versionState(versionId));
		if (notify) {
			notices.published(versionId);
		}
	}

	/** Starts the next version as a copy of the latest (its text and file); returns the draft's id. */
	@Transactional
	UUID newVersion(UUID hospitalId, UUID documentId) {
		requireManager();
		document(hospitalId, documentId);
		if (retired(documentId)) {
			throw new RuleViolationException("standards.document.retired");
		}
		if (jdbc.sql("select count(*) from std_document_version where document_id = :d and status = 'DRAFT'")
			.param("d", documentId).query(Integer.class).single() > 0) {
			throw new RuleViolationException("standards.document.draft-exists");
		}
		record Latest(int number, String content, String name, String type, Long size, String sha, String key) {
		}
		Latest latest = jdbc.sql("""
				select version_number, content, file_name, file_type, file_size, file_sha256, storage_key
				from std_document_version where document_id = :d order by version_number desc limit 1""")
			.param("d", documentId)
			.query((rs, n) -> new Latest(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
					(Long) rs.getObject(5), rs.getString(6), rs.getString(7)))
			.single();
		UUID id = insertVersion(hospitalId, documentId, latest.number() + 1, latest.content(), null, null, null,
				CurrentUser.name(), clock.instant());
		if (latest.key() != null) {
			jdbc.sql("""
					update std_document_version set file_name = :name, file_type = :type, file_size = :size,
					    file_sha256 = :sha, storage_key = :key where id = :id""")
				.param("name", latest.name()).param("type", latest.type()).param("size", latest.size())
				.param("sha", latest.sha()).param("key", latest.key()).param("id", id).update();
		}
		audit.record(hospitalId, ENTITY, documentId, AuditAction.CREATE,
				summary(documentId) + " v" + (latest.number() + 1) + " drafted", null, versionState(id));
		return id;
	}

	@Transactional
	void discardDraft(UUID hospitalId, UUID versionId) {
		requireManager();
		UUID documentId = draftDocument(hospitalId, versionId);
		var before = versionState(versionId);
		if (((Number) before.get("versionNumber")).intValue() == 1) {
			throw new RuleViolationException("standards.document.first-draft");
		}
		jdbc.sql("delete from std_document_version where id = :id").param("id", versionId).update();
		audit.record(hospitalId, ENTITY, documentId, AuditAction.VOID, summary(documentId) + ": draft discarded", before,
				null);
	}

	/**
	 * The signed-in user confirms having read the version in force; asking again changes nothing. Auditors
	 * (external, read-only) do not acknowledge hospital documents.
	 */
	@Transactional
	boolean acknowledge(UUID versionId) {
		CareQmsUser user = CurrentUser.require();
		if (user.readOnly()) {
			throw new AccessDeniedException("auditors do not acknowledge documents");
		}
		record Version(UUID documentId, String status, int number) {
		}
		Version version = jdbc.sql("""
				select document_id, status, version_number from std_document_version where id = :id and hospital_id = :h""")
			.param("id", versionId).param("h", user.hospitalId())
			.query((rs, n) -> new Version(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3))).optional()
			.orElseThrow(NotFoundException::new);
		if ("DRAFT".equals(version.status())) {
			throw new NotFoundException();
		}
		if (!"PUBLISHED".equals(version.status())) {
			throw new RuleViolationException("standards.document.not-in-force");
		}
		int added = jdbc.sql("""
				insert into std_acknowledgement (document_version_id, user_id, hospital_id, acknowledged_at)
				values (:v, :u, :h, :at) on conflict do nothing""")
			.param("v", versionId).param("u", user.id()).param("h", user.hospitalId())
			.param("at", Timestamp.from(clock.instant())).update();
		if (added > 0) {
			audit.record(user.hospitalId(), ENTITY, version.documentId(), AuditAction.UPDATE,
					summary(version.documentId()) + " v" + version.number() + " acknowledged by " + user.getUsername(),
					null, Map.of("versionId", versionId, "acknowledgedBy", user.getUsername()));
		}
		return added > 0;
	}

	// ----- checks and helpers ------------------------------------------------------------------------

	private String check(UUID hospitalId, DocumentDraft draft, boolean withCode) {
		List<FieldProblem> problems = new ArrayList<>();
		String code = draft.code() == null ? "" : draft.code().trim();
		if (withCode) {
			if (code.isEmpty()) {
				problems.add(new FieldProblem("code", "error.standards.validation.required"));
			}
			else if (!code.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,39}")) {
				problems.add(new FieldProblem("code", "error.standards.validation.code"));
			}
		}
		if (draft.title() == null || draft.title().isBlank()) {
			problems.add(new FieldProblem("title", "error.standards.validation.required"));
		}
		else if (draft.title().trim().length() > 200) {
			problems.add(new FieldProblem("title", "error.standards.validation.too-long", 200));
		}
		if (draft.type() == null) {
			problems.add(new FieldProblem("type", "error.standards.validation.required"));
		}
		if (draft.ownerDepartmentId() != null && organization.department(hospitalId, draft.ownerDepartmentId())
			.filter(d -> !d.retired()).isEmpty()) {
			problems.add(new FieldProblem("ownerDepartmentId", "error.standards.validation.department"));
		}
		if (draft.coreSystems() != null) {
			for (String system : draft.coreSystems()) {
				if (system != null && !system.isBlank() && coreSystems.system(system.trim()).isEmpty()) {
					problems.add(new FieldProblem("coreSystems", "error.standards.validation.core-system", system));
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return code;
	}

	private void document(UUID hospitalId, UUID documentId) {
		if (jdbc.sql("select count(*) from std_document where id = :id and hospital_id = :h").param("id", documentId)
			.param("h", hospitalId).query(Integer.class).single() == 0) {
			throw new NotFoundException();
		}
	}

	private boolean retired(UUID documentId) {
		return jdbc.sql("select retired from std_document where id = :id").param("id", documentId).query(Boolean.class)
			.single();
	}

	private UUID draftDocument(UUID hospitalId, UUID versionId) {
		record Row(UUID documentId, String status) {
		}
		Row row = jdbc.sql("select document_id, status from std_document_version where id = :id and hospital_id = :h")
			.param("id", versionId).param("h", hospitalId)
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2))).optional()
			.orElseThrow(NotFoundException::new);
		if (!"DRAFT".equals(row.status())) {
			throw new RuleViolationException("standards.document.published");
		}
		return row.documentId();
	}

	private UUID insertVersion(UUID hospitalId, UUID documentId, int number, String content, String note,
			LocalDate effective, String key, String by, Instant at) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into std_document_version (id, document_id, hospital_id, version_number, status, content,
				    change_note, effective_date, storage_key, version, created_by, created_at, changed_by, changed_at)
				values (:id, :d, :h, :n, 'DRAFT', :content, :note, :effective, :key, 0, :by, :at, :by, :at)""")
			.param("id", id).param("d", documentId).param("h", hospitalId).param("n", number).param("content", content)
			.param("note", note).param("effective", effective).param("key", key).param("by", by)
			.param("at", Timestamp.from(at)).update();
		return id;
	}

	private String summary(UUID documentId) {
		return jdbc.sql("select code || ' ' || title from std_document where id = :id").param("id", documentId)
			.query(String.class).single();
	}

	private Map<String, Object> state(UUID documentId) {
		return jdbc.sql("select code, title, type, owner_department_id, core_systems, retired from std_document where id = :id")
			.param("id", documentId)
			.query((rs, n) -> {
				Map<String, Object> s = new LinkedHashMap<>();
				s.put("code", rs.getString("code"));
				s.put("title", rs.getString("title"));
				s.put("type", rs.getString("type"));
				s.put("ownerDepartmentId", rs.getObject("owner_department_id", UUID.class));
				s.put("coreSystems", rs.getString("core_systems"));
				s.put("retired", rs.getBoolean("retired"));
				return s;
			})
			.single();
	}

	private Map<String, Object> versionState(UUID versionId) {
		return jdbc.sql("""
				select version_number, status, change_note, effective_date, file_name, file_size, file_sha256,
				       length(content) content_length, md5(coalesce(content, '')) content_md5
				from std_document_version where id = :id""")
			.param("id", versionId)
			.query((rs, n) -> {
				Map<String, Object> s = new LinkedHashMap<>();
				s.put("versionId", versionId);
				s.put("versionNumber", rs.getInt("version_number"));
				s.put("status", rs.getString("status"));
				s.put("changeNote", rs.getString("change_note"));
				s.put("effectiveDate", rs.getObject("effective_date", LocalDate.class));
				s.put("fileName", rs.getString("file_name"));
				s.put("fileSize", rs.getObject("file_size"));
				s.put("fileSha256", rs.getString("file_sha256"));
				s.put("contentLength", rs.getObject("content_length"));
				s.put("contentMd5", rs.getString("content_md5"));
				return s;
			})
			.single();
	}

	static String joinSystems(List<String> systems) {
		return systems == null ? ""
				: systems.stream().filter(s -> s != null && !s.isBlank()).map(String::trim).distinct().sorted()
					.collect(Collectors.joining(","));
	}

	static List<String> splitSystems(String stored) {
		return stored == null || stored.isBlank() ? List.of() : List.of(stored.split(","));
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s;
	}
}
