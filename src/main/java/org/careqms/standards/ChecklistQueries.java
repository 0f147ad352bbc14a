package org.careqms.standards;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What the checklist pages show beyond one version: the template list, versions, links to core systems. */
@Component
class ChecklistQueries {

	private final JdbcClient jdbc;

	ChecklistQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A template with its latest published version and its draft, if any. */
	record Template(long id, String code, String name, String description, List<String> auditTypes, boolean retired,
			Integer publishedNumber, Long publishedVersionId, Long draftVersionId, Integer draftNumber,
			LocalDateTime changedAt) {
	}

	record VersionLine(long id, int number, boolean published, String publishedBy, LocalDateTime publishedAt,
			String createdBy, LocalDateTime createdAt, int items) {
	}

	/** A checklist item of a template's latest published version that verifies a core-system check. */
	record LinkedItem(long templateId, String templateCode, String templateName, String itemCode, String text,
			String checkId, boolean critical) {
	}

	private static final String TEMPLATE_SQL = """
			select t.id, t.code, t.name, t.description, t.audit_types, t.retired, t.changed_at,
			       p.id published_id, p.version_number published_number, d.id draft_id, d.version_number draft_number
			from checklist_template t
			left join lateral (select v.id, v.version_number from checklist_template_version v
			                   where v.template_id = t.id and v.status = 'PUBLISHED'
			                   order by v.version_number desc limit 1) p on true
			left join checklist_template_version d on d.template_id = t.id and d.status = 'DRAFT'
			""";

	@Transactional(readOnly = true)
	List<Template> templates(UUID hospitalId, boolean withRetired, boolean withUnpublished) {
		return jdbc.sql(TEMPLATE_SQL + """
				where t.hospital_id = :h and (:retired or not t.retired) and (:unpublished or p.id is not null)
				order by t.retired, t.code""")
			.param("h", hospitalId).param("retired", withRetired).param("unpublished", withUnpublished)
			.query((rs, n) -> template(rs))
			.list();
	}

	@Transactional(readOnly = true)
	Optional<Template> template(UUID hospitalId, long id) {
		return jdbc.sql(TEMPLATE_SQL + " where t.hospital_id = :h and t.id = :id")
			.param("h", hospitalId).param("id", id)
			.query((rs, n) -> template(rs))
			.optional();
	}

	private static Template template(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Template(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getString("description"),
				ChecklistTemplateManagement.splitTypes(rs.getString("audit_types")), rs.getBoolean("retired"),
				(Integer) rs.getObject("published_number"), (Long) rs.getObject("published_id"),
				(Long) rs.getObject("draft_id"), (Integer) rs.getObject("draft_number"),
				rs.getTimestamp("changed_at").toLocalDateTime());
	}

	@Transactional(readOnly = true)
	List<VersionLine> versions(long templateId) {
		return jdbc.sql("""
				select v.id, v.version_number, v.status, v.published_by, v.published_at, v.created_by, v.created_at,
				       (select count(*) from checklist_item i where i.version_id = v.id) items
				from checklist_template_version v where v.template_id = :t order by v.version_number desc""")
			.param("t", templateId)
			.query((rs, n) -> new VersionLine(rs.getLong("id"), rs.getInt("version_number"),
					"PUBLISHED".equals(rs.getString("status")), rs.getString("published_by"),
					rs.getTimestamp("published_at") == null ? null : rs.getTimestamp("published_at").toLocalDateTime(),
					rs.getString("created_by"), rs.getTimestamp("created_at").toLocalDateTime(), rs.getInt("items")))
			.list();
	}

	/** Items of active templates' latest published versions that verify checks of the core system. */
	@Transactional(readOnly = true)
	List<LinkedItem> itemsForCoreSystem(UUID hospitalId, String systemId) {
		return jdbc.sql("""
				select t.id, t.code, t.name, i.code item_code, i.text, i.core_system_check_id, i.critical
				from checklist_template t
				join lateral (select v.id from checklist_template_version v
				              where v.template_id = t.id and v.status = 'PUBLISHED'
				              order by v.version_number desc limit 1) p on true
				join checklist_item i on i.version_id = p.id
				where t.hospital_id = :h and not t.retired and i.core_system_check_id like :prefix
				order by i.core_system_check_id, t.code, i.position""")
			.param("h", hospitalId).param("prefix", systemId + "-%")
			.query((rs, n) -> new LinkedItem(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
					rs.getString("item_code"), rs.getString("text"), rs.getString("core_system_check_id"),
					rs.getBoolean("critical")))
			.list();
	}
}
