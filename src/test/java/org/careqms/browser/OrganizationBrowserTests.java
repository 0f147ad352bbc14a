package org.careqms.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.careqms.support.Api;
import org.careqms.support.Browser;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The real application in headless Chromium: sign in, switch language, create a department, find it
 * in the list, and find the change in the audit trail.
 */
@CareQmsTest
class OrganizationBrowserTests {

	@LocalServerPort
	int port;

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

	private void signIn(String username, String password) {
		browser.get(url("/login"));
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys(password);
		browser.findElement(By.id("login-submit")).click();
		// wait for the answer to the login before going anywhere else
		new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(10))
			.until(d -> !d.findElements(By.cssSelector("#logout, #login-error, #login-locked")).isEmpty());
	}

	@Test
	void administratorCreatesADepartmentAndFindsItInTheAuditTrail() {
		signIn("admin", Api.DEMO_PASSWORD);
		assertThat(browser.findElement(By.tagName("h1")).getText()).contains("您好");
		assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");

		Browser.clickToNavigate(browser, By.id("lang-en"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("Hello");
		assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");

		browser.get(url("/departments"));
		browser.findElement(By.id("new-department")).click();
		browser.findElement(By.id("code")).sendKeys("B0306");
		browser.findElement(By.id("name")).sendKeys("老年医学科");
		browser.findElement(By.id("nameEn")).sendKeys("Geriatrics");
		new Select(browser.findElement(By.id("parentId"))).selectByVisibleText("01 内科系统");
		browser.findElement(By.id("hisCodes")).sendKeys("HIS:1036");
		Browser.clickToNavigate(browser, By.id("save"));

		assertThat(browser.findElement(By.id("flash-success")).getText()).contains("department was created");
		assertThat(browser.findElement(By.id("department-name")).getText()).isEqualTo("老年医学科");

		browser.get(url("/departments"));
		assertThat(browser.findElement(By.id("departments")).getText()).contains("B0306", "Geriatrics");

		browser.get(url("/audit?entityType=Department"));
		String trail = browser.findElement(By.id("audit-entries")).getText();
		assertThat(trail).contains("B0306 老年医学科", "Created", "admin");
		browser.findElement(By.linkText(browser.findElement(By.xpath(
				"//table[@id='audit-entries']//tr[td[contains(., 'B0306')]]/td[1]/a")).getText())).click();
		assertThat(browser.findElement(By.id("audit-changes")).getText()).contains("Geriatrics", "HIS:1036");

		browser.get(url("/audit"));
		Browser.clickToNavigate(browser, By.id("verify-chain"));
		assertThat(browser.findElement(By.id("chain-intact")).getText()).contains("intact");
	}

	@Test
	void invalidDepartmentFormShowsFieldErrorsInChinese() {
		signIn("quality", Api.DEMO_PASSWORD);
		browser.get(url("/departments/new?lang=zh_CN"));
		browser.findElement(By.id("code")).sendKeys("0301");
		Browser.clickToNavigate(browser, By.id("save"));
		assertThat(browser.findElement(By.id("code-errors")).getText()).contains("已存在");
		assertThat(browser.findElement(By.id("name-errors")).getText()).isNotBlank();
	}

	@Test
	void staffCannotOpenAdministrationPages() {
		signIn("nurse.cardio", Api.DEMO_PASSWORD);
		browser.get(url("/users?lang=zh_CN"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("无权访问");
		browser.get(url("/departments"));
		assertThat(browser.findElements(By.id("new-department"))).isEmpty();
	}

	@Test
	void fiveWrongPasswordsLockTheLoginForm() {
		var api = new Api(port);
		assertThat(api.post("/api/v1/users", """
				{"username": "browser.lock", "password": "Browser#Lock2026", "displayName": "锁定测试", "roles": ["STAFF"], "departmentCodes": ["0301"]}""",
				Api.demo("admin")).status()).isEqualTo(201);
		for (int i = 0; i < 5; i++) {
			signIn("browser.lock", "Wrong#Passw0rd");
			assertThat(browser.findElements(By.id("login-error"))).hasSize(1);
		}
		signIn("browser.lock", "Browser#Lock2026");
		assertThat(browser.findElement(By.id("login-locked")).isDisplayed()).isTrue();
	}

	@Test
	void worksOnAPhoneSizedScreen() {
		browser.quit();
		browser = Browser.start(390, 844);
		signIn("qc.cardio", Api.DEMO_PASSWORD);
		var toggler = browser.findElement(By.className("navbar-toggler"));
		assertThat(toggler.isDisplayed()).isTrue();
		By departments = By.cssSelector("#main-nav a[href='/departments']");
		By organization = By.id("organization-menu");
		assertThat(browser.findElement(organization).isDisplayed()).isFalse();
		toggler.click();
		new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(5))
			.until(d -> d.findElement(organization).isDisplayed());
		browser.findElement(organization).click();
		new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(5))
			.until(d -> d.findElement(departments).isDisplayed());
		assertThat(browser.findElement(departments).getText()).isEqualTo("科室");
		browser.findElement(departments).click();
		var table = browser.findElement(By.id("departments"));
		assertThat(table.getText()).contains("心血管内科");
		// the page fits the screen: nothing forces sideways scrolling
		Long overflow = (Long) ((org.openqa.selenium.JavascriptExecutor) browser)
			.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		assertThat(overflow).isLessThanOrEqualTo(0L);
	}
}
