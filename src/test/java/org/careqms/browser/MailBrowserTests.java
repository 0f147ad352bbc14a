package org.careqms.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.careqms.support.Api;
import org.careqms.support.Browser;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * On a phone, a user chooses the daily digest in English on the account page (the form arrives as an
 * htmx fragment); the administrator finds the e-mail outbox in the menu.
 */
@CareQmsTest
class MailBrowserTests {

	@LocalServerPort
	int port;

	WebDriver browser;

	@BeforeEach
	void start() {
		browser = Browser.start(390, 844);
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
		browser.findElement(By.id("password")).sendKeys(Api.DEMO_PASSWORD);
		browser.findElement(By.id("login-submit")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(d -> !d.findElements(By.cssSelector("#logout, #login-error, #login-locked")).isEmpty());
	}

	private void awaitPreferences() {
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(d -> !d.findElements(By.id("preferences-form")).isEmpty());
	}

	@Test
	void aUserChoosesTheDailyDigestInEnglishOnTheAccountPage() {
		signIn("auditor");
		browser.get(url("/account?lang=en"));
		awaitPreferences();
		assertThat(browser.findElement(By.id("notification-preferences")).getText())
			.contains("E-mail notifications", "no e-mail can reach you");
		browser.findElement(By.cssSelector("label[for='delivery-DAILY_DIGEST']")).click();
		new Select(browser.findElement(By.id("mail-locale"))).selectByValue("en");
		Browser.clickToNavigate(browser, By.cssSelector("#preferences-form button[type='submit']"));

		assertThat(browser.findElement(By.id("flash-success")).getText()).contains("e-mail settings are saved");
		awaitPreferences();
		assertThat(browser.findElement(By.id("delivery-DAILY_DIGEST")).isSelected()).isTrue();
		assertThat(new Select(browser.findElement(By.id("mail-locale"))).getFirstSelectedOption().getAttribute("value"))
			.isEqualTo("en");
	}

	@Test
	void theAdministratorOpensTheOutboxFromTheMenu() {
		browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
		signIn("admin");
		browser.get(url("/?lang=en"));
		browser.findElement(By.id("organization-menu")).click();
		Browser.clickToNavigate(browser, By.linkText("E-mail outbox"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("E-mail outbox");
		assertThat(browser.findElement(By.id("test-form")).isDisplayed()).isTrue();
	}
}
