package org.careqms.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.careqms.platform.Role;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who answers for a department (the quality office for every new report, say) is reused for a few
 * seconds ({@code careqms.organization.recipients-cache-ttl}; off in the other tests), yet any user or
 * department saved through CareQMS ends it at once, a listed user's access expiry is honoured while
 * cached, and an answer read in a transaction that changed the organization is never kept.
 */
@CareQmsTest
class RecipientsCacheTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OrganizationChanges changes;

	@Autowired
	UserRepository users;

	@Autowired
	TransactionTemplate transactions;

	private OrganizationDirectory cached() {
		return new OrganizationDirectory(jdbc, changes, Duration.ofSeconds(30));
	}

	private UUID hospital() {
		return jdbc.sql("select hospital_id from app_user where username = 'quality'").query(UUID.class).single();
	}

	private UUID qualityManager(UUID hospital, OffsetDateTime accessExpiresAt) {
		UUID id = UUID.randomUUID();
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		jdbc.sql("""
				insert into app_user (id, hospital_id, username, password_hash, display_name, enabled,
				    access_expires_at, password_changed_at, version, created_by, created_at, changed_by, changed_at)
				values (:id, :hospital, :username, 'x', 'Tester', true, :expires, :now, 0, 'test', :now, 'test', :now)""")
			.param("id", id).param("hospital", hospital).param("username", "rc-" + id.toString().substring(0, 8))
			.param("expires", accessExpiresAt).param("now", now)
			.update();
		jdbc.sql("insert into app_user_role (user_id, role) values (:id, 'QUALITY_MANAGER')").param("id", id).update();
		return id;
	}

	private static List<UUID> office(OrganizationDirectory directory, UUID hospital) {
		return directory.responsibleUsers(hospital, null, EnumSet.noneOf(Role.class), EnumSet.of(Role.QUALITY_MANAGER));
	}

	@Test
	void anAnswerIsReusedUntilAUserIsSavedThroughCareQms() {
		var directory = cached();
		UUID hospital = hospital();
		List<UUID> before = office(directory, hospital);
		assertThat(before).isNotEmpty();

		UUID added = qualityManager(hospital, null);
		assertThat(office(directory, hospital)).as("reused: the role was granted directly in the database")
			.isEqualTo(before);

		UUID someone = jdbc.sql("select id from app_user where username = 'auditor'").query(UUID.class).single();
		users.save(users.findById(someone).orElseThrow());
		assertThat(office(directory, hospital)).contains(added).containsAll(before);

		jdbc.sql("update app_user set enabled = false where id = :id").param("id", added).update();
		changes.changed();
		assertThat(office(directory, hospital)).doesNotContain(added);
	}

	@Test
	void aListedUsersAccessExpiryIsHonouredWhileCached() throws Exception {
		var directory = cached();
		UUID hospital = hospital();
		UUID expiring = qualityManager(hospital, OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(2));
		changes.changed();
		assertThat(office(directory, hospital)).contains(expiring);
		Thread.sleep(2_500);
		assertThat(office(directory, hospital)).doesNotContain(expiring);
	}

	@Test
	void anAnswerReadInATransactionThatChangedTheOrganizationIsNotKept() {
		var directory = cached();
		UUID hospital = hospital();
		UUID[] added = new UUID[1];
		transactions.executeWithoutResult(status -> {
			added[0] = qualityManager(hospital, null);
			UUID someone = jdbc.sql("select id from app_user where username = 'auditor'").query(UUID.class).single();
			users.save(users.findById(someone).orElseThrow());
			assertThat(office(directory, hospital)).contains(added[0]);
			// meanwhile another request must not be answered from what this transaction saw
			assertThat(java.util.concurrent.CompletableFuture.supplyAsync(() -> office(directory, hospital)).join())
				.doesNotContain(added[0]);
			status.setRollbackOnly();
		});
		assertThat(office(directory, hospital)).doesNotContain(added[0]);
	}
}
