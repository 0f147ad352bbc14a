package org.careqms.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.careqms.support.Api;
import org.careqms.support.Browser;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The quality office builds a checklist in the draft editor (htmx, no page reloads) and publishes it;
 * a ward nurse reads the first-contact regulation on a phone and acknowledges it.
 */
@CareQmsTest
class StandardsBrowserTests {

	@LocalServerPort
	int port;

	WebDriver browser;

	@AfterEach
	void stop() {
		if (browser != null) {
			browser.quit();
		}
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

	private void signIn(String username) {
		browser.get(url("/login?lang=zh_CN"));
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys(Api.DEMO_PASSWORD);
		browser.findElement(By.id("login-submit")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(d -> !d.findElements(By.cssSelector("#logout, #login-error")).isEmpty());
	}

	private WebDriverWait waiting() {
		return new WebDriverWait(browser, Duration.ofSeconds(15));
	}

	private void click(By locator) {
		Browser.click(browser, locator);
	}

	@Test
	void theQualityOfficeBuildsAChecklistWithoutPageReloadsAndPublishesIt() {
		browser = Browser.start(1280, 900);
		signIn("quality");
		browser.get(url("/standards/checklists/new"));
		browser.findElement(By.id("code")).sendKeys("BR-CL-" + System.nanoTime() % 100000);
		browser.findElement(By.id("name")).sendKeys("手术室安全检查表");
		browser.findElement(By.id("auditTypes")).sendKeys("专项检查");
		Browser.clickToNavigate(browser, By.id("save"));
		waiting().until(d -> !d.findElements(By.id("add-section")).isEmpty());
		// a marker on the page: gone if the page reloads, kept when htmx swaps only the editor
		((JavascriptExecutor) browser).executeScript("window.noReload = true;");

		browser.findElement(By.id("new-section-title")).sendKeys("手术安全核查");
		click(By.id("save-section"));
		waiting().until(d -> !d.findElements(By.cssSelector("#editor .card[id^='section-']")).isEmpty());
		var section = browser.findElement(By.cssSelector("#editor .card[id^='section-']"));
		String sectionId = section.getAttribute("id").substring("section-".length());
		assertThat(browser.findElement(By.id("title-" + sectionId)).getAttribute("value")).isEqualTo("手术安全核查");
		browser.findElement(By.id("n" + sectionId + "-text")).sendKeys("三方核查，三个时点均完成");
		new Select(browser.findElement(By.id("n" + sectionId + "-scoring"))).selectByValue("PASS_FAIL");
		browser.findElement(By.id("n" + sectionId + "-points")).sendKeys("10");
		click(By.id("n" + sectionId + "-critical"));
		browser.findElement(By.id("n" + sectionId + "-core")).sendKeys("CS11-K2");
		click(By.id("save-item-" + sectionId));
		waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("editor-summary"), "1"));
		assertThat(browser.findElement(By.id("editor")).getText()).contains("三方核查，三个时点均完成", "单项否决", "CS11-K2");
		assertThat(((JavascriptExecutor) browser).executeScript("return window.noReload === true;")).isEqualTo(true);

		click(By.id("publish"));
		browser.switchTo().alert().accept();
		waiting().until(d -> !d.findElements(By.id("published-version")).isEmpty());
		assertThat(browser.findElement(By.id("published-version")).getText()).contains("第 1 版", "三方核查");
	}

	@Test
	void aNurseReadsARegulationOnAPhoneAndAcknowledgesIt() {
		browser = Browser.start(390, 844);
		signIn("nurse.cardio");
		browser.get(url("/standards/documents?unread=true"));
		Browser.clickToNavigate(browser, By.linkText("首诊负责制度"));
		waiting().until(d -> !d.findElements(By.id("current-version")).isEmpty());
		Long overflow = (Long) ((JavascriptExecutor) browser)
			.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		assertThat(overflow).isLessThanOrEqualTo(0L);
		assertThat(browser.findElement(By.id("current-version")).getText()).contains("首诊医师对患者的诊疗负责");
		click(By.id("acknowledge"));
		waiting().until(d -> !d.findElements(By.id("acknowledged")).isEmpty());
		assertThat(browser.findElement(By.id("acknowledgements")).getText()).contains("刘洋");
	}
}
