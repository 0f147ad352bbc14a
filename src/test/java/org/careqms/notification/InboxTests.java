package org.careqms.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** The inbox: each reader sees their own notifications in their language, opens and clears them. */
@CareQmsTest
class InboxTests {

	@Autowired
	Notifications notifications;

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	@Autowired
	JdbcClient jdbc;

	UUID id(String sql) {
		return jdbc.sql(sql).query(UUID.class).single();
	}

	@Test
	void aNotificationReachesItsRecipientOnlyOnceAndOpensItsObject() throws Exception {
		UUID hospital = id("select id from hospital where code = 'H0001'");
		UUID auditor = id("select id from app_user where username = 'auditor'");
		String dedupe = "test:" + UUID.randomUUID();
		assertThat(notifications.send(hospital, List.of(auditor, auditor), "TEST", "notification.unread", List.of("7"),
				"/departments", dedupe)).isEqualTo(1);
		assertThat(notifications.send(hospital, List.of(auditor), "TEST", "notification.unread", List.of("7"),
				"/departments", dedupe)).isZero();

		String zh = mvc.perform(get("/inbox").param("lang", "zh_CN").with(user(users.loadUserByUsername("auditor"))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(zh).contains("7 条未读消息");
		String en = mvc.perform(get("/inbox").param("lang", "en").with(user(users.loadUserByUsername("auditor"))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(en).contains("7 unread messages");
		assertThat(mvc.perform(get("/inbox/badge").with(user(users.loadUserByUsername("auditor"))))
			.andReturn().getResponse().getContentAsString()).contains("inbox-badge", "text-bg-danger");

		UUID notification = notifications.inbox(auditor, 10).get(0).id();
		mvc.perform(post("/inbox/" + notification + "/open").with(user(users.loadUserByUsername("qc.ortho"))).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/inbox/" + notification + "/open").with(user(users.loadUserByUsername("auditor"))).with(csrf()))
			.andExpect(redirectedUrl("/departments"));
		assertThat(notifications.inbox(auditor, 10).get(0).unread()).isFalse();
		mvc.perform(post("/inbox/read-all").with(user(users.loadUserByUsername("auditor"))).with(csrf()));
		assertThat(notifications.unreadCount(auditor)).isZero();
	}
}
