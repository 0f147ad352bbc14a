package org.careqms.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.careqms.support.Api;
import org.careqms.support.Browser;
import org.careqms.support.CareQmsTest;
import org.careqms.support.ClinicalCsv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An analyst uploads a year of discharges in the browser (htmx upload with its progress bar), then
 * opens a core indicator for the department and reads its control chart.
 */
@CareQmsTest
class IndicatorBrowserTests {

	@LocalServerPort
	int port;

	WebDriver browser;

	@BeforeEach
	void start() {
		browser = Browser.start(1280, 1000);
	}

	@AfterEach
	void stop() {
		browser.quit();
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

	@Test
	void analystUploadsAYearOfDischargesAndReadsTheControlChart() throws Exception {
		// twelve months of cardiothoracic surgery (0404), two deaths a month and ten in the last month
		YearMonth first = YearMonth.now().minusMonths(12);
		List<String> rows = new ArrayList<>();
		for (int m = 0; m < 12; m++) {
			YearMonth month = first.plusMonths(m);
			for (int i = 0; i < 50; i++) {
				boolean died = i < (m == 11 ? 10 : 2);
				rows.add("BRW-" + m + "-" + i + ",PB" + m + "-" + i + ",1,1950-03-03," + month.atDay(3) + " 08:00,0404,"
						+ month.atDay(12) + " 09:30,0404,2,I25.100,," + (died ? 5 : 1) + ",1,8800.00");
			}
		}
		Path file = Files.createTempFile("encounters", ".csv");
		Files.write(file, ClinicalCsv.file(ClinicalCsv.ENCOUNTERS, rows.toArray(String[]::new)));

		browser.get(url("/login"));
		browser.findElement(By.id("username")).sendKeys("quality");
		browser.findElement(By.id("password")).sendKeys(Api.DEMO_PASSWORD);
		browser.findElement(By.id("login-submit")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("logout")).isEmpty());

		browser.get(url("/imports?lang=en"));
		new Select(browser.findElement(By.id("kind"))).selectByValue("ENCOUNTERS");
		browser.findElement(By.id("file")).sendKeys(file.toString());
		browser.findElement(By.id("upload")).click();
		new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> !d.findElements(By.id("run-accepted")).isEmpty());
		assertThat(browser.findElement(By.id("run-accepted")).getText()).isEqualTo("600");
		assertThat(browser.findElement(By.id("run-rejected")).getText()).isEqualTo("0");
		Files.delete(file);

		browser.get(url("/indicators/MORT-INPT?lang=en"));
		new Select(browser.findElement(By.id("department"))).selectByVisibleText("0404 心胸外科");
		browser.findElement(By.id("from")).clear();
		Browser.clickToNavigate(browser, By.cssSelector("#indicator-filter button[type=submit]"));
		new WebDriverWait(browser, Duration.ofSeconds(20))
			.until(d -> "true".equals(d.findElement(By.id("indicator-chart")).getAttribute("data-rendered")));
		assertThat(browser.findElements(By.cssSelector("#indicator-chart svg"))).isNotEmpty();
		assertThat(browser.findElements(By.cssSelector("#indicator-results tbody tr"))).hasSize(12);
		assertThat(browser.findElement(By.id("indicator-results")).getText()).contains("20.00", "4.00");
		// the last month lies above the p chart's upper limit: the page says so
		assertThat(browser.findElement(By.id("indicator-signals")).getText()).contains("above the upper control limit");
	}
}
