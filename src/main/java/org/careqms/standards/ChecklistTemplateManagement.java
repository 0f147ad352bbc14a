package org.careqms.standards;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.careqms.audittrail.AuditAction;
import org.careqms.audittrail.AuditTrail;
import org.careqms.platform.CareQmsUser;
import org.careqms.platform.CurrentUser;
import org.careqms.platform.InvalidInputException;
import org.careqms.platform.NotFoundException;
import org.careqms.platform.Role;
import org.careqms.platform.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writing checklist templates: a template starts with a draft version 1; sections and items of a draft
 * can be added, changed, removed and reordered; publishing freezes the draft (the database refuses any
 * later change); a new version starts as a copy of the latest. The quality office and administrators
 * write; every change goes to the audit trail.
 */
@Service
public class ChecklistTemplateManagement {

	static final String ENTITY = "ChecklistTemplate";

	static final BigDecimal MAX_POINTS = new BigDecimal("1000");

	private final JdbcClient jdbc;
	private final AuditTrail audit;
	private final CoreSystemCatalog coreSystems;
	private final ChecklistTemplates templates;
	private final Clock clock;

	ChecklistTemplateManagement(JdbcClient jdbc, AuditTrail audit, CoreSystemCatalog coreSystems,
			ChecklistTemplates templates, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.coreSystems = coreSystems;
		this.templates = templates;
		this.clock = clock;
	}

	/** What a template is, beside its versions. Audit types are free words ("专项检查", "科室自查"…). */
	public record TemplateDraft(String code, String name, String description, List<String> auditTypes) {
	}

	/** One item as the editor or the API sends it. */
	public record ItemDraft(String code, String text, String guidance, ScoringMethod scoring, BigDecimal points,
			boolean critical, boolean notApplicableAllowed, String coreSystemCheckId) {
	}

	/** Who may write templates: the quality office and administrators (and start-up seeding, with no user). */
	static boolean mayManage(CareQmsUser user) {
		return user.hasRole(Role.QUALITY_MANAGER) || user.hasRole(Role.SYSTEM_ADMIN);
	}

	private static void requireManager() {
		CurrentUser.find().ifPresent(user -> {
			if (!mayManage(user)) {
				throw new AccessDeniedException("checklist templates are the quality office's");
			}
		});
	}

	// ----- templates -------------------------------------------------------------------------------

	/** Creates the template with an empty draft version 1; returns the template's id. */
	@Transactional
	public long create(UUID hospitalId, TemplateDraft draft) {
		requireManager();
		String code = checkTemplate(draft, true);
		if (jdbc.sql("select count(*) from checklist_template where hospital_id = :h and code = :c")
			.param("h", hospitalId).param("c", code).query(Integer.class).single() > 0) {
			throw new RuleViolationException("code", "standards.template.code-taken", code);
		}
		Instant now = now();
		String by = CurrentUser.name();
		long id = jdbc.sql("""
				insert into checklist_template (hospital_id, code, name, description, audit_types, version,
				    created_by, created_at, changed_by, changed_at)
				values (:h, :code, :name, :description, :types, 0, :by, :at, :by, :at) returning id""")
			.param("h", hospitalId).param("code", code).param("name", draft.name().trim())
			.param("description", blankToNull(draft.description())).param("types", joinTypes(draft.auditTypes()))
			.param("by", by).param("at", Timestamp.from(now))
			.query(Long.class).single();
		insertVersion(hospitalId, id, 1, by, now);
		audit.record(hospitalId, ENTITY, id, AuditAction.CREATE, code + " " + draft.name().trim(), null,
				templateState(id));
		return id;
	}

	@Transactional
	public void describe(UUID hospitalId, long templateId, TemplateDraft draft) {
		requireManager();
		checkTemplate(draft, false);
		var before = templateState(template(hospitalId, templateId));
		jdbc.sql("""
				update checklist_template set name = :name, description = :description, audit_types = :types,
				    version = version + 1, changed_by = :by, changed_at = :at where id = :id""")
			.param("name", draft.name().trim()).param("description", blankToNull(draft.description()))
			.param("types", joinTypes(draft.auditTypes())).param("by", CurrentUser.name())
			.param("at", Timestamp.from(now())).param("id", templateId).update();
		audit.record(hospitalId, ENTITY, templateId, AuditAction.UPDATE, summary(templateId), before,
				templateState(templateId));
	}

	@Transactional
	public void retire(UUID hospitalId, long templateId, boolean retired) {
		requireManager();
		var before = templateState(template(hospitalId, templateId));
		jdbc.sql("""
				update checklist_template set retired = :retired, retired_by = :rby, retired_at = :rat,
				    version = version + 1, changed_by = :by, changed_at = :at where id = :id""")
			.param("retired", retired).param("rby", retired ? CurrentUser.name() : null)
			.param("rat", retired ? Timestamp.from(now()) : null).param("by", CurrentUser.name())
			.param("at", Timestamp.from(now())).param("id", templateId).update();
		audit.record(hospitalId, ENTITY, templateId, retired ? AuditAction.RETIRE : AuditAction.RESTORE,
				summary(templateId), before, templateState(templateId));
	}

	/** A section with its items, as the API sends a whole checklist. */
	public record SectionDraft(String title, List<ItemDraft> items) {
	}

	/**
	 * Creates a template with its first version's sections and items in one go, and publishes it when
	 * asked; all or nothing. Returns the template's id.
	 */
	@Transactional
	public long createComplete(UUID hospitalId, TemplateDraft draft, List<SectionDraft> sections, boolean publish) {
		long templateId = create(hospitalId, draft);
		long versionId = draftOf(templateId);
		fill(hospitalId, versionId, sections);
		if (publish) {
			publish(hospitalId, versionId);
		}
		return templateId;
	}

	/** Replaces every section and item of a draft (the API's way to edit a draft). */
	@Transactional
	public void replaceContent(UUID hospitalId, long versionId, List<SectionDraft> sections) {
		requireManager();
		long templateId = draftTemplate(hospitalId, versionId);
		jdbc.sql("delete from checklist_item where version_id = :id").param("id", versionId).update();
		jdbc.sql("delete from checklist_section where version_id = :id").param("id", versionId).update();
		audit.record(hospitalId, ENTITY, templateId, AuditAction.UPDATE, summary(templateId) + ": content replaced",
				Map.of("versionId", versionId), null);
		fill(hospitalId, versionId, sections);
	}

	private void fill(UUID hospitalId, long versionId, List<SectionDraft> sections) {
		var problems = new java.util.ArrayList<InvalidInputException.FieldProblem>();
		java.util.Set<String> codes = new java.util.HashSet<>();
		List<SectionDraft> list = sections == null ? List.of() : sections;
		for (int s = 0; s < list.size(); s++) {
			SectionDraft section = list.get(s);
			String prefix = "sections[" + s + "]";
			if (section == null) {
				problems.add(new InvalidInputException.FieldProblem(prefix, "error.standards.validation.required"));
				continue;
			}
			try {
				checkTitle(section.title());
			}
			catch (InvalidInputException ex) {
				ex.problems().forEach(p -> problems.add(new InvalidInputException.FieldProblem(prefix + "." + p.field(),
						p.messageKey(), p.arguments())));
			}
			List<ItemDraft> items = section.items() == null ? List.of() : section.items();
			for (int i = 0; i < items.size(); i++) {
				String itemPrefix = prefix + ".items[" + i + "]";
				ItemDraft item = items.get(i);
				if (item == null) {
					problems.add(new InvalidInputException.FieldProblem(itemPrefix, "error.standards.validation.required"));
					continue;
				}
				try {
					checkItem(item);
				}
				catch (InvalidInputException ex) {
					ex.problems().forEach(p -> problems.add(new InvalidInputException.FieldProblem(
							itemPrefix + "." + p.field(), p.messageKey(), p.arguments())));
				}
				if (item.code() != null && !item.code().isBlank() && !codes.add(item.code().trim())) {
					problems.add(new InvalidInputException.FieldProblem(itemPrefix + ".code",
							"error.standards.validation.item-code-taken", item.code().trim()));
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		for (SectionDraft section : list) {
			long sectionId = addSection(hospitalId, versionId, section.title());
			for (ItemDraft item : section.items() == null ? List.<ItemDraft>of() : section.items()) {
				addItem(hospitalId, sectionId, item);
			}
		}
	}

	// ----- versions --------------------------------------------------------------------------------

	/** Freezes the draft: from now on inspections may be scored against it. */
	@Transactional
	public void publish(UUID hospitalId, long versionId) {
		requireManager();
		long templateId = draftTemplate(hospitalId, versionId);
		if (retired(templateId)) {
			throw new RuleViolationException("standards.template.retired");
		}
		ChecklistTemplateVersion version = templates.version(hospitalId, versionId).orElseThrow(NotFoundException::new);
		if (version.items().findAny().isEmpty()) {
			throw new RuleViolationException("standards.template.empty");
		}
		version.sections().stream().filter(s -> s.items().isEmpty()).findFirst().ifPresent(s -> {
			throw new RuleViolationException(null, "standards.template.empty-section", s.title());
		});
		if (version.totalPoints().signum() == 0) {
			throw new RuleViolationException("standards.template.no-points");
		}
		Instant now = now();
		jdbc.sql("""
				update checklist_template_version set status = 'PUBLISHED', published_by = :by, published_at = :at,
				    version = version + 1, changed_by = :by, changed_at = :at where id = :id and status = 'DRAFT'""")
			.param("by", CurrentUser.name()).param("at", Timestamp.from(now)).param("id", versionId).update();
		audit.record(hospitalId, ENTITY, templateId, AuditAction.UPDATE,
				summary(templateId) + " v" + version.versionNumber() + " published", Map.of("status", "DRAFT"),
				Map.of("status", "PUBLISHED", "versionId", versionId, "items", version.items().count(),
						"totalPoints", version.totalPoints().toPlainString()));
	}

	/** Starts the next version as a copy of the latest one; returns the new draft's id. */
	@Transactional
	public long newVersion(UUID hospitalId, long templateId) {
		requireManager();
		template(hospitalId, templateId);
		if (retired(templateId)) {
			throw new RuleViolationException("standards.template.retired");
		}
		if (draftOf(templateId) != null) {
			throw new RuleViolationException("standards.template.draft-exists");
		}
		long latestId = jdbc.sql("""
				select id from checklist_template_version where template_id = :t order by version_number desc limit 1""")
			.param("t", templateId).query(Long.class).single();
		ChecklistTemplateVersion latest = templates.version(hospitalId, latestId).orElseThrow();
		Instant now = now();
		String by = CurrentUser.name();
		long draftId = insertVersion(hospitalId, templateId, latest.versionNumber() + 1, by, now);
		for (ChecklistSection section : latest.sections()) {
			long sectionId = insertSection(hospitalId, draftId, section.title(), section.position());
			for (ChecklistItem item : section.items()) {
				insertItem(hospitalId, draftId, sectionId, item.code(), new ItemDraft(item.code(), item.text(),
						item.guidance(), item.scoring(), item.points(), item.critical(), item.notApplicableAllowed(),
						item.coreSystemCheckId()), item.position());
			}
		}
		audit.record(hospitalId, ENTITY, templateId, AuditAction.CREATE,
				summary(templateId) + " v" + (latest.versionNumber() + 1) + " drafted from v" + latest.versionNumber(),
				null, Map.of("versionId", draftId, "copiedFrom", latestId));
		return draftId;
	}

	/** Throws away a draft that is not the template's first version. */
	@Transactional
	public void discardDraft(UUID hospitalId, long versionId) {
		requireManager();
		long templateId = draftTemplate(hospitalId, versionId);
		int number = jdbc.sql("select version_number from checklist_template_version where id = :id")
			.param("id", versionId).query(Integer.class).single();
		if (number == 1) {
			throw new RuleViolationException("standards.template.first-draft");
		}
		jdbc.sql("delete from checklist_item where version_id = :id").param("id", versionId).update();
		jdbc.sql("delete from checklist_section where version_id = :id").param("id", versionId).update();
		jdbc.sql("delete from checklist_template_version where id = :id").param("id", versionId).update();
		audit.record(hospitalId, ENTITY, templateId, AuditAction.VOID, summary(templateId) + " v" + number + " discarded",
				Map.of("versionId", versionId), null);
	}

	// ----- sections --------------------------------------------------------------------------------

	@Transactional
	public long addSection(UUID hospitalId, long versionId, String title) {
		requireManager();
		long templateId = draftTemplate(hospitalId, versionId);
		String checked = checkTitle(title);
		int position = jdbc.sql("select coalesce(max(position), 0) + 1 from checklist_section where version_id = :v")
			.param("v", versionId).query(Integer.class).single();
		long id = insertSection(hospitalId, versionId, checked, position);
		touch(versionId);
		audit.record(hospitalId, ENTITY, templateId, AuditAction.UPDATE, summary(templateId) + ": section added", null,
				Map.of("versionId", versionId, "sectionId", id, "title", checked));
		return id;
	}

	@Transactional
	public void renameSection(UUID hospitalId, long sectionId, String title) {
		requireManager();
		long versionId = sectionVersion(hospitalId, sectionId);
		long templateId = draftTemplate(hospitalId, versionId);
		String checked = checkTitle(title);
		String before = jdbc.sql("select title from checklist_section where id = :id").param("id", sectionId)
			.query(String.class).single();
		jdbc.sql("update checklist_section set title = :t where id = :id").param("t", checked).param("id", sectionId)
			.update();
		touch(versionId);
		audit.record(hospitalId, ENTITY, templateId, AuditAction.UPDATE, summary(templateId) + ": section renamed",
				Map.of("sectionId", sectionId, "title", before), Map.of("sectionId", sectionId, "title", checked));
	}

	@Transactional
	public void removeSection(UUID hospitalId, long sectionId) {
		requireManager();
		long versionId = sectionVersion(hospitalId, sectionId);
		long templateId = draftTemplate(hospitalId, versionId);
		String title = jdbc.sql("select title from checklist_section where id = :id").param("id", sectionId)
			.query(String.class).single();
		jdbc.sql("delete from checklist_item where section_id = :id").param("id", sectionId).update();
		jdbc.sql("delete from checklist_section where id = :id").param("id", sectionId).update();
		renumber("checklist_section", "version_id", versionId);
		touch(versionId);
		audit.record(hospitalId, ENTITY, templateId, AuditAction.UPDATE, summary(templateId) + ": section removed",
				Map.of("sectionId", sectionId, "title", title), null);
	}

	/** Moves the section one place up ({@code -1}) or down ({@code +1}). */
	@Transactional
	public void moveSection(UUID hospitalId, long sectionId, int direction) {
		requireManager();
		long versionId = sectionVersion(hospitalId, sectionId);
		long templateId = draftTemplate(hospitalId, versionId);
		if (swap("checklist_section", "version_id", versionId, sectionId, direction)) {
			touch(versionId);
			audit.record(hospitalId, ENTITY, templateId, AuditAction.UPDATE, summary(templateId) + ": section moved",
					null, Map.of("sectionId", sectionId, "direction", direction < 0 ? "up" : "down"));
		}
	}

	// ----- items -----------------------------------------------------------------------------------

	@Transactional
	public long addItem(UUID hospitalId, long sectionId, ItemDraft draft) {
		requireManager();
		long versionId = sectionVersion(hospitalId, sectionId);
		long templateId = draftTemplate(hospitalId, versionId);
		checkItem(draft);
		int position = jdbc.sql("select coalesce(max(position), 0) + 1 from checklist_item where section_id = :s")
			.param("s", sectionId).query(Integer.class).single();
		String code = draft.code() == null || draft.code().isBlank() ? nextCode(versionId, sectionId, position)
				: draft.code().trim();
		requireFreeCode(versionId, code, null);
		long id = insertItem(hospitalId, versionId, sectionId, code, draft, position);
		touch(versionId);
		audit.record(hospitalId, ENTITY, templateId, AuditAction.UPDATE, summary(templateId) + ": item " + code + " added",
				null, itemState(id));
		return id;
	}

	@Transactional
	public void updateItem(UUID hospitalId, long itemId, ItemDraft draft) {
		requireManager();
		long versionId = itemVersion(hospitalId, itemId);
		long templateId = draftTemplate(hospitalId, versionId);
		checkItem(draft);
		var before = itemState(itemId);
		String code = draft.code() == null || draft.code().isBlank() ? (String) before.get("code") : draft.code().trim();
		requireFreeCode(versionId, code, itemId);
		jdbc.sql("""
				update checklist_item set code = :code, text = :text, guidance = :guidance, scoring = :scoring,
				    points = :points, critical = :critical, not_applicable_allowed = :na, core_system_check_id = :cs
				where id = :id""")
			.param("code", code).param("text", draft.text().trim()).param("guidance", blankToNull(draft.guidance()))
			.param("scoring", draft.scoring().name()).param("points", draft.points())
			.param("critical", draft.critical()).param("na", draft.notApplicableAllowed())
			.param("cs", blankToNull(draft.coreSystemCheckId())).param("id", itemId).update();
		touch(versionId);
		audit.record(hospitalId, ENTITY, templateId, AuditAction.UPDATE, summary(templateId) + ": item " + code + " changed",
				before, itemState(itemId));
	}

	@Transactional
	public void removeItem(UUID hospitalId, long itemId) {
		requireManager();
		long versionId = itemVersion(hospitalId, itemId);
		long templateId = draftTemplate(hospitalId, versionId);
		var before = itemState(itemId);
		long sectionId = ((Number) before.get("sectionId")).longValue();
		jdbc.sql("delete from checklist_item where id = :id").param("id", itemId).update();
		renumber("checklist_item", "section_id", sectionId);
		touch(versionId);
		audit.record(hospitalId, ENTITY, templateId, AuditAction.UPDATE,
				summary(templateId) + ": item " + before.get("code") + " removed", before, null);
	}

	@Transactional
	public void moveItem(UUID hospitalId, long itemId, int direction) {
		requireManager();
		long versionId = itemVersion(hospitalId, itemId);
		long templateId = draftTemplate(hospitalId, versionId);
		long sectionId = jdbc.sql("select section_id from checklist_item where id = :id").param("id", itemId)
			.query(Long.class).single();
		if (swap("checklist_item", "section_id", sectionId, itemId, direction)) {
			touch(versionId);
			audit.record(hospitalId, ENTITY, templateId, AuditAction.UPDATE, summary(templateId) + ": item moved", null,
					Map.of("itemId", itemId, "direction", direction < 0 ? "up" : "down"));
		}
	}

	// ----- checks ----------------------------------------------------------------------------------

	private String checkTemplate(TemplateDraft draft, boolean withCode) {
		var problems = new java.util.ArrayList<InvalidInputException.FieldProblem>();
		String code = draft.code() == null ? "" : draft.code().trim();
		if (withCode) {
			if (code.isEmpty()) {
				problems.add(new InvalidInputException.FieldProblem("code", "error.standards.validation.required"));
			}
			else if (!code.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,39}")) {
				problems.add(new InvalidInputException.FieldProblem("code", "error.standards.validation.code"));
			}
		}
		if (draft.name() == null || draft.name().isBlank()) {
			problems.add(new InvalidInputException.FieldProblem("name", "error.standards.validation.required"));
		}
		else if (draft.name().trim().length() > 200) {
			problems.add(new InvalidInputException.FieldProblem("name", "error.standards.validation.too-long", 200));
		}
		if (draft.description() != null && draft.description().length() > 2000) {
			problems.add(new InvalidInputException.FieldProblem("description", "error.standards.validation.too-long", 2000));
		}
		if (joinTypes(draft.auditTypes()).length() > 500) {
			problems.add(new InvalidInputException.FieldProblem("auditTypes", "error.standards.validation.too-long", 500));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return code;
	}

	private static String checkTitle(String title) {
		if (title == null || title.isBlank()) {
			throw new InvalidInputException("title", "error.standards.validation.required");
		}
		if (title.trim().length() > 200) {
			throw new InvalidInputException("title", "error.standards.validation.too-long", 200);
		}
		return title.trim();
	}

	private void checkItem(ItemDraft draft) {
		var problems = new java.util.ArrayList<InvalidInputException.FieldProblem>();
		if (draft.code() != null && !draft.code().isBlank() && !draft.code().trim().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,19}")) {
			problems.add(new InvalidInputException.FieldProblem("code", "error.standards.validation.item-code"));
		}
		if (draft.text() == null || draft.text().isBlank()) {
			problems.add(new InvalidInputException.FieldProblem("text", "error.standards.validation.required"));
		}
		else if (draft.text().trim().length() > 1000) {
			problems.add(new InvalidInputException.FieldProblem("text", "error.standards.validation.too-long", 1000));
		}
		if (draft.guidance() != null && draft.guidance().length() > 2000) {
			problems.add(new InvalidInputException.FieldProblem("guidance", "error.standards.validation.too-long", 2000));
		}
		if (draft.scoring() == null) {
			problems.add(new InvalidInputException.FieldProblem("scoring", "error.standards.validation.required"));
		}
		if (draft.points() == null) {
			problems.add(new InvalidInputException.FieldProblem("points", "error.standards.validation.required"));
		}
		else if (draft.points().signum() < 0 || draft.points().compareTo(MAX_POINTS) > 0
				|| draft.points().stripTrailingZeros().scale() > 2) {
			problems.add(new InvalidInputException.FieldProblem("points", "error.standards.validation.points"));
		}
		else if (draft.points().signum() == 0 && draft.scoring() != null) {
			problems.add(new InvalidInputException.FieldProblem("points", "error.standards.validation.points"));
		}
		if (draft.coreSystemCheckId() != null && !draft.coreSystemCheckId().isBlank()
				&& coreSystems.check(draft.coreSystemCheckId().trim()).isEmpty()) {
			problems.add(new InvalidInputException.FieldProblem("coreSystemCheckId", "error.standards.validation.core-check"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
	}

	private void requireFreeCode(long versionId, String code, Long itemId) {
		boolean taken = jdbc.sql("""
				select count(*) from checklist_item where version_id = :v and code = :c and (cast(:id as bigint) is null or id <> :id)""")
			.param("v", versionId).param("c", code).param("id", itemId).query(Integer.class).single() > 0;
		if (taken) {
			throw new InvalidInputException("code", "error.standards.validation.item-code-taken", code);
		}
	}

	// ----- helpers ---------------------------------------------------------------------------------

	private long template(UUID hospitalId, long templateId) {
		return jdbc.sql("select id from checklist_template where id = :id and hospital_id = :h")
			.param("id", templateId).param("h", hospitalId).query(Long.class).optional()
			.orElseThrow(NotFoundException::new);
	}

	private boolean retired(long templateId) {
		return jdbc.sql("select retired from checklist_template where id = :id").param("id", templateId)
			.query(Boolean.class).single();
	}

	/** The template of a version that must be a draft of the hospital (a published one is a 409). */
	private long draftTemplate(UUID hospitalId, long versionId) {
		record Row(long templateId, String status) {
		}
		Row row = jdbc.sql("select template_id, status from checklist_template_version where id = :id and hospital_id = :h")
			.param("id", versionId).param("h", hospitalId)
			.query((rs, n) -> new Row(rs.getLong(1), rs.getString(2))).optional()
			.orElseThrow(NotFoundException::new);
		if (!"DRAFT".equals(row.status())) {
			throw new RuleViolationException("standards.template.published");
		}
		return row.templateId();
	}

	private Long draftOf(long templateId) {
		return jdbc.sql("select id from checklist_template_version where template_id = :t and status = 'DRAFT'")
			.param("t", templateId).query(Long.class).optional().orElse(null);
	}

	private long sectionVersion(UUID hospitalId, long sectionId) {
		return jdbc.sql("select version_id from checklist_section where id = :id and hospital_id = :h")
			.param("id", sectionId).param("h", hospitalId).query(Long.class).optional()
			.orElseThrow(NotFoundException::new);
	}

	private long itemVersion(UUID hospitalId, long itemId) {
		return jdbc.sql("select version_id from checklist_item where id = :id and hospital_id = :h")
			.param("id", itemId).param("h", hospitalId).query(Long.class).optional()
			.orElseThrow(NotFoundException::new);
	}

	private long insertVersion(UUID hospitalId, long templateId, int number, String by, Instant at) {
		return jdbc.sql("""
				insert into checklist_template_version (template_id, hospital_id, version_number, status, version,
				    created_by, created_at, changed_by, changed_at)
				values (:t, :h, :n, 'DRAFT', 0, :by, :at, :by, :at) returning id""")
			.param("t", templateId).param("h", hospitalId).param("n", number).param("by", by)
			.param("at", Timestamp.from(at)).query(Long.class).single();
	}

	private long insertSection(UUID hospitalId, long versionId, String title, int position) {
		return jdbc.sql("""
				insert into checklist_section (version_id, hospital_id, title, position) values (:v, :h, :t, :p) returning id""")
			.param("v", versionId).param("h", hospitalId).param("t", title).param("p", position)
			.query(Long.class).single();
	}

	private long insertItem(UUID hospitalId, long versionId, long sectionId, String code, ItemDraft d, int position) {
		return jdbc.sql("""
				insert into checklist_item (section_id, version_id, hospital_id, code, text, guidance, scoring, points,
				    critical, not_applicable_allowed, core_system_check_id, position)
				values (:s, :v, :h, :code, :text, :guidance, :scoring, :points, :critical, :na, :cs, :p) returning id""")
			.param("s", sectionId).param("v", versionId).param("h", hospitalId).param("code", code)
			.param("text", d.text().trim()).param("guidance", blankToNull(d.guidance()))
			.param("scoring", d.scoring().name()).param("points", d.points()).param("critical", d.critical())
			.param("na", d.notApplicableAllowed()).param("cs", blankToNull(d.coreSystemCheckId())).param("p", position)
			.query(Long.class).single();
	}

	/** A code "section.item" that is not yet taken in the version. */
	private String nextCode(long versionId, long sectionId, int position) {
		int section = jdbc.sql("select position from checklist_section where id = :id").param("id", sectionId)
			.query(Integer.class).single();
		for (int n = position;; n++) {
			String code = section + "." + n;
			boolean taken = jdbc.sql("select count(*) from checklist_item where version_id = :v and code = :c")
				.param("v", versionId).param("c", code).query(Integer.class).single() > 0;
			if (!taken) {
				return code;
			}
		}
	}

	private boolean swap(String table, String parentColumn, long parentId, long id, int direction) {
		List<Long> ids = jdbc.sql("select id from " + table + " where " + parentColumn + " = :p order by position, id")
			.param("p", parentId).query(Long.class).list();
		int index = ids.indexOf(id);
		int other = index + (direction < 0 ? -1 : 1);
		if (index < 0 || other < 0 || other >= ids.size()) {
			return false;
		}
		java.util.Collections.swap(ids, index, other);
		for (int i = 0; i < ids.size(); i++) {
			jdbc.sql("update " + table + " set position = :p where id = :id").param("p", i + 1).param("id", ids.get(i))
				.update();
		}
		return true;
	}

	private void renumber(String table, String parentColumn, long parentId) {
		List<Long> ids = jdbc.sql("select id from " + table + " where " + parentColumn + " = :p order by position, id")
			.param("p", parentId).query(Long.class).list();
		for (int i = 0; i < ids.size(); i++) {
			jdbc.sql("update " + table + " set position = :p where id = :id").param("p", i + 1).param("id", ids.get(i))
				.update();
		}
	}

	private void touch(long versionId) {
		jdbc.sql("""
				update checklist_template_version set version = version + 1, changed_by = :by, changed_at = :at
				where id = :id""")
			.param("by", CurrentUser.name()).param("at", Timestamp.from(now())).param("id", versionId).update();
	}

	private String summary(long templateId) {
		return jdbc.sql("select code || ' ' || name from checklist_template where id = :id").param("id", templateId)
			.query(String.class).single();
	}

	private Map<String, Object> templateState(long templateId) {
		return jdbc.sql("select code, name, description, audit_types, retired from checklist_template where id = :id")
			.param("id", templateId)
			.query((rs, n) -> {
				Map<String, Object> state = new LinkedHashMap<>();
				state.put("code", rs.getString("code"));
				state.put("name", rs.getString("name"));
				state.put("description", rs.getString("description"));
				state.put("auditTypes", rs.getString("audit_types"));
				state.put("retired", rs.getBoolean("retired"));
				return state;
			})
			.single();
	}

	private Map<String, Object> itemState(long itemId) {
		return jdbc.sql("""
				select section_id, version_id, code, text, guidance, scoring, points, critical, not_applicable_allowed,
				       core_system_check_id from checklist_item where id = :id""")
			.param("id", itemId)
			.query((rs, n) -> {
				Map<String, Object> state = new LinkedHashMap<>();
				state.put("itemId", itemId);
				state.put("sectionId", rs.getLong("section_id"));
				state.put("versionId", rs.getLong("version_id"));
				state.put("code", rs.getString("code"));
				state.put("text", rs.getString("text"));
				state.put("guidance", rs.getString("guidance"));
				state.put("scoring", rs.getString("scoring"));
				state.put("points", rs.getBigDecimal("points").toPlainString());
				state.put("critical", rs.getBoolean("critical"));
				state.put("notApplicableAllowed", rs.getBoolean("not_applicable_allowed"));
				state.put("coreSystemCheckId", rs.getString("core_system_check_id"));
				return state;
			})
			.single();
	}

	/** Audit types are stored one per line; the list keeps the user's order, without blanks or repeats. */
	static String joinTypes(List<String> types) {
		if (types == null) {
			return "";
		}
		return types.stream().filter(t -> t != null && !t.isBlank()).map(String::trim).distinct()
			.collect(Collectors.joining("\n"));
	}

	static List<String> splitTypes(String stored) {
		return stored == null || stored.isBlank() ? List.of()
				: Arrays.stream(stored.split("\n")).filter(s -> !s.isBlank()).toList();
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

	private Instant now() {
		return clock.instant();
	}
}
