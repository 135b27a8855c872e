package org.byoc.interaction.apispec;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.byoc.interaction.support.PartnerApiTestBase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Swagger UI on the API port shows our own spec file, without a token, in a real (headless) Chromium. */
class SwaggerUiTest extends PartnerApiTestBase {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	@Test
	void whenTheSpecIsFetchedWithoutATokenThenItIsOurFileAndSwaggerUiPointsAtIt() throws IOException {
		HttpResponse<String> spec = send(HttpRequest
			.newBuilder(URI.create(baseUrl() + "/openapi/inbound-interaction-api.yaml"))
			.build());
		HttpResponse<String> config = send(HttpRequest
			.newBuilder(URI.create(baseUrl() + "/v3/api-docs/swagger-config"))
			.build());
		HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/swagger-ui/index.html"))
			.build());

		assertThat(spec.statusCode()).isEqualTo(200);
		assertThat(spec.body()).isEqualTo(Files.readString(OpenApiContract.SPEC));
		assertThat(json(config).path("url").asString()).isEqualTo("/openapi/inbound-interaction-api.yaml");
		assertThat(page.statusCode()).isEqualTo(200);
	}

	@Test
	void whenSwaggerUiIsOpenedInChromiumThenItShowsTheInteractionsOperation(@TempDir Path profile)
			throws IOException {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"needs Debian's chromium and chromium-driver (.ci/run installs them)");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--user-data-dir=" + profile, "--window-size=1280,1600");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		WebDriver browser = new ChromeDriver(service, options);
		try {
			browser.get(baseUrl() + "/swagger-ui/index.html");
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
			WebElement operation = wait.until(ExpectedConditions
				.visibilityOfElementLocated(By.id("operations-Interactions-postInteraction")));
			operation.findElement(By.cssSelector(".opblock-summary")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(
					By.cssSelector("#operations-Interactions-postInteraction .responses-wrapper"), "202"));
			Path screenshot = Path.of("target", "swagger-ui.png");
			Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), screenshot,
					StandardCopyOption.REPLACE_EXISTING);

			assertThat(browser.findElement(By.cssSelector(".info .title")).getText())
				.contains("Interaction Service — inbound Interaction API");
			assertThat(operation.getText()).contains("POST").contains("/api/v1/interactions");
			assertThat(browser.findElement(By.id("operations-Interactions-postInteraction")).getText())
				.contains("multipart/form-data");
			assertThat(screenshot).isNotEmptyFile();
		}
		finally {
			browser.quit();
		}
	}

}
