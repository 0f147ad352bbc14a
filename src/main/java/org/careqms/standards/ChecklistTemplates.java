package org.careqms.standards;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The read side of checklist templates for other modules (audits): which templates a hospital may
 * inspect with, and a version with its sections and items. Hospital ids are the organization's
 * UUIDs; template, version, section and item ids are numbers. Retired templates are not offered, but
 * their versions stay readable by id (old inspections keep showing what they were scored against).
 */
@Service
public class ChecklistTemplates {

	private final JdbcClient jdbc;

	ChecklistTemplates(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The latest published version of each active template of the hospital, by code. */
	@Transactional(readOnly = true)
	public List<ChecklistTemplateSummary> published(UUID hospitalId) {
		return jdbc.sql("""
				select distinct on (t.id) t.id template_id, v.id version_id, t.code, t.name, v.version_number
				from checklist_template t
				join checklist_template_version v on v.template_id = t.id and v.status = 'PUBLISHED'
				where t.hospital_id = :hospital and not t.retired
				order by t.id, v.version_number desc""")
			.param("hospital", hospitalId)
			.query((rs, n) -> new ChecklistTemplateSummary(rs.getLong("template_id"), rs.getLong("version_id"),
					rs.getString("code"), rs.getString("name"), rs.getInt("version_number")))
			.list()
			.stream()
			.sorted(java.util.Comparator.comparing(ChecklistTemplateSummary::code))
			.toList();
	}

	/** A version (draft or published) of one of the hospital's templates, retired ones included. */
	@Transactional(readOnly = true)
	public Optional<ChecklistTemplateVersion> version(UUID hospitalId, long versionId) {
		return jdbc.sql("""
				select t.id template_id, v.id version_id, t.code, t.name, v.version_number, v.status
				from checklist_template_version v join checklist_template t on t.id = v.template_id
				where v.id = :version and v.hospital_id = :hospital""")
			.param("version", versionId)
			.param("hospital", hospitalId)
			.query((rs, n) -> new Header(rs.getLong("template_id"), rs.getLong("version_id"), rs.getString("code"),
					rs.getString("name"), rs.getInt("version_number"), "PUBLISHED".equals(rs.getString("status"))))
			.optional()
			.map(this::load);
	}

	/** The newest published version of the template; empty when it has none or is not the hospital's. */
	@Transactional(readOnly = true)
	public Optional<ChecklistTemplateVersion> latestPublished(UUID hospitalId, long templateId) {
		return jdbc.sql("""
				select v.id from checklist_template_version v
				where v.template_id = :template and v.hospital_id = :hospital and v.status = 'PUBLISHED'
				order by v.version_number desc limit 1""")
			.param("template", templateId)
			.param("hospital", hospitalId)
			.query(Long.class)
			.optional()
			.flatMap(id -> version(hospitalId, id));
	}

	private record Header(long templateId, long versionId, String code, String name, int versionNumber,
			boolean published) {
	}

	private ChecklistTemplateVersion load(Header h) {
		Map<Long, String> titles = new LinkedHashMap<>();
		Map<Long, Integer> positions = new LinkedHashMap<>();
		Map<Long, List<ChecklistItem>> items = new LinkedHashMap<>();
		jdbc.sql("select id, title, position from checklist_section where version_id = :version order by position, id")
			.param("version", h.versionId())
			.query(rs -> {
				long id = rs.getLong("id");
				titles.put(id, rs.getString("title"));
				positions.put(id, rs.getInt("position"));
				items.put(id, new ArrayList<>());
			});
		jdbc.sql("""
				select id, section_id, code, text, guidance, scoring, points, critical, not_applicable_allowed,
				       core_system_check_id, position
				from checklist_item where version_id = :version order by position, id""")
			.param("version", h.versionId())
			.query(rs -> {
				items.get(rs.getLong("section_id"))
					.add(new ChecklistItem(rs.getLong("id"), rs.getString("code"), rs.getString("text"),
							rs.getString("guidance"), ScoringMethod.valueOf(rs.getString("scoring")),
							rs.getBigDecimal("points"), rs.getBoolean("critical"),
							rs.getBoolean("not_applicable_allowed"), rs.getString("core_system_check_id"),
							rs.getInt("position")));
			});
		List<ChecklistSection> sections = new ArrayList<>();
		BigDecimal total = BigDecimal.ZERO;
		for (Map.Entry<Long, String> s : titles.entrySet()) {
			List<ChecklistItem> sectionItems = items.get(s.getKey());
			for (ChecklistItem item : sectionItems) {
				total = total.add(item.points());
			}
			sections.add(new ChecklistSection(s.getKey(), s.getValue(), positions.get(s.getKey()), sectionItems));
		}
		return new ChecklistTemplateVersion(h.templateId(), h.versionId(), h.code(), h.name(), h.versionNumber(),
				h.published(), total, sections);
	}
}
