package org.careqms.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.careqms.standards.ChecklistItem;
import org.careqms.standards.ChecklistTemplateVersion;
import org.careqms.standards.ChecklistTemplates;
import org.careqms.standards.ScoringMethod;
import org.careqms.support.Api;
import org.careqms.support.Browser;
import org.careqms.support.CareQmsTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A ward inspection on a phone: the inspector opens the planned inspection, answers item by item (one
 * answer while the phone is offline, sent when it is back), fails one item with a note and a photo,
 * submits, and the failed item is in the action register.
 */
@CareQmsTest
class AuditBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	ChecklistTemplates templates;

	@Autowired
	JdbcClient jdbc;

	ChromeDriver browser;

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
		return (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(20))
			.ignoring(StaleElementReferenceException.class);
	}

	private void click(By locator) {
		Browser.click(browser, locator);
	}

	/** Waits until the item's card has been drawn again by the server with the answer saved. */
	private void saved(ChecklistItem item) {
		waiting().until(d -> "true".equals(d.findElement(By.id("item-" + item.id())).getAttribute("data-answered"))
				&& !d.findElement(By.id("item-" + item.id())).findElements(By.className("item-saved")).isEmpty());
	}

	/** Does something to an item and waits until the server has drawn the item's card again. */
	private void redrawn(ChecklistItem item, Runnable action) {
		browser.executeScript("document.getElementById(arguments[0]).setAttribute('data-stale', 'true');",
				"item-" + item.id());
		action.run();
		waiting().until(d -> d.findElement(By.id("item-" + item.id())).getAttribute("data-stale") == null
				&& !d.findElement(By.id("item-" + item.id())).findElements(By.className("item-saved")).isEmpty());
	}

	private void answer(ChecklistItem item, boolean fail) {
		String prefix = "item-" + item.id();
		if (item.scoring() == ScoringMethod.PASS_FAIL) {
			click(By.cssSelector("label[for='" + prefix + (fail ? "-fail" : "-pass") + "']"));
		}
		else {
			var value = browser.findElement(By.id(prefix + "-value"));
			Browser.scrollTo(browser, value);
			value.sendKeys(item.scoring() == ScoringMethod.POINTS ? item.points().toPlainString() : "0");
			value.sendKeys(Keys.TAB);
		}
	}

	@Test
	void anInspectorDoesAWardChecklistOnAPhoneAndTheFailedItemBecomesAnAction() throws Exception {
		UUID hospital = jdbc.sql("select id from hospital where code = 'H0001'").query(UUID.class).single();
		long versionId = templates.published(hospital).stream().filter(t -> t.code().equals("CL-WARD-NURSING"))
			.findFirst().orElseThrow().versionId();
		ChecklistTemplateVersion checklist = templates.version(hospital, versionId).orElseThrow();
		var planned = new Api(port).post("/api/v1/audit-plans", "{\"title\": \"心内科病区护理安全检查\", "
				+ "\"auditType\": \"ROUTINE\", \"templateVersionId\": " + versionId + ", \"departmentCodes\": [\"0301W\"], "
				+ "\"auditors\": [\"qc.cardio\"], \"plannedOn\": \"" + LocalDate.now() + "\"}", Api.demo("quality"));
		assertThat(planned.status()).as(planned.body()).isEqualTo(201);
		String reference = planned.json().get("inspections").get(0).get("reference").asString();
		ChecklistItem failing = checklist.items()
			.filter(i -> i.scoring() == ScoringMethod.PASS_FAIL && !i.critical()).findFirst().orElseThrow();

		browser = Browser.start(390, 844);
		signIn("qc.cardio");
		browser.get(url("/audits?mine=true"));
		Browser.clickToNavigate(browser, By.partialLinkText(reference));
		waiting().until(d -> d.findElement(By.tagName("h1")).getText().contains(reference));

		var items = checklist.items().toList();
		// the first answer goes straight to the server
		answer(items.get(0), items.get(0).equals(failing));
		saved(items.get(0));
		assertThat(browser.findElement(By.id("offline-banner")).isDisplayed()).isFalse();
		// the connection drops: the next answer stays on the phone until the connection is back
		browser.setNetworkConditions(offline(true));
		waiting().until(d -> Boolean.FALSE.equals(((JavascriptExecutor) d).executeScript("return navigator.onLine;")));
		ChecklistItem offlineItem = items.get(1);
		answer(offlineItem, offlineItem.equals(failing));
		waiting().until(d -> d.findElement(By.id("offline-banner")).isDisplayed());
		assertThat(browser.findElement(By.id("offline-banner")).getText()).contains("暂存在本机");
		assertThat((String) browser.executeScript("return window.localStorage.getItem(arguments[0]);",
				"careqms.inspection." + planned.json().get("inspections").get(0).get("id").asString()))
			.contains(String.valueOf(offlineItem.id()));
		browser.setNetworkConditions(offline(false));
		saved(offlineItem);
		waiting().until(d -> !d.findElement(By.id("offline-banner")).isDisplayed());

		for (ChecklistItem item : items.subList(2, items.size())) {
			answer(item, item.equals(failing));
			saved(item);
		}
		if (items.indexOf(failing) < 2) {
			throw new IllegalStateException("the failing item is expected after the first two");
		}
		// the failed item: what was found, and a photo taken with the phone's camera
		redrawn(failing, () -> {
			var note = browser.findElement(By.id("item-" + failing.id() + "-note"));
			note.sendKeys("卫生间扶手松动，地面有积水");
			note.sendKeys(Keys.TAB);
		});
		assertThat(browser.findElement(By.id("item-" + failing.id() + "-note")).getAttribute("value")).contains("扶手松动");
		Path photo = Files.createTempFile("ward", ".png");
		ImageIO.write(new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB), "png", photo.toFile());
		redrawn(failing, () -> browser.findElement(By.id("item-" + failing.id() + "-photo")).sendKeys(photo.toString()));
		assertThat(browser.findElement(By.id("item-" + failing.id())).findElements(By.className("evidence-thumb")))
			.isNotEmpty();
		assertThat(browser.findElement(By.id("answered-count")).getText())
			.contains(items.size() + " / " + items.size());
		Long overflow = (Long) browser
			.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		assertThat(overflow).isLessThanOrEqualTo(0L);

		var old = browser.findElement(By.tagName("html"));
		click(By.id("submit-inspection"));
		browser.switchTo().alert().accept();
		new WebDriverWait(browser, Duration.ofSeconds(30))
			.until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(old));
		waiting().until(d -> d.findElement(By.id("flash-success")).getText().contains("检查已提交"));
		assertThat(browser.findElement(By.id("inspection-status")).getText()).isEqualTo("已提交");
		assertThat(browser.findElement(By.id("findings")).getText()).contains(failing.code(), "卫生间扶手松动");
		assertThat(browser.findElements(By.className("answer-form"))).isEmpty();

		// the failed item is an action of the ward (opened once the submission has committed)
		new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
			d.get(url("/actions?source=AUDIT_FINDING"));
			return d.findElement(By.id("actions")).getText().contains(reference + " · " + failing.code());
		});
		Browser.clickToNavigate(browser,
				By.xpath("//table[@id='actions']//tr[contains(., '" + reference + " · " + failing.code() + "')]//a"));
		Browser.clickToNavigate(browser, By.id("action-source-link"));
		waiting().until(d -> d.findElement(By.tagName("h1")).getText().contains(reference));
	}

	@Test
	void aPhotoTakenOfflineWaitsOnThePhoneAndArrivesOnceWhenTheConnectionIsBack() throws Exception {
		UUID hospital = jdbc.sql("select id from hospital where code = 'H0001'").query(UUID.class).single();
		long versionId = templates.published(hospital).stream().filter(t -> t.code().equals("CL-WARD-NURSING"))
			.findFirst().orElseThrow().versionId();
		ChecklistTemplateVersion checklist = templates.version(hospital, versionId).orElseThrow();
		var planned = new Api(port).post("/api/v1/audit-plans", "{\"title\": \"病区离线拍照检查\", "
				+ "\"auditType\": \"ROUTINE\", \"templateVersionId\": " + versionId + ", \"departmentCodes\": [\"0301W\"], "
				+ "\"auditors\": [\"qc.cardio\"], \"plannedOn\": \"" + LocalDate.now() + "\"}", Api.demo("quality"));
		assertThat(planned.status()).as(planned.body()).isEqualTo(201);
		String inspection = planned.json().get("inspections").get(0).get("id").asString();
		ChecklistItem item = checklist.items().filter(i -> i.scoring() == ScoringMethod.PASS_FAIL).findFirst()
			.orElseThrow();

		browser = Browser.start(390, 844);
		signIn("qc.cardio");
		browser.get(url("/audits/inspections/" + inspection));
		waiting().until(d -> "0".equals(d.findElement(By.id("inspection-work")).getAttribute("data-pending-photos")));

		// the connection drops; the inspector photographs the item
		browser.setNetworkConditions(offline(true));
		waiting().until(d -> Boolean.FALSE.equals(((JavascriptExecutor) d).executeScript("return navigator.onLine;")));
		Path photo = Files.createTempFile("ward-offline", ".png");
		ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "png", photo.toFile());
		var input = browser.findElement(By.id("item-" + item.id() + "-photo"));
		Browser.scrollTo(browser, input);
		input.sendKeys(photo.toString());
		// it waits on the item, the banner says so, and submitting is held back
		waiting().until(d -> !d.findElement(By.id("item-" + item.id())).findElements(By.className("queued-photo")).isEmpty());
		assertThat(browser.findElement(By.id("item-" + item.id())).findElement(By.className("queued-photo")).getText())
			.contains("等待上传");
		waiting().until(d -> d.findElement(By.id("offline-banner")).isDisplayed());
		assertThat(browser.findElement(By.id("offline-banner")).getText()).contains("1 张照片暂存在本机");
		assertThat(browser.findElement(By.id("inspection-work")).getAttribute("data-pending-photos")).isEqualTo("1");
		assertThat(photos(inspection)).isZero();
		// a reload while offline does not lose it (IndexedDB, not the page): the page itself comes from the server
		// once back online
		browser.setNetworkConditions(offline(false));
		waiting().until(d -> "0".equals(d.findElement(By.id("inspection-work")).getAttribute("data-pending-photos")));
		waiting().until(d -> !d.findElement(By.id("item-" + item.id())).findElements(By.className("evidence-thumb"))
			.isEmpty() && d.findElement(By.id("item-" + item.id())).findElements(By.className("queued-photo")).isEmpty());
		assertThat(photos(inspection)).isEqualTo(1);
		assertThat(jdbc.sql("select client_id from inspection_photo where inspection_id = :id")
			.param("id", UUID.fromString(inspection)).query(String.class).single()).matches("[0-9a-f]{32}");
		// nothing is sent again: a reload and the periodic retry find an empty queue
		browser.navigate().refresh();
		waiting().until(d -> "0".equals(d.findElement(By.id("inspection-work")).getAttribute("data-pending-photos")));
		Thread.sleep(500);
		assertThat(photos(inspection)).isEqualTo(1);
		assertThat(browser.findElement(By.id("item-" + item.id())).findElements(By.className("evidence-thumb")))
			.hasSize(1);
	}

	@Test
	void aPhotoQueuedOfflineSurvivesAReloadAndHoldsBackSubmitting() throws Exception {
		UUID hospital = jdbc.sql("select id from hospital where code = 'H0001'").query(UUID.class).single();
		long versionId = templates.published(hospital).stream().filter(t -> t.code().equals("CL-WARD-NURSING"))
			.findFirst().orElseThrow().versionId();
		ChecklistTemplateVersion checklist = templates.version(hospital, versionId).orElseThrow();
		var planned = new Api(port).post("/api/v1/audit-plans", "{\"title\": \"病区离线拍照检查二\", "
				+ "\"auditType\": \"ROUTINE\", \"templateVersionId\": " + versionId + ", \"departmentCodes\": [\"0301W\"], "
				+ "\"auditors\": [\"qc.cardio\"], \"plannedOn\": \"" + LocalDate.now() + "\"}", Api.demo("quality"));
		assertThat(planned.status()).as(planned.body()).isEqualTo(201);
		String inspection = planned.json().get("inspections").get(0).get("id").asString();
		ChecklistItem item = checklist.items().filter(i -> i.scoring() == ScoringMethod.PASS_FAIL).findFirst()
			.orElseThrow();

		browser = Browser.start(390, 844);
		signIn("qc.cardio");
		browser.get(url("/audits/inspections/" + inspection));
		waiting().until(d -> "0".equals(d.findElement(By.id("inspection-work")).getAttribute("data-pending-photos")));
		// the server cannot be reached (the request fails although the phone thinks it is online): the photo waits
		browser.executeCdpCommand("Network.enable", java.util.Map.of());
		browser.executeCdpCommand("Network.setBlockedURLs", java.util.Map.of("urls", java.util.List.of("*/photos")));
		Path photo = Files.createTempFile("ward-blocked", ".png");
		ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", photo.toFile());
		var input = browser.findElement(By.id("item-" + item.id() + "-photo"));
		Browser.scrollTo(browser, input);
		input.sendKeys(photo.toString());
		waiting().until(d -> "1".equals(d.findElement(By.id("inspection-work")).getAttribute("data-pending-photos")));
		// submitting is held back while a photo waits
		click(By.id("submit-inspection"));
		try {
			browser.switchTo().alert().accept();
		}
		catch (org.openqa.selenium.NoAlertPresentException ex) {
			// no confirmation asked: the queue held the submission back before it
		}
		waiting().until(d -> d.findElement(By.id("offline-banner")).getText().contains("未上传"));
		assertThat(browser.findElement(By.id("inspection-status")).getText()).isNotEqualTo("已提交");
		// a reload keeps the photo on the phone
		browser.navigate().refresh();
		waiting().until(d -> "1".equals(d.findElement(By.id("inspection-work")).getAttribute("data-pending-photos")));
		assertThat(browser.findElement(By.id("item-" + item.id())).findElements(By.className("queued-photo"))).hasSize(1);
		assertThat(photos(inspection)).isZero();
		// the server is reachable again: the next attempt (the phone retries on its own) uploads it once
		browser.executeCdpCommand("Network.setBlockedURLs", java.util.Map.of("urls", java.util.List.of()));
		new WebDriverWait(browser, Duration.ofSeconds(40))
			.until(d -> "0".equals(d.findElement(By.id("inspection-work")).getAttribute("data-pending-photos")));
		assertThat(photos(inspection)).isEqualTo(1);
		waiting().until(d -> d.findElement(By.id("item-" + item.id())).findElements(By.className("evidence-thumb")).size() == 1);
	}

	private int photos(String inspection) {
		return jdbc.sql("select count(*) from inspection_photo where inspection_id = :id")
			.param("id", UUID.fromString(inspection)).query(Integer.class).single();
	}

	private static ChromiumNetworkConditions offline(boolean offline) {
		var conditions = new ChromiumNetworkConditions();
		conditions.setOffline(offline);
		return conditions;
	}
}
