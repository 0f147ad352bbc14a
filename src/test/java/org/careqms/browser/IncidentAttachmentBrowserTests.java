package org.careqms.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.careqms.support.Api;
import org.careqms.support.Browser;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A ward tablet without a login reports a fall with a photo through the public link; the handling
 * department plans a strong action on a root cause from the RCA page and sees it listed there.
 */
@CareQmsTest
class IncidentAttachmentBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserDetailsService users;

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

	private void click(By locator) {
		Browser.click(browser, locator);
	}

	private void waitForText(By locator, String text) {
		new WebDriverWait(browser, Duration.ofSeconds(15))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(d -> !d.findElements(locator).isEmpty() && d.findElement(locator).getText().contains(text));
	}

	@Test
	void aWardTabletReportsWithAPhotoThroughThePublicLink() throws Exception {
		mvc.perform(post("/incidents/public-link/enable").with(user(users.loadUserByUsername("quality"))).with(csrf()));
		String token = jdbc.sql("select token from incident_public_link where enabled").query(String.class).single();
		Path photo = Files.createTempFile("fall", ".jpg");
		ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "jpg", photo.toFile());
		browser = Browser.start(390, 844);
		browser.get(url("/report/" + token + "?lang=zh_CN"));
		new Select(browser.findElement(By.id("category"))).selectByValue("CAT-FALL");
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("detail-injury")).isEmpty());
		new Select(browser.findElement(By.id("departmentId"))).selectByVisibleText(
				jdbc.sql("select code || ' ' || name from department where code = '0301'").query(String.class).single());
		browser.findElement(By.id("description")).sendKeys("护士站平板上报：患者在走廊滑倒");
		browser.findElement(By.id("photo")).sendKeys(photo.toString());
		assertThat(browser.findElement(By.id("anonymous")).isSelected()).isTrue();
		Long overflow = (Long) ((JavascriptExecutor) browser)
			.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		assertThat(overflow).isLessThanOrEqualTo(0L);
		click(By.id("submit-report"));
		waitForText(By.id("thanks-reference"), "INC-");
		String reference = browser.findElement(By.id("thanks-reference")).getText().replaceAll(".*(INC-\\d{4}-\\d{5}).*", "$1");
		var row = jdbc.sql("""
				select i.reporter_user_id, i.via_public_link, count(a.id) as files from incident i
				left join incident_attachment a on a.incident_id = i.id where i.reference = :ref
				group by i.reporter_user_id, i.via_public_link""").param("ref", reference).query().singleRow();
		assertThat(row.get("reporter_user_id")).isNull();
		assertThat(row.get("via_public_link")).isEqualTo(true);
		assertThat(row.get("files")).isEqualTo(1L);
		Files.deleteIfExists(photo);
	}

	@Test
	void theHandlingDepartmentPlansAStrongActionOnARootCauseFromTheRcaPage() throws Exception {
		String id = new Api(port).post("/api/v1/incidents", """
				{"occurredAt": "%s", "departmentCode": "0301", "category": "CAT-FALL", "description": "夜间如厕跌倒",
				 "patientInvolved": true, "anonymous": false}"""
			.formatted(LocalDateTime.now().minusHours(3).truncatedTo(ChronoUnit.SECONDS)), Api.demo("nurse.cardio"))
			.json().get("id").asString();
		UUID cardiology = jdbc.sql("select id from department where code = '0301'").query(UUID.class).single();
		mvc.perform(post("/incidents/" + id + "/triage").param("level", "CN-III")
			.param("handlingDepartmentId", cardiology.toString()).with(user(users.loadUserByUsername("quality"))).with(csrf()));
		mvc.perform(post("/incidents/" + id + "/rca").param("rootCauses", "夜间病区照明不足\n清洁流程无警示要求")
			.with(user(users.loadUserByUsername("head.cardio"))).with(csrf()));
		browser = Browser.start(1280, 1000);
		browser.get(url("/login?lang=zh_CN"));
		browser.findElement(By.id("username")).sendKeys("head.cardio");
		browser.findElement(By.id("password")).sendKeys(Api.DEMO_PASSWORD);
		browser.findElement(By.id("login-submit")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("logout")).isEmpty());
		browser.get(url("/incidents/" + id + "/rca"));
		// the improvement module's fragment replaces the plain list
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("plan-action-1")).isEmpty());
		assertThat(browser.findElements(By.cssSelector("#root-cause-actions .no-action"))).hasSize(2);
		Browser.clickToNavigate(browser, By.id("plan-action-1"));
		assertThat(browser.findElement(By.id("root-cause-context")).getText()).contains("夜间病区照明不足");
		browser.findElement(By.id("title")).sendKeys("病区走廊与卫生间加装感应夜灯");
		new Select(browser.findElement(By.id("strength"))).selectByValue("STRONG");
		click(By.id("save"));
		waitForText(By.id("flash-success"), "措施已制定");
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(d -> !d.findElements(By.cssSelector("#root-cause-actions .rca-action")).isEmpty());
		String listed = browser.findElement(By.id("root-cause-actions")).getText();
		assertThat(listed).contains("病区走廊与卫生间加装感应夜灯", "强（改变系统）");
		assertThat(browser.findElements(By.cssSelector("#root-cause-actions .no-action"))).hasSize(1);
	}
}
