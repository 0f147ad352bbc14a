package org.careqms.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

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

	/**
	 * Clicks something that loads another page and returns when the new page has replaced the old one. The
	 * element is scrolled into view first, as a user on a phone would.
	 */
	public static void clickToNavigate(WebDriver driver, By locator) {
		var oldPage = driver.findElement(By.tagName("html"));
		click(driver, locator);
		new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(oldPage));
	}

	/** Scrolls the element into the middle of the viewport and clicks it. */
	public static void click(WebDriver driver, By locator) {
		retrying(() -> scrollTo(driver, driver.findElement(locator)).click());
	}

	/** Scrolls the field into view, empties it and types the text. */
	public static void type(WebDriver driver, By locator, CharSequence text) {
		retrying(() -> {
			var element = scrollTo(driver, driver.findElement(locator));
			element.clear();
			element.sendKeys(text);
		});
	}

	/** Scrolls the element into the middle of the viewport and returns it. */
	public static WebElement scrollTo(WebDriver driver, By locator) {
		WebElement[] found = new WebElement[1];
		retrying(() -> found[0] = scrollTo(driver, driver.findElement(locator)));
		return found[0];
	}

	public static WebElement scrollTo(WebDriver driver, WebElement element) {
		((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});",
				element);
		return element;
	}

	/**
	 * Runs an interaction again when the element was replaced under it: an htmx swap, or Chromium's "Node with
	 * given id does not belong to the document" while a freshly loaded document is still being attached (a CI
	 * run failed once on exactly that). Any other failure is thrown at once.
	 */
	static void retrying(Runnable interaction) {
		for (int attempt = 1;; attempt++) {
			try {
				interaction.run();
				return;
			}
			catch (WebDriverException ex) {
				boolean replaced = ex instanceof StaleElementReferenceException
						|| String.valueOf(ex.getMessage()).contains("does not belong to the document")
						|| String.valueOf(ex.getMessage()).contains("No node with given id");
				if (!replaced || attempt == 5) {
					throw ex;
				}
				try {
					Thread.sleep(200L * attempt);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}
}
