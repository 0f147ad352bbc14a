package org.careqms.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both named explicitly so that
 * Selenium downloads nothing.
 */
public final class Browser {

	public static final String CHROMIUM = System.getProperty("careqms.chromium", "/usr/bin/chromium");
	public static final String CHROMEDRIVER = System.getProperty("careqms.chromedriver", "/usr/bin/chromedriver");

	private Browser() {
	}

	public static ChromeDriver start(int width, int height) {
		if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
			throw new IllegalStateException("Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
					+ ": apt-get install -y chromium chromium-driver (.ci/run does)");
		}
		try {
			var options = new ChromeOptions();
			options.setBinary(CHROMIUM);
			options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--lang=zh-CN",
					"--user-data-dir=" + Files.createTempDirectory("careqms-chromium"),
					"--window-size=" + width + "," + height);
			var service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
				.usingAnyFreePort()
				.build();
			var driver = new ChromeDriver(service, options);
			driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
			driver.manage().window().setSize(new Dimension(width, height));
			return driver;
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Clicks something that loads another page and returns when the new page has replaced the old one. */
	public static void clickToNavigate(org.openqa.selenium.WebDriver driver, org.openqa.selenium.By locator) {
		var oldPage = driver.findElement(org.openqa.selenium.By.tagName("html"));
		driver.findElement(locator).click();
		new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(30))
			.until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(oldPage));
	}
}
