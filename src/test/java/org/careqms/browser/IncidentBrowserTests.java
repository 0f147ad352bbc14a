package org.careqms.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.careqms.support.Api;
import org.careqms.support.Browser;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A ward nurse reports a fall on a phone; the quality office triages it, a serious event opens an
 * action; the event is closed with feedback, and the nurse reads what changed.
 */
@CareQmsTest
class IncidentBrowserTests {

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

	/** Waits for the next page: the element of the page being left goes stale, the new one shows the text. */
	private void waitForText(By locator, String text) {
		new WebDriverWait(browser, Duration.ofSeconds(15))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(d -> d.findElement(locator).getText().contains(text));
	}

	private void click(By locator) {
		Browser.click(browser, locator);
	}

	@Test
	void aNurseReportsAFallOnAPhoneAndReadsWhatChanged() {
		browser = Browser.start(390, 844);
		signIn("nurse.cardio");
		Browser.clickToNavigate(browser, By.id("home-report-incident"));
		new Select(browser.findElement(By.id("category"))).selectByValue("CAT-FALL");
		// the fall's own questions appear only now
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("detail-injury")).isEmpty());
		new Select(browser.findElement(By.id("detail-injury"))).selectByValue("MINOR");
		new Select(browser.findElement(By.id("detail-riskAssessed"))).selectByValue("YES");
		browser.findElement(By.id("description")).sendKeys("患者夜间如厕时在床旁跌倒，右膝擦伤");
		browser.findElement(By.id("immediateActions")).sendKeys("扶回床上，通知值班医生，伤口处理");
		Long overflow = (Long) ((org.openqa.selenium.JavascriptExecutor) browser)
			.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		assertThat(overflow).isLessThanOrEqualTo(0L);
		Browser.clickToNavigate(browser, By.id("submit-report"));
		waitForText(By.id("flash-success"), "报告已提交");
		String reportUrl = browser.getCurrentUrl();
		String reference = browser.findElement(By.tagName("h1")).getText().split(" ")[0];
		assertThat(reference).startsWith("INC-");
		browser.quit();

		browser = Browser.start(1280, 1000);
		signIn("quality");
		browser.get(reportUrl);
		new Select(browser.findElement(By.id("triage-level"))).selectByValue("CN-II");
		new Select(browser.findElement(By.id("triage-harm"))).selectByValue("MILD");
		click(By.id("triage"));
		waitForText(By.id("incident-status"), "已分级");
		// the serious event's action is in the register (opened asynchronously after the triage commits)
		new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
			d.get(url("/actions?source=INCIDENT"));
			return d.findElement(By.id("actions")).getText().contains(reference);
		});
		browser.get(reportUrl);
		browser.findElement(By.id("feedback")).sendKeys("病区已增设夜间地灯，床旁呼叫器移至伸手可及处；跌倒风险评估改为每班一次。");
		click(By.id("close"));
		waitForText(By.id("incident-status"), "已结案");
		browser.quit();

		browser = Browser.start(390, 844);
		signIn("nurse.cardio");
		browser.get(url("/inbox"));
		assertThat(browser.findElement(By.id("inbox")).getText()).contains(reference);
		click(By.cssSelector("#inbox form button"));
		assertThat(browser.findElement(By.id("incident-feedback")).getText()).contains("夜间地灯");
	}
}
