package org.careqms.standards;

import java.time.LocalDateTime;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What the document pages show, read with SQL. */
@Component
class DocumentQueries {

	private final JdbcClient jdbc;

	DocumentQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A line of the document list; the version in force may be missing (never published yet). */
	record Line(UUID id, String code, String title, DocumentType type, UUID ownerDepartmentId, List<String> coreSystems,
			boolean retired, Integer currentVersion, LocalDate effectiveDate, UUID currentVersionId,
			boolean acknowledgedByMe, boolean hasDraft) {
	}

	record Document(UUID id, String code, String title, DocumentType type, UUID ownerDepartmentId,
			List<String> coreSystems, boolean retired, String changedBy, LocalDateTime changedAt) {
	}

	record Version(UUID id, UUID documentId, int number, DocumentStatus status, String content, String changeNote,
			LocalDate effectiveDate, String fileName, String fileType, Long fileSize, String fileSha256,
			String storageKey, String publishedBy, LocalDateTime publishedAt, LocalDateTime supersededAt, int acknowledgements) {

		/** The text as paragraphs, one per line, for pages that must not render it as HTML. */
		public List<String> paragraphs() {
			return content == null ? List.of() : content.lines().toList();
		}

		public boolean hasFile() {
			return storageKey != null;
		}

		/** The file size for people: KB below a megabyte, MB above. */
		public String fileSizeLabel() {
			if (fileSize == null) {
				return "";
			}
			return fileSize < 1024 * 1024 ? Math.max(1, Math.round(fileSize / 1024.0)) + " KB"
					: String.format(java.util.Locale.ROOT, "%.1f MB", fileSize / (1024.0 * 1024.0));
		}
	}

	record Acknowledgement(UUID userId, String displayName, String departments, LocalDateTime acknowledgedAt) {
	}

	/** Active users of a department and how many of them acknowledged the version. */
	record DepartmentCompletion(UUID departmentId, String code, String name, String nameEn, int users, int acknowledged) {

		public int percent() {
			return users == 0 ? 0 : (int) Math.floor(acknowledged * 100.0 / users);
		}
	}

	@Transactional(readOnly = true)
	List<Line> list(UUID hospitalId, UUID userId, DocumentType type, String text, boolean unreadOnly,
			boolean withRetired) {
		String pattern = text == null || text.isBlank() ? null : "%" + text.trim().toLowerCase() + "%";
		return jdbc.sql("""
				select d.id, d.code, d.title, d.type, d.owner_department_id, d.core_systems, d.retired,
				       p.id current_id, p.version_number, p.effective_date,
				       exists (select 1 from std_acknowledgement a where a.document_version_id = p.id and a.user_id = :u) acknowledged,
				       exists (select 1 from std_document_version x where x.document_id = d.id and x.status = 'DRAFT') has_draft
				from std_document d
				left join std_document_version p on p.document_id = d.id and p.status = 'PUBLISHED'
				where d.hospital_id = :h
				  and (cast(:type as varchar) is null or d.type = :type)
				  and (cast(:pattern as varchar) is null or lower(d.code) like :pattern or lower(d.title) like :pattern)
				  and (:withRetired or not d.retired)
				order by d.retired, d.code""")
			.param("h", hospitalId).param("u", userId).param("type", type == null ? null : type.name())
			.param("pattern", pattern).param("withRetired", withRetired)
			.query((rs, n) -> new Line(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("title"),
					DocumentType.valueOf(rs.getString("type")), rs.getObject("owner_department_id", UUID.class),
					DocumentManagement.splitSystems(rs.getString("core_systems")), rs.getBoolean("retired"),
					(Integer) rs.getObject("version_number"), rs.getObject("effective_date", LocalDate.class),
					rs.getObject("current_id", UUID.class), rs.getBoolean("acknowledged"), rs.getBoolean("has_draft")))
			.list()
			.stream()
			.filter(l -> !unreadOnly || l.currentVersionId() != null && !l.acknowledgedByMe())
			.toList();
	}

	@Transactional(readOnly = true)
	Optional<Document> document(UUID hospitalId, UUID id) {
		return jdbc.sql("""
				select id, code, title, type, owner_department_id, core_systems, retired, changed_by, changed_at
				from std_document where id = :id and hospital_id = :h""")
			.param("id", id).param("h", hospitalId)
			.query((rs, n) -> new Document(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("title"),
					DocumentType.valueOf(rs.getString("type")), rs.getObject("owner_department_id", UUID.class),
					DocumentManagement.splitSystems(rs.getString("core_systems")), rs.getBoolean("retired"),
					rs.getString("changed_by"), rs.getTimestamp("changed_at").toLocalDateTime()))
			.optional();
	}

	@Transactional(readOnly = true)
	List<Version> versions(UUID documentId) {
		return jdbc.sql("""
				select v.*, (select count(*) from std_acknowledgement a where a.document_version_id = v.id) acks
				from std_document_version v where v.document_id = :d order by v.version_number desc""")
			.param("d", documentId)
			.query((rs, n) -> new Version(rs.getObject("id", UUID.class), rs.getObject("document_id", UUID.class),
					rs.getInt("version_number"), DocumentStatus.valueOf(rs.getString("status")), rs.getString("content"),
					rs.getString("change_note"), rs.getObject("effective_date", LocalDate.class), rs.getString("file_name"),
					rs.getString("file_type"), (Long) rs.getObject("file_size"), rs.getString("file_sha256"),
					rs.getString("storage_key"), rs.getString("published_by"),
					rs.getTimestamp("published_at") == null ? null : rs.getTimestamp("published_at").toLocalDateTime(),
					rs.getTimestamp("superseded_at") == null ? null : rs.getTimestamp("superseded_at").toLocalDateTime(),
					rs.getInt("acks")))
			.list();
	}

	@Transactional(readOnly = true)
	List<Acknowledgement> acknowledgements(UUID versionId) {
		return jdbc.sql("""
				select u.id, u.display_name, a.acknowledged_at,
				       (select string_agg(d.code || ' ' || d.name, '、' order by d.code)
				        from app_user_department ud join department d on d.id = ud.department_id where ud.user_id = u.id) depts
				from std_acknowledgement a join app_user u on u.id = a.user_id
				where a.document_version_id = :v order by a.acknowledged_at desc""")
			.param("v", versionId)
			.query((rs, n) -> new Acknowledgement(rs.getObject("id", UUID.class), rs.getString("display_name"),
					rs.getString("depts"), rs.getTimestamp("acknowledged_at").toLocalDateTime()))
			.list();
	}

	/**
	 * Per department: its active users (enabled, access not expired, auditors left out) and how many of
	 * them acknowledged the version. A user of two departments counts in both.
	 */
	@Transactional(readOnly = true)
	List<DepartmentCompletion> completion(UUID hospitalId, UUID versionId) {
		return jdbc.sql("""
				select d.id, d.code, d.name, d.name_en, count(distinct u.id) users,
				       count(distinct a.user_id) acknowledged
				from department d
				join app_user_department ud on ud.department_id = d.id
				join app_user u on u.id = ud.user_id and u.enabled
				     and (u.access_expires_at is null or u.access_expires_at > now())
				     and exists (select 1 from app_user_role r where r.user_id = u.id and r.role <> 'AUDITOR')
				left join std_acknowledgement a on a.user_id = u.id and a.document_version_id = :v
				where d.hospital_id = :h and not d.retired
				group by d.id, d.code, d.name, d.name_en
				order by d.code""")
			.param("h", hospitalId).param("v", versionId)
			.query((rs, n) -> new DepartmentCompletion(rs.getObject("id", UUID.class), rs.getString("code"),
					rs.getString("name"), rs.getString("name_en"), rs.getInt("users"), rs.getInt("acknowledged")))
			.list();
	}

	/** Published documents linked to a core system. */
	@Transactional(readOnly = true)
	List<Line> forCoreSystem(UUID hospitalId, UUID userId, String systemId) {
		return list(hospitalId, userId, null, null, false, false).stream()
			.filter(l -> l.coreSystems().contains(systemId))
			.toList();
	}
}
