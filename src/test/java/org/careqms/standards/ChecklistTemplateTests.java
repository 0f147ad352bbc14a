package org.careqms.standards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.careqms.organization.OrganizationDirectory;
import org.careqms.platform.RuleViolationException;
import org.careqms.standards.ChecklistTemplateManagement.ItemDraft;
import org.careqms.standards.ChecklistTemplateManagement.TemplateDraft;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;

/** Checklist templates: the demo templates, drafts, publishing, immutability (also in SQL) and new versions. */
@CareQmsTest
class ChecklistTemplateTests {

	static final AtomicInteger SEQUENCE = new AtomicInteger();

	@Autowired
	ChecklistTemplates templates;

	@Autowired
	ChecklistTemplateManagement management;

	@Autowired
	OrganizationDirectory organization;

	@Autowired
	UserDetailsService users;

	@Autowired
	JdbcClient jdbc;

	UUID hospital;

	@BeforeEach
	void signIn() {
		hospital = organization.hospitalIdByCode("H0001").orElseThrow();
		as("quality");
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	void as(String username) {
		UserDetails user = users.loadUserByUsername(username);
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
	}

	static String uniqueCode() {
		return "CL-T" + System.nanoTime() % 100000 + "-" + SEQUENCE.incrementAndGet();
	}

	static ItemDraft item(String code, ScoringMethod scoring, String points, boolean critical) {
		return new ItemDraft(code, "条目 " + code, "看记录", scoring, new BigDecimal(points), critical, true, "CS02-K4");
	}

	/** A published version 1 with two sections and three items; returns the template id. */
	long publishedTemplate() {
		long id = management.create(hospital, new TemplateDraft(uniqueCode(), "测试检查表", "说明", List.of("专项检查")));
		long version = templates.version(hospital, draftId(id)).orElseThrow().versionId();
		long first = management.addSection(hospital, version, "第一部分");
		management.addItem(hospital, first, item(null, ScoringMethod.POINTS, "5", false));
		management.addItem(hospital, first, item(null, ScoringMethod.PASS_FAIL, "10", true));
		long second = management.addSection(hospital, version, "第二部分");
		management.addItem(hospital, second, item("X-1", ScoringMethod.DEDUCTION, "4.5", false));
		management.publish(hospital, version);
		return id;
	}

	long draftId(long templateId) {
		return jdbc.sql("select id from checklist_template_version where template_id = :t and status = 'DRAFT'")
			.param("t", templateId).query(Long.class).single();
	}

	@Test
	void theDemoHospitalHasPublishedCoreSystemAndWardNursingChecklists() {
		var published = templates.published(hospital);
		assertThat(published).extracting(ChecklistTemplateSummary::code)
			.contains(StandardsDemoData.CORE_TEMPLATE, StandardsDemoData.WARD_TEMPLATE);
		var core = published.stream().filter(s -> s.code().equals(StandardsDemoData.CORE_TEMPLATE)).findFirst().orElseThrow();
		assertThat(core.name()).isEqualTo("核心制度落实检查表");
		ChecklistTemplateVersion version = templates.version(hospital, core.versionId()).orElseThrow();
		assertThat(version.published()).isTrue();
		assertThat(version.sections()).hasSizeGreaterThanOrEqualTo(4);
		assertThat(version.items().filter(ChecklistItem::critical).count()).isGreaterThanOrEqualTo(2);
		assertThat(version.items().map(ChecklistItem::coreSystemCheckId)).contains("CS03-K2", "CS11-K2", "CS02-K4");
		assertThat(version.totalPoints()).isEqualByComparingTo(
				version.items().map(ChecklistItem::points).reduce(BigDecimal.ZERO, BigDecimal::add));
		var ward = templates.latestPublished(hospital, published.stream()
			.filter(s -> s.code().equals(StandardsDemoData.WARD_TEMPLATE)).findFirst().orElseThrow().templateId())
			.orElseThrow();
		assertThat(ward.sections()).extracting(ChecklistSection::title).contains("跌倒/坠床预防", "压力性损伤预防", "手卫生",
				"药品储存与安全");
	}

	@Test
	void itemsGetCodesAndPositionsInOrder() {
		long id = publishedTemplate();
		ChecklistTemplateVersion v = templates.latestPublished(hospital, id).orElseThrow();
		assertThat(v.items().map(ChecklistItem::code)).containsExactly("1.1", "1.2", "X-1");
		assertThat(v.sections().get(0).items()).extracting(ChecklistItem::position).containsExactly(1, 2);
		assertThat(v.totalPoints()).isEqualByComparingTo("19.5");
		assertThat(v.versionNumber()).isEqualTo(1);
	}

	@Test
	void aPublishedVersionCannotBeChangedThroughTheApplication() {
		long id = publishedTemplate();
		ChecklistTemplateVersion v = templates.latestPublished(hospital, id).orElseThrow();
		long section = v.sections().get(0).id();
		long item = v.sections().get(0).items().get(0).id();
		assertThatThrownBy(() -> management.addSection(hospital, v.versionId(), "新增"))
			.isInstanceOfSatisfying(RuleViolationException.class,
					e -> assertThat(e.code()).isEqualTo("standards.template.published"));
		assertThatThrownBy(() -> management.updateItem(hospital, item, item("1.1", ScoringMethod.POINTS, "1", false)))
			.isInstanceOf(RuleViolationException.class);
		assertThatThrownBy(() -> management.removeItem(hospital, item)).isInstanceOf(RuleViolationException.class);
		assertThatThrownBy(() -> management.moveSection(hospital, section, 1)).isInstanceOf(RuleViolationException.class);
		assertThatThrownBy(() -> management.publish(hospital, v.versionId())).isInstanceOf(RuleViolationException.class);
	}

	@Test
	void theDatabaseRefusesAnyChangeToAPublishedVersion() {
		long id = publishedTemplate();
		ChecklistTemplateVersion v = templates.latestPublished(hospital, id).orElseThrow();
		long item = v.sections().get(0).items().get(0).id();
		long section = v.sections().get(0).id();
		assertThatThrownBy(() -> jdbc.sql("update checklist_item set points = 1 where id = :id").param("id", item).update())
			.isInstanceOf(DataAccessException.class).hasMessageContaining("published");
		assertThatThrownBy(() -> jdbc.sql("delete from checklist_item where id = :id").param("id", item).update())
			.isInstanceOf(DataAccessException.class);
		assertThatThrownBy(() -> jdbc.sql("update checklist_section set title = 'x' where id = :id").param("id", section)
			.update()).isInstanceOf(DataAccessException.class);
		assertThatThrownBy(() -> jdbc.sql("""
				insert into checklist_item (section_id, version_id, hospital_id, code, text, scoring, points, critical,
				    not_applicable_allowed, position)
				values (:s, :v, :h, 'NEW', 'x', 'POINTS', 1, false, false, 9)""")
			.param("s", section).param("v", v.versionId()).param("h", hospital).update())
			.isInstanceOf(DataAccessException.class);
		assertThatThrownBy(() -> jdbc.sql("update checklist_template_version set status = 'DRAFT' where id = :id")
			.param("id", v.versionId()).update()).isInstanceOf(DataAccessException.class);
		assertThatThrownBy(() -> jdbc.sql("delete from checklist_template_version where id = :id")
			.param("id", v.versionId()).update()).isInstanceOf(DataAccessException.class);
		assertThat(templates.version(hospital, v.versionId()).orElseThrow()).isEqualTo(v);
	}

	@Test
	void aNewVersionCopiesTheLatestAndLeavesTheOldOneAsItWas() {
		long id = publishedTemplate();
		ChecklistTemplateVersion v1 = templates.latestPublished(hospital, id).orElseThrow();
		long draft = management.newVersion(hospital, id);
		ChecklistTemplateVersion copy = templates.version(hospital, draft).orElseThrow();
		assertThat(copy.versionNumber()).isEqualTo(2);
		assertThat(copy.published()).isFalse();
		assertThat(copy.items().map(ChecklistItem::code)).containsExactlyElementsOf(v1.items().map(ChecklistItem::code).toList());
		assertThat(copy.items().map(ChecklistItem::id)).doesNotContainAnyElementsOf(v1.items().map(ChecklistItem::id).toList());
		assertThat(copy.totalPoints()).isEqualByComparingTo(v1.totalPoints());
		assertThatThrownBy(() -> management.newVersion(hospital, id)).isInstanceOfSatisfying(RuleViolationException.class,
				e -> assertThat(e.code()).isEqualTo("standards.template.draft-exists"));

		// the draft changes: an item is worth more, one is removed, the sections swap places
		ChecklistItem first = copy.sections().get(0).items().get(0);
		management.updateItem(hospital, first.id(), item(first.code(), ScoringMethod.POINTS, "8", true));
		management.removeItem(hospital, copy.sections().get(0).items().get(1).id());
		management.moveSection(hospital, copy.sections().get(1).id(), -1);
		assertThat(templates.latestPublished(hospital, id).orElseThrow().versionId()).isEqualTo(v1.versionId());
		management.publish(hospital, draft);

		ChecklistTemplateVersion v2 = templates.latestPublished(hospital, id).orElseThrow();
		assertThat(v2.versionId()).isEqualTo(draft);
		assertThat(v2.sections()).extracting(ChecklistSection::title).containsExactly("第二部分", "第一部分");
		assertThat(v2.totalPoints()).isEqualByComparingTo("12.5");
		assertThat(templates.published(hospital)).filteredOn(s -> s.templateId() == id)
			.singleElement().satisfies(s -> assertThat(s.versionNumber()).isEqualTo(2));
		// an inspection scored against version 1 still reads version 1 unchanged, and scores the same
		assertThat(templates.version(hospital, v1.versionId()).orElseThrow()).isEqualTo(v1);
		var answers = v1.items().map(i -> new ItemAnswer(i.id(), false, i.points())).toList();
		assertThat(ChecklistScoring.score(templates.version(hospital, v1.versionId()).orElseThrow(), answers).possible())
			.isEqualByComparingTo("19.5");
	}

	@Test
	void aRetiredTemplateIsNotOfferedButItsVersionsStayReadable() {
		long id = publishedTemplate();
		long versionId = templates.latestPublished(hospital, id).orElseThrow().versionId();
		management.retire(hospital, id, true);
		assertThat(templates.published(hospital)).noneMatch(s -> s.templateId() == id);
		assertThat(templates.version(hospital, versionId)).isPresent();
		assertThatThrownBy(() -> management.newVersion(hospital, id)).isInstanceOf(RuleViolationException.class);
		management.retire(hospital, id, false);
		assertThat(templates.published(hospital)).anyMatch(s -> s.templateId() == id);
	}

	@Test
	void publishingNeedsItemsInEverySection() {
		long id = management.create(hospital, new TemplateDraft(uniqueCode(), "空表", null, List.of()));
		long draft = draftId(id);
		assertThatThrownBy(() -> management.publish(hospital, draft)).isInstanceOfSatisfying(RuleViolationException.class,
				e -> assertThat(e.code()).isEqualTo("standards.template.empty"));
		long section = management.addSection(hospital, draft, "有条目");
		management.addItem(hospital, section, item(null, ScoringMethod.POINTS, "1", false));
		management.addSection(hospital, draft, "空分组");
		assertThatThrownBy(() -> management.publish(hospital, draft)).isInstanceOfSatisfying(RuleViolationException.class,
				e -> assertThat(e.code()).isEqualTo("standards.template.empty-section"));
	}

	@Test
	void onlyTheQualityOfficeAndAdministratorsWriteTemplates() {
		as("qc.cardio");
		assertThatThrownBy(() -> management.create(hospital, new TemplateDraft(uniqueCode(), "x", null, List.of())))
			.isInstanceOf(AccessDeniedException.class);
		as("admin");
		assertThat(management.create(hospital, new TemplateDraft(uniqueCode(), "管理员建的表", null, List.of()))).isPositive();
	}

	@Test
	void anotherHospitalCannotReadTheTemplates() {
		long id = publishedTemplate();
		long versionId = templates.latestPublished(hospital, id).orElseThrow().versionId();
		UUID elsewhere = UUID.randomUUID();
		assertThat(templates.version(elsewhere, versionId)).isEmpty();
		assertThat(templates.latestPublished(elsewhere, id)).isEmpty();
		assertThat(templates.published(elsewhere)).isEmpty();
	}

	@Test
	void everyChangeIsInTheAuditTrail() {
		long id = publishedTemplate();
		int entries = jdbc.sql("select count(*) from audit_entry where entity_type = 'ChecklistTemplate' and entity_id = :id")
			.param("id", String.valueOf(id)).query(Integer.class).single();
		// created, two sections, three items, published
		assertThat(entries).isEqualTo(7);
	}
}
