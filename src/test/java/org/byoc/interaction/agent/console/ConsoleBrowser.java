package org.byoc.interaction.agent.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven through WebDriver, with
 * a fresh profile, no network beyond this machine, and screenshots written under {@code target/}.
 */
final class ConsoleBrowser implements AutoCloseable {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

	private final ChromeDriver driver;

	private final ChromeDriverService service;

	private final String baseUrl;

	private ConsoleBrowser(String baseUrl) {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			throw new IllegalStateException("The console's browser tests need Debian's chromium and chromium-driver ("
					+ CHROMIUM + ", " + CHROMEDRIVER + "): apt-get install -y chromium chromium-driver");
		}
		Path profile = Path.of("target", "test-data", "chromium-" + UUID.randomUUID()).toAbsolutePath();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1366,860", "--lang=en-US");
		this.service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.withLogOutput(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
			.build();
		this.driver = new ChromeDriver(this.service, options);
		this.driver.manage().window().setSize(new Dimension(1366, 860));
		this.baseUrl = baseUrl;
	}

	static ConsoleBrowser open(int managementPort) {
		return new ConsoleBrowser("http://localhost:" + managementPort);
	}

	WebDriver driver() {
		return this.driver;
	}

	void go(String path) {
		this.driver.get(this.baseUrl + path);
	}

	String path() {
		return java.net.URI.create(this.driver.getCurrentUrl()).getPath();
	}

	WebElement find(By by) {
		return this.driver.findElement(by);
	}

	WebElement focused() {
		return this.driver.switchTo().activeElement();
	}

	<T> T await(Function<WebDriver, T> condition) {
		// page parts are replaced as updates arrive: an element found a moment ago may be gone; a loaded CI machine
		// has been seen to need more than 15 s for a live update behind a whole suite
		return new WebDriverWait(this.driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
			.ignoring(NoSuchElementException.class)
			.until(condition);
	}

	/** Clicks the element once it can be clicked; live updates may replace it meanwhile, so it is found afresh. */
	void click(By by) {
		await((d) -> {
			WebElement element = d.findElement(by);
			if (!element.isDisplayed() || !element.isEnabled()) {
				return null;
			}
			element.click();
			return true;
		});
	}

	/** The element's text, read in one go (a live update may replace the element between finding and reading). */
	String text(By by) {
		return await((d) -> d.findElement(by).getText());
	}

	/** The page's server-sent event stream is open (the console marks it on the body). */
	void awaitLive() {
		await((d) -> "on".equals(d.findElement(By.tagName("body")).getDomAttribute("data-live")));
	}

	Object script(String script, Object... args) {
		return ((JavascriptExecutor) this.driver).executeScript(script, args);
	}

	/** Writes {@code target/console-screenshots/<name>.png} and answers its path. */
	Path screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path file = SCREENSHOTS.resolve(name + ".png");
			Files.write(file, this.driver.getScreenshotAs(OutputType.BYTES));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static File writeTemp(String name, byte[] content) {
		try {
			Path dir = Path.of("target", "test-data", "uploads-" + UUID.randomUUID()).toAbsolutePath();
			Files.createDirectories(dir);
			Path file = dir.resolve(name);
			Files.write(file, content);
			return file.toFile();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			this.service.stop();
		}
	}

}
