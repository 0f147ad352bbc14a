package org.careqms.standards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.careqms.notification.Notifications;
import org.careqms.organization.OrganizationDirectory;
import org.careqms.standards.DocumentManagement.DocumentDraft;
import org.careqms.standards.DocumentManagement.VersionText;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.support.TransactionTemplate;

/** A new version of a regulation or SOP in force: its staff are told to read it, and reminded once. */
@CareQmsTest
class DocumentNoticeTests {

	@Autowired
	DocumentManagement management;

	@Autowired
	DocumentQueries queries;

	@Autowired
	DocumentNotices notices;

	@Autowired
	Notifications notifications;

	@Autowired
	OrganizationDirectory organization;

	@Autowired
	UserDetailsService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Clock clock;

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

	UUID user(String username) {
		return jdbc.sql("select id from app_user where username = :u").param("u", username).query(UUID.class).single();
	}

	UUID department(String code) {
		return organization.departments(hospital).stream().filter(d -> d.code().equals(code)).findFirst().orElseThrow()
			.id();
	}

	/** The notifications of one kind a user has about a document version. */
	long notified(String username, String kind, UUID versionId) {
		return jdbc.sql("select count(*) from notification where user_id = :u and kind = :k and dedupe_key like :key")
			.param("u", user(username)).param("k", kind).param("key", "document-version:" + versionId + ":%")
			.query(Long.class).single();
	}

	UUID publish(UUID documentId, String text) {
		UUID draft = queries.versions(documentId).get(0).id();
		management.saveDraft(hospital, draft, new VersionText(text, null, LocalDate.now()));
		management.publish(hospital, draft);
		return draft;
	}

	@Test
	void theOwningDepartmentAndItsWardsAreToldOfEachNewVersionOnce() {
		UUID id = management.create(hospital, new DocumentDraft("DOC-N" + System.nanoTime() % 100000, "心内科交接班制度",
				DocumentType.SOP, department("0301"), List.of("CS10")));
		UUID v1 = publish(id, "第一版");
		// the department, its ward (under it), not orthopaedics, not the external auditor
		assertThat(notified("head.cardio", DocumentNotices.PUBLISHED, v1)).isEqualTo(1);
		assertThat(notified("qc.cardio", DocumentNotices.PUBLISHED, v1)).isEqualTo(1);
		assertThat(notified("nurse.cardio", DocumentNotices.PUBLISHED, v1)).isEqualTo(1);
		assertThat(notified("qc.ortho", DocumentNotices.PUBLISHED, v1)).isZero();
		assertThat(notified("auditor", DocumentNotices.PUBLISHED, v1)).isZero();
		var message = notifications.inbox(user("qc.cardio"), 50).stream()
			.filter(n -> n.kind().equals(DocumentNotices.PUBLISHED) && n.link().equals("/standards/documents/" + id))
			.findFirst().orElseThrow();
		assertThat(message.messageKey()).isEqualTo("standards.notification.published");
		assertThat(message.arguments()).containsExactly(jdbc.sql("select code from std_document where id = :id")
			.param("id", id).query(String.class).single(), "心内科交接班制度", "1");
		// sending again for the same version adds nothing (dedupe key per version)
		int again = transactions.execute(s -> notices.published(v1));
		assertThat(again).isZero();
		// the next version is news again
		as("quality");
		UUID v2 = management.newVersion(hospital, id);
		management.publish(hospital, v2);
		assertThat(notified("qc.cardio", DocumentNotices.PUBLISHED, v2)).isEqualTo(1);
	}

	@Test
	void aHospitalWideRuleGoesToEveryone() {
		UUID id = management.create(hospital, new DocumentDraft("DOC-H" + System.nanoTime() % 100000, "全院消防制度",
				DocumentType.RULE, null, List.of()));
		UUID v1 = publish(id, "全院适用");
		assertThat(notified("qc.ortho", DocumentNotices.PUBLISHED, v1)).isEqualTo(1);
		assertThat(notified("nurse.cardio", DocumentNotices.PUBLISHED, v1)).isEqualTo(1);
		assertThat(notified("auditor", DocumentNotices.PUBLISHED, v1)).isZero();
	}

	@Test
	void thoseWhoHaveNotAcknowledgedAreRemindedOnceAfterTheConfiguredDays() {
		UUID id = management.create(hospital, new DocumentDraft("DOC-R" + System.nanoTime() % 100000, "心内科危急值制度",
				DocumentType.SOP, department("0301"), List.of()));
		UUID v1 = publish(id, "请阅读");
		as("qc.cardio");
		management.acknowledge(v1);
		as("quality");
		assertThat(notices.reminderDays()).as("the default").isEqualTo(7);

		// not yet due: six days later nobody is reminded of it
		var sixDaysLater = new DocumentNotices(notifications, jdbc, Clock.offset(clock, Duration.ofDays(6)), 7);
		transactions.executeWithoutResult(s -> sixDaysLater.remindNightly());
		assertThat(notified("head.cardio", DocumentNotices.REMINDER, v1)).isZero();

		// eight days later: those who have not acknowledged are reminded, the QC officer who has is not
		var eightDaysLater = new DocumentNotices(notifications, jdbc, Clock.offset(clock, Duration.ofDays(8)), 7);
		transactions.executeWithoutResult(s -> eightDaysLater.remindNightly());
		assertThat(notified("head.cardio", DocumentNotices.REMINDER, v1)).isEqualTo(1);
		assertThat(notified("nurse.cardio", DocumentNotices.REMINDER, v1)).isEqualTo(1);
		assertThat(notified("qc.cardio", DocumentNotices.REMINDER, v1)).isZero();
		assertThat(notified("qc.ortho", DocumentNotices.REMINDER, v1)).isZero();
		assertThat(jdbc.sql("select recipients from std_acknowledgement_reminder where document_version_id = :v")
			.param("v", v1).query(Integer.class).single()).isEqualTo(2 + countOtherCardiologyStaff(v1));

		// the next night (and every night after) nothing more about this version, even for whoever has not read it
		var nineDaysLater = new DocumentNotices(notifications, jdbc, Clock.offset(clock, Duration.ofDays(9)), 7);
		transactions.executeWithoutResult(s -> nineDaysLater.remindNightly());
		assertThat(notified("head.cardio", DocumentNotices.REMINDER, v1)).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from std_acknowledgement_reminder where document_version_id = :v")
			.param("v", v1).query(Integer.class).single()).isEqualTo(1);
	}

	/** Users other tests may have added to cardiology or its ward who have not acknowledged the version. */
	private int countOtherCardiologyStaff(UUID versionId) {
		return jdbc.sql("""
				select count(distinct u.id) from app_user u join app_user_department ud on ud.user_id = u.id
				join department d on d.id = ud.department_id
				where d.code in ('0301', '0301W') and d.hospital_id = :h and u.enabled and not u.retired
				  and u.username not in ('head.cardio', 'qc.cardio', 'nurse.cardio')
				  and (u.access_expires_at is null or u.access_expires_at > now())
				  and exists (select 1 from app_user_role r where r.user_id = u.id and r.role <> 'AUDITOR')""")
			.param("h", hospital).query(Integer.class).single();
	}
}
