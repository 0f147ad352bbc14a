package org.careqms.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.careqms.support.Browser;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every page added for standards, audits, PDCA/QCC, record-QC follow-up, incident attachments and the
 * public link, and e-mail (the account page with its delivery fragment), opened in headless Chromium in Chinese and in English: the page renders
 * in the layout in that language, is not an error page, and shows no unresolved message key.
 */
@CareQmsTest
class BilingualPagesBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	MessageSource messages;

	@Autowired
	JdbcClient jdbc;

	WebDriver browser;

	@BeforeEach
	void start() {
		browser = Browser.start(1280, 900);
	}

	@AfterEach
	void stop() {
		browser.quit();
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

	private void signIn(String username) {
		browser.get(url("/login"));
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys("Demo@CareQMS2026");
		browser.findElement(By.id("login-submit")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(d -> !d.findElements(By.cssSelector("#logout, #login-error, #login-locked")).isEmpty());
		assertThat(browser.findElements(By.id("logout"))).as("signed in as " + username).isNotEmpty();
	}

	private <T> T first(String sql, Class<T> type) {
		return jdbc.sql(sql).query(type).list().stream().findFirst().orElseThrow(() -> new AssertionError(sql));
	}

	private List<String> qualityOfficePages() {
		UUID document = first("select id from std_document order by code", UUID.class);
		Long template = first("select id from checklist_template order by code", Long.class);
		return new ArrayList<>(List.of("/standards", "/standards/core-systems", "/standards/core-systems/CS01",
				"/standards/documents", "/standards/documents/new", "/standards/documents/" + document,
				"/standards/checklists", "/standards/checklists/new", "/standards/checklists/" + template,
				"/audits", "/audits/year", "/audits/plans/new", "/audits/scores", "/pdca", "/pdca/new", "/qcc",
				"/qcc/new", "/actions", "/record-qc", "/record-qc/rules", "/record-qc/my-defects", "/record-qc/appeals", "/record-qc/running",
				"/imports", "/incidents/new",
				"/incidents/analysis", "/incidents/public-link", "/account", "/inbox"));
	}

	/** Opens each page in both languages and checks what a reader would see. */
	private void walk(List<String> paths) {
		for (String lang : List.of("zh_CN", "en")) {
			Locale locale = lang.equals("en") ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
			List<String> errorTitles = List.of("400", "403", "404", "409", "500")
				.stream()
				.map(code -> messages.getMessage("error.page." + code + ".title", null, locale))
				.toList();
			for (String path : paths) {
				browser.get(url(path + (path.contains("?") ? "&" : "?") + "lang=" + lang));
				String where = path + " (" + lang + ")";
				assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).as(where)
					.isEqualTo(lang.equals("en") ? "en" : "zh-CN");
				assertThat(browser.getTitle()).as(where).isNotBlank().isNotIn(errorTitles);
				String text = browser.findElement(By.tagName("body")).getText();
				assertThat(text).as(where + " shows an unresolved message key").doesNotContain("??");
				assertThat(browser.findElements(By.tagName("h1"))).as(where + " has a heading").isNotEmpty();
			}
		}
	}

	@Test
	void theQualityOfficesNewPagesReadInChineseAndInEnglish() {
		signIn("quality");
		walk(qualityOfficePages());
	}

	@Test
	void theAdministratorsOutboxReadsInChineseAndInEnglish() {
		signIn("admin");
		walk(List.of("/admin/mail"));
	}

}
