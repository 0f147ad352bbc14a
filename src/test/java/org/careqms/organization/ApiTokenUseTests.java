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
 * requests with one token wait for each other), while revocation still takes effect at once.
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
		assertThat(api.get("/api/v1/me", Api.bearer(token)).status()).isEqualTo(200);
		assertThat(lastUsed(token)).isAfter(first.minusMinutes(1));

		jdbc.sql("update api_token set revoked_at = now() where token_hash = encode(sha256(convert_to(:t, 'UTF8')), 'hex')")
			.param("t", token).update();
		assertThat(api.get("/api/v1/me", Api.bearer(token)).status()).isEqualTo(401);
	}
}
