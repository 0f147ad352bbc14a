package org.careqms.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.YearMonth;

import org.careqms.support.Api;
import org.careqms.support.Browser;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole loop of issue 4 in the browser: a ward nurse reports a fall on a phone; the quality office
 * triages it as level II, which opens an action; the root-cause analysis is written (timeline, a
 * contributing factor, five whys, a root cause); the action is linked to the fall-rate indicator,
 * started, completed with its evidence, and verified against the indicator's chart; the report is
 * closed with feedback, and the nurse reads what changed.
 */
@CareQmsTest
class FallImprovementLoopBrowserTests {

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
		new WebDriverWait(browser, Duration.ofSeconds(15))
			.until(d -> !d.findElements(By.cssSelector("#logout, #login-error")).isEmpty());
	}

	private void waitForText(By locator, String text) {
		new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
			.withMessage(() -> "waiting for '" + text + "' in " + locator + " on " + browser.getCurrentUrl() + ":\n"
					+ browser.findElement(By.tagName("body")).getText())
			.until(d -> d.findElement(locator).getText().contains(text));
	}

	private void scrollTo(org.openqa.selenium.WebElement element) {
		Browser.scrollTo(browser, element);
	}

	/** Clicks a submit button or link and waits until the next page has replaced this one. */
	private void submit(By locator) {
		Browser.clickToNavigate(browser, locator);
	}

	private void type(By locator, String text) {
		Browser.type(browser, locator, text);
	}

	@Test
	void aFallGoesFromThePhoneThroughAnalysisAndAVerifiedActionBackToTheNurse() {
		// 1. the nurse reports on a phone
		browser = Browser.start(390, 844);
		signIn("nurse.cardio");
		Browser.clickToNavigate(browser, By.id("home-report-incident"));
		new Select(browser.findElement(By.id("category"))).selectByValue("CAT-FALL");
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("detail-injury")).isEmpty());
		new Select(browser.findElement(By.id("detail-injury"))).selectByValue("MINOR");
		new Select(browser.findElement(By.id("detail-riskAssessed"))).selectByValue("NO");
		type(By.id("description"), "患者凌晨自行下床如厕，在床尾滑倒，左肘擦伤");
		type(By.id("immediateActions"), "扶回床上，测生命体征，通知值班医生，伤口消毒");
		submit(By.id("submit-report"));
		waitForText(By.id("flash-success"), "报告已提交");
		String reportUrl = browser.getCurrentUrl();
		String reference = browser.findElement(By.tagName("h1")).getText().split(" ")[0];
		assertThat(reference).startsWith("INC-");
		browser.quit();

		// 2. the quality office triages: level II opens an action in the register
		browser = Browser.start(1280, 1000);
		signIn("quality");
		browser.get(reportUrl);
		new Select(browser.findElement(By.id("triage-level"))).selectByValue("CN-II");
		new Select(browser.findElement(By.id("triage-harm"))).selectByValue("MILD");
		submit(By.id("triage"));
		waitForText(By.id("incident-status"), "已分级");
		submit(By.id("investigate"));
		waitForText(By.id("incident-status"), "调查中");

		// 3. the root-cause analysis
		submit(By.id("rca-link"));
		type(By.id("timeline"), "03:10 患者自行下床\n03:12 床尾滑倒\n03:15 护士发现并处理");
		var factor = browser.findElement(By.id("factor-WORK_ENVIRONMENT"));
		scrollTo(factor);
		factor.click();
		type(By.id("why-1"), "为什么滑倒？床尾地面有水渍");
		type(By.id("why-2"), "为什么有水渍？夜间清洁后未放警示牌");
		type(By.id("why-3"), "为什么没放警示牌？夜班清洁流程没有这一步");
		type(By.id("bone-ENVIRONMENT"), "地面湿滑\n夜间照明不足");
		type(By.id("rootCauses"), "夜班清洁流程缺少防滑警示要求");
		submit(By.id("save-rca"));
		waitForText(By.id("flash-success"), "根本原因分析已保存");
		// the root causes are listed with their actions by the improvement module's fragment (htmx)
		waitForText(By.id("root-cause-actions"), "夜班清洁流程缺少防滑警示要求");
		assertThat(browser.findElement(By.id("fishbone")).getText()).contains("地面湿滑");

		// 4. the action opened by the triage (asynchronously, after the triage committed)
		new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
			d.get(url("/actions?source=INCIDENT"));
			return d.findElement(By.id("actions")).getText().contains(reference);
		});
		var row = browser.findElement(By.xpath("//table[@id='actions']//tr[contains(., '" + reference + "')]//a"));
		scrollTo(row);
		String actionUrl = row.getAttribute("href");
		browser.get(actionUrl);
		browser.get(actionUrl + "/edit");
		new Select(browser.findElement(By.id("strength"))).selectByValue("STRONG");
		new Select(browser.findElement(By.id("indicatorCode"))).selectByValue("QI-066");
		type(By.id("expectedResult"), "住院患者跌倒发生率回到控制限中心线以下");
		submit(By.id("save"));
		waitForText(By.id("flash-success"), "");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("QI-066");
		submit(By.id("start"));
		waitForText(By.id("action-status"), "整改中");
		type(By.id("complete-note"), "夜班清洁流程增加“湿滑地面放置警示牌”，病区加装夜间地灯 6 盏（照片与培训签到表已存科室）");
		var effective = browser.findElement(By.id("effectiveMonth"));
		scrollTo(effective);
		((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", effective,
				YearMonth.now().toString());
		submit(By.id("complete"));
		waitForText(By.id("action-status"), "待验证");
		// 5. verification: the indicator's chart split at the action's month is shown before the note is asked for
		new WebDriverWait(browser, Duration.ofSeconds(20))
			.until(d -> !d.findElement(By.id("verification-slot")).getText().isBlank());
		type(By.id("verification-note"), "措施落实后复查三个月，夜间跌倒未再发生；继续按月监测跌倒发生率");
		submit(By.id("verify-effective"));
		waitForText(By.id("action-status"), "已闭环");
		assertThat(browser.findElement(By.id("verification-outcome")).getText()).contains("继续按月监测");

		// the analysis shows the fall in its control chart of monthly reports, drawn and read out
		browser.get(url("/incidents/analysis?category=CAT-FALL"));
		new WebDriverWait(browser, Duration.ofSeconds(20))
			.until(d -> "true".equals(d.findElement(By.id("incident-charts")).getDomAttribute("data-rendered")));
		assertThat(browser.findElements(By.cssSelector("#incident-control svg"))).isNotEmpty();
		assertThat(browser.findElement(By.id("incident-spc-reading")).getText()).isNotBlank();
		assertThat(browser.findElement(By.id("analysis-total")).getText()).isNotEqualTo("0");

		// 6. closure with feedback to the reporter
		browser.get(reportUrl);
		type(By.id("feedback"), "感谢报告。夜班清洁流程已增加湿滑警示，病区加装了夜间地灯；措施已验证有效。");
		submit(By.id("close"));
		waitForText(By.id("incident-status"), "已结案");
		browser.quit();

		// 7. the nurse reads what changed, on the phone
		browser = Browser.start(390, 844);
		signIn("nurse.cardio");
		browser.get(url("/inbox"));
		waitForText(By.id("inbox"), reference);
		submit(By.cssSelector("#inbox form button"));
		waitForText(By.id("incident-feedback"), "夜间地灯");
		Long overflow = (Long) ((JavascriptExecutor) browser)
			.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		assertThat(overflow).isLessThanOrEqualTo(0L);
	}
}
