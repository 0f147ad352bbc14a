package org.careqms.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.OffsetDateTime;

import org.careqms.support.Api;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A token's "last used" time is written at most once a minute (writing it on every request made all
 * requests with one token wait for each other). A token's check is reused for a few seconds
 * ({@code careqms.security.api-token-cache-ttl}), yet revoking it, or locking, disabling or changing its
 * user through CareQMS, takes effect at once; a change made directly in the database within that time.
 */
@CareQmsTest
class ApiTokenUseTests {

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserDetailsService users;

	@Autowired
	UserRepository userRepository;

	@Autowired
	OrganizationChanges changes;

	@Autowired
	UserManagement userManagement;

	@org.springframework.beans.factory.annotation.Value("${careqms.security.api-token-cache-ttl:5s}")
	java.time.Duration ttl;

	private OffsetDateTime lastUsed(String token) {
		return jdbc.sql("select last_used_at from api_token where token_hash = encode(sha256(convert_to(:t, 'UTF8')), 'hex')")
			.param("t", token).query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).list().get(0);
	}

	@Test
	void theLastUseIsWrittenAtMostOnceAMinuteAndARevokedTokenStopsAtOnce() throws Exception {
		String token = (String) mvc.perform(post("/account/tokens").param("name", "负载脚本")
			.with(user(users.loadUserByUsername("qc.ortho"))).with(csrf())).andReturn().getFlashMap().get("issuedToken");
		var api = new Api(port);
		assertThat(lastUsed(token)).isNull();
		assertThat(api.get("/api/v1/me", Api.bearer(token)).status()).isEqualTo(200);
		OffsetDateTime first = lastUsed(token);
		assertThat(first).isNotNull();
		assertThat(api.get("/api/v1/me", Api.bearer(token)).status()).isEqualTo(200);
		assertThat(lastUsed(token)).isEqualTo(first);

		jdbc.sql("update api_token set last_used_at = last_used_at - interval '2 minutes'"
				+ " where token_hash = encode(sha256(convert_to(:t, 'UTF8')), 'hex')").param("t", token).update();
		changes.changed(); // the cached check is read again: it now sees a use older than a minute
		assertThat(api.get("/api/v1/me", Api.bearer(token)).status()).isEqualTo(200);
		assertThat(lastUsed(token)).isAfter(first.minusMinutes(1));

		jdbc.sql("update api_token set revoked_at = now() where token_hash = encode(sha256(convert_to(:t, 'UTF8')), 'hex')")
			.param("t", token).update();
		changes.changed();
		assertThat(api.get("/api/v1/me", Api.bearer(token)).status()).isEqualTo(401);
	}

	private static UserManagement.UserChange change(UserAccount account, boolean enabled) {
		return new UserManagement.UserChange(account.getDisplayName(), account.getEmail(), account.getStaffId(),
				account.getAccessExpiresAt(), account.roleSet(), account.departmentIds(), enabled, account.getVersion());
	}

	private String issue(String username) throws Exception {
		return (String) mvc.perform(post("/account/tokens").param("name", "负载脚本")
			.with(user(users.loadUserByUsername(username))).with(csrf())).andReturn().getFlashMap().get("issuedToken");
	}

	private java.util.UUID tokenId(String token) {
		return jdbc.sql("select id from api_token where token_hash = encode(sha256(convert_to(:t, 'UTF8')), 'hex')")
			.param("t", token).query(java.util.UUID.class).single();
	}

	@Test
	void aTokenRevokedOnTheAccountPageStopsAtOnceThoughItsCheckIsCached() throws Exception {
		String token = issue("qc.ortho");
		var api = new Api(port);
		for (int i = 0; i < 3; i++) {
			assertThat(api.get("/api/v1/me", Api.bearer(token)).status()).isEqualTo(200);
		}
		mvc.perform(post("/account/tokens/{id}/revoke", tokenId(token))
			.with(user(users.loadUserByUsername("qc.ortho"))).with(csrf()))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().is3xxRedirection());
		assertThat(api.get("/api/v1/me", Api.bearer(token)).status()).isEqualTo(401);
	}

	@Test
	void aUserDisabledByAnAdministratorIsRefusedAtOnceAndAnExpiredTokenAtItsTime() throws Exception {
		String token = issue("nurse.cardio");
		var api = new Api(port);
		assertThat(api.get("/api/v1/me", Api.bearer(token)).status()).isEqualTo(200);
		// an administrator disables the account: the cached check ends at once
		UserAccount account = userRepository.findByUsernameIgnoringCase("nurse.cardio").orElseThrow();
		userManagement.update(account.getHospitalId(), account.getId(), change(account, false));
		try {
			assertThat(api.get("/api/v1/me", Api.bearer(token)).status()).isEqualTo(401);
		}
		finally {
			account = userRepository.findById(account.getId()).orElseThrow();
			userManagement.update(account.getHospitalId(), account.getId(), change(account, true));
		}
		assertThat(api.get("/api/v1/me", Api.bearer(token)).status()).isEqualTo(200);
		// the token's own expiry is compared with the clock on every request, cached or not
		jdbc.sql("update api_token set expires_at = now() + interval '1 second' where id = :id")
			.param("id", tokenId(token)).update();
		changes.changed();
		assertThat(api.get("/api/v1/me", Api.bearer(token)).status()).isEqualTo(200);
		Thread.sleep(1_200);
		assertThat(api.get("/api/v1/me", Api.bearer(token)).status()).isEqualTo(401);
	}

	@Test
	void aTokenRevokedDirectlyInTheDatabaseStopsWithinTheCacheTime() throws Exception {
		String token = issue("qc.ortho");
		var api = new Api(port);
		assertThat(api.get("/api/v1/me", Api.bearer(token)).status()).isEqualTo(200);
		jdbc.sql("update api_token set revoked_at = now() where id = :id").param("id", tokenId(token)).update();
		long revoked = System.nanoTime();
		while (api.get("/api/v1/me", Api.bearer(token)).status() == 200) {
			assertThat(java.time.Duration.ofNanos(System.nanoTime() - revoked))
				.isLessThan(ttl.plusSeconds(1));
			Thread.sleep(100);
		}
		assertThat(api.get("/api/v1/me", Api.bearer(token)).status()).isEqualTo(401);
	}

	@Test
	void anApiCallWithATokenCreatesNoSession() throws Exception {
		String token = issue("nurse.cardio");
		var http = java.net.http.HttpClient.newHttpClient();
		String body = "{\"occurredAt\":\"2026-01-05T08:00:00\",\"departmentCode\":\"0301W\",\"category\":\"CAT-FALL\","
				+ "\"description\":\"患者如厕时跌倒\",\"patientInvolved\":true,\"anonymous\":false,"
				+ "\"details\":{\"injury\":\"NONE\",\"riskAssessed\":\"YES\"}}";
		var post = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/v1/incidents"))
			.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
				java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(post.statusCode()).as(post.body()).isEqualTo(201);
		var get = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/v1/me"))
			.header("Authorization", "Bearer " + token).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(get.statusCode()).isEqualTo(200);
		for (var answer : java.util.List.of(post, get)) {
			assertThat(answer.headers().allValues("Set-Cookie")).isEmpty();
		}
	}
}
