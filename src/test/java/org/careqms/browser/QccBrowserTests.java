package org.careqms.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.careqms.support.Api;
import org.careqms.support.Browser;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A department QC officer starts a QC circle on a phone: opens the project from the improvement tabs,
 * scores two candidate themes, lets the matrix choose, and sets the target by the circle formula.
 */
@CareQmsTest
class QccBrowserTests {

	@LocalServerPort
	int port;

	WebDriver browser;

	@AfterEach
	void stop() throws Exception {
		if (browser != null) {
			screenshot("qcc-last"); // what the browser showed last, for whoever reads a failure
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

	private void waitForText(By locator, String text) {
		new WebDriverWait(browser, Duration.ofSeconds(15))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(d -> d.findElement(locator).getText().contains(text));
	}

	private void click(By locator) {
		Browser.click(browser, locator);
	}

	private void type(String id, String text) {
		Browser.type(browser, By.id(id), text);
	}

	private void screenshot(String name) throws Exception {
		Path dir = Path.of("target", "screenshots");
		Files.createDirectories(dir);
		Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
	}

	private long overflow() {
		return (Long) ((JavascriptExecutor) browser)
			.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
	}

	@Test
	void aQcOfficerStartsACircleOnAPhoneAndTheMatrixChoosesTheTheme() throws Exception {
		browser = Browser.start(390, 844);
		signIn("qc.cardio");
		browser.get(url("/actions"));
		Browser.clickToNavigate(browser, By.id("tab-qcc"));
		Browser.clickToNavigate(browser, By.id("new-cycle"));
		type("circleName", "同心圈");
		type("slogan", "同心协力，零跌倒");
		new Select(browser.findElement(By.id("leaderStaffId"))).selectByIndex(1);
		type("title", "待定");
		type("problemStatement", "心内科住院患者跌倒发生率高于全院平均");
		new Select(browser.findElement(By.id("departmentId"))).selectByIndex(1);
		type("baselineValue", "12.5");
		type("improvementFocus", "80");
		type("circleCapability", "75");
		assertThat(overflow()).isLessThanOrEqualTo(0L);
		click(By.id("save"));
		waitForText(By.id("flash-success"), "已创建");
		assertThat(browser.findElement(By.id("target-value")).getText()).isEqualTo("5.00");

		type("theme", "降低住院患者跌倒发生率");
		type("policy", "30");
		type("importance", "40");
		type("urgency", "35");
		type("capability", "25");
		click(By.cssSelector("#theme-form button"));
		waitForText(By.id("theme-matrix"), "130");
		type("theme", "提高交接班规范率");
		type("policy", "20");
		type("importance", "45");
		type("urgency", "40");
		type("capability", "40");
		click(By.cssSelector("#theme-form button"));
		waitForText(By.id("theme-matrix"), "145");
		click(By.id("choose-theme"));
		waitForText(By.id("flash-success"), "已按加权得分选定主题");
		assertThat(browser.findElement(By.tagName("h1")).getText()).contains("提高交接班规范率");
		assertThat(browser.findElement(By.cssSelector("#theme-matrix tr.table-success")).getText())
			.contains("提高交接班规范率", "145");
		assertThat(browser.findElement(By.id("stage-strip")).getText()).contains("计划", "执行", "检查", "处理");
		assertThat(overflow()).isLessThanOrEqualTo(0L);
		screenshot("qcc-phone");

		// leaving Plan without its steps is refused with the reason shown
		click(By.id("advance"));
		waitForText(By.id("flash-failure"), "根本原因");
		assertThat(browser.findElement(By.id("cycle-stage")).getText()).isEqualTo("计划");
		String project = browser.getCurrentUrl();
		browser.quit();

		// the quality office sees the whole project on a desktop: the ten steps grouped by stage
		browser = Browser.start(1280, 3000);
		signIn("quality");
		browser.get(project);
		assertThat(browser.findElement(By.id("qcc-steps")).getText()).contains("主题选定", "对策实施与检讨", "检讨与改进");
		assertThat(browser.findElement(By.id("circle-name")).getText()).isEqualTo("同心圈");
		screenshot("qcc-desktop");
	}
}
