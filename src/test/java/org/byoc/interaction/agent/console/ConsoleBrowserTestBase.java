package org.byoc.interaction.agent.console;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.function.Function;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.boot.grpc.test.autoconfigure.LocalGrpcServerPort;
import org.springframework.boot.test.web.server.LocalManagementPort;

import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerApiTestBase;
import org.byoc.interaction.support.PartnerFixture;
import org.byoc.interaction.support.PartnerSubscription;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the agent console in one real headless Chromium per test class, signed in once, while a partner's Pub/Sub
 * subscriber (gRPC over TLS) reads org A's outbound events and the partner's middleware writes over the API.
 */
abstract class ConsoleBrowserTestBase extends PartnerApiTestBase {

	static final String AGENT = "0055g00000AAgtA";

	static final String DESK = "/console/orgs/" + PartnerFixture.ORG_A_ID + "/agents/" + AGENT + "/";

	static ConsoleBrowser browser;

	static boolean signedIn;

	@LocalManagementPort
	int managementPort;

	@LocalGrpcServerPort
	int grpcPort;

	String token;

	PartnerSubscription subscription;

	@BeforeEach
	void openBrowserAndSubscribe() {
		if (browser == null) {
			browser = ConsoleBrowser.open(this.managementPort);
		}
		this.token = accessToken(fixture.partnerA());
		this.subscription = PartnerSubscription.earliest(this.grpcPort, fixture.dataDir().resolve("tls/pubsub.crt"),
				this.token, fixture.partnerA().orgId(), "/event/BYOC_Outbound__e");
	}

	@AfterEach
	void unsubscribe() {
		this.subscription.close();
	}

	@AfterAll
	static void closeBrowser() {
		if (browser != null) {
			browser.close();
			browser = null;
			signedIn = false;
		}
	}

	void openConversation(String conversation) {
		signIn();
		browser.go(DESK + "conversations/" + conversation);
		browser.awaitLive();
	}

	void signIn() {
		if (signedIn && browser.driver().manage().getCookieNamed("console_admin_token") != null) {
			return;
		}
		browser.go("/console/sign-in");
		browser.find(By.id("token")).sendKeys(fixture.adminToken());
		browser.click(By.cssSelector("button[type=submit]"));
		browser.await((d) -> browser.path().equals("/console/"));
		signedIn = true;
	}

	/** Presses Tab until the focused element matches, at most {@code limit} times. */
	static WebElement tabUntil(Function<WebElement, Boolean> wanted, int limit) {
		for (int i = 0; i < limit; i++) {
			browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
			WebElement focused = browser.focused();
			if (Boolean.TRUE.equals(wanted.apply(focused))) {
				return focused;
			}
		}
		throw new AssertionError("no matching element within " + limit + " Tab presses");
	}

	/**
	 * Opening a conversation reads the end user's messages (ConsoleEntriesBrowserTest): tests of other features
	 * leave the receipts out of what the partner received.
	 */
	static boolean notReceipt(PartnerSubscription.OutboundEvent event) {
		return !event.entryType().equals("DeliveryAcknowledgement") && !event.entryType().equals("ReadAcknowledgement");
	}

	static String transcript() {
		return browser.text(By.id("transcript"));
	}

	static WebElement listLine(String conversation) {
		return browser.find(By.cssSelector("#list a[data-conversation='" + conversation + "']"));
	}

	static String newEndUser() {
		return "+1555" + UUID.randomUUID().toString().substring(0, 7);
	}

	String endUserWrites(String from, String text) {
		String id = UUID.randomUUID().toString();
		return endUserInteraction(from, """
				{"timestamp": 1, "interactionType": "EntryInteraction",
				 "payload": {"id": "%s", "entryType": "Message", "abstractMessage": {"messageType":
				 "StaticContentMessage", "id": "%s", "staticContent": {"formatType": "Text", "text": "%s"}}}}"""
			.formatted(id, id, text));
	}

	String endUserInteraction(String from, String interaction) {
		return endUserInteraction(fixture.partnerA(), from, interaction);
	}

	/** An end user's interaction on the app's channel, as the partner's middleware posts it. */
	String endUserInteraction(PartnerFixture.App app, String from, String interaction) {
		Multipart body = Multipart.of().json("""
				{"to": "%s", "from": "%s", "interactions": [%s]}""".formatted(app.address(), from, interaction));
		HttpResponse<String> accepted = send(apiRequest("/api/v1/interactions", app, this.token)
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		return json(accepted).get("conversationIdentifier").asString();
	}

	static HttpResponse<byte[]> sendBytes(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static byte[] png() throws Exception {
		java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(32, 24,
				java.awt.image.BufferedImage.TYPE_INT_RGB);
		java.awt.Graphics2D g = image.createGraphics();
		g.setColor(java.awt.Color.ORANGE);
		g.fillRect(0, 0, 32, 24);
		g.dispose();
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

}
