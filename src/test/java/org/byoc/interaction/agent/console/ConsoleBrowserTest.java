package org.byoc.interaction.agent.console;

import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import org.byoc.interaction.setup.Certificates;
import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerFixture;
import org.byoc.interaction.support.PartnerSubscription;
import org.byoc.interaction.support.PartnerSubscription.OutboundEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent console in a real headless Chromium: a person signs in with an admin token, picks an org and an
 * agent, watches an end user's messages arrive live, replies (text and files) and sees each action reach the
 * partner's Pub/Sub subscriber. Screenshots of the main views go to {@code target/console-screenshots/}.
 */
class ConsoleBrowserTest extends ConsoleBrowserTestBase {

	@Test
	void whenAPersonSignsInWithTheKeyboardThenTheyPickAnOrgAndAnAgentAndReachTheDesk() {
		browser.driver().manage().deleteAllCookies();
		browser.go("/console/");
		assertThat(browser.path()).isEqualTo("/console/sign-in");
		assertThat(browser.focused().getDomAttribute("id")).isEqualTo("token");
		browser.screenshot("01-sign-in");

		browser.focused().sendKeys("not-a-token");
		browser.focused().sendKeys(Keys.TAB);
		assertThat(browser.focused().getText()).isEqualTo("Sign in");
		browser.focused().sendKeys(Keys.ENTER);
		browser.await((d) -> d.findElement(By.cssSelector("[role=alert]")).getText().contains("not a signed JWT"));

		browser.find(By.id("token")).sendKeys(fixture.adminToken());
		browser.find(By.id("token")).sendKeys(Keys.TAB, Keys.ENTER);
		browser.await((d) -> browser.path().equals("/console/"));
		signedIn = true;
		assertThat(browser.text(By.tagName("h1"))).isEqualTo("Choose an org and an agent");
		browser.screenshot("02-orgs-and-agents");

		WebElement agent = tabUntil((element) -> "Agent A".equals(element.getText()), 80);
		agent.sendKeys(Keys.ENTER);
		browser.await((d) -> browser.path().equals(DESK));
		assertThat(browser.text(By.cssSelector(".top .where"))).contains("Org A").contains("Agent A");
	}

	@Test
	void whenAnEndUserWritesThenTheMessageAppearsLiveAndTheReplyReachesThePartnersSubscriber() {
		String from = newEndUser();
		String conversation = endUserWrites(from, "Hello, I need help with my order");
		openConversation(conversation);
		browser.script("window.consoleTestMarker = 'same page';");

		String live = "Are you there? " + UUID.randomUUID();
		endUserWrites(from, live);

		browser.await((d) -> transcript().contains(live));
		assertThat(browser.script("return window.consoleTestMarker;")).as("no page reload").isEqualTo("same page");
		browser.await((d) -> listLine(conversation).getText().contains(live));
		assertThat(listLine(conversation).findElement(By.className("unread")).getText()).isEqualTo("2");

		WebElement reply = browser.find(By.id("reply-text"));
		reply.click();
		reply.sendKeys("Hi! Happy to help.");
		reply.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));

		browser.await((d) -> d.findElements(By.cssSelector(".entry.from-agent")).stream()
			.anyMatch((e) -> e.getText().contains("Hi! Happy to help.")));
		browser.await((d) -> browser.find(By.id("reply-text")).getDomProperty("value").isEmpty());
		List<OutboundEvent> events = this.subscription.await(conversation, ConsoleBrowserTestBase::notReceipt, 3, Duration.ofSeconds(15));
		assertThat(events).extracting(OutboundEvent::entryType)
			.containsExactly("TypingStartedIndicator", "TypingStoppedIndicator", "Message");
		OutboundEvent message = events.get(2);
		assertThat(message.entryPayload().at("/abstractMessage/staticContent/text").asString())
			.isEqualTo("Hi! Happy to help.");
		assertThat(message.payload().at("/recipient/subject").asString()).isEqualTo(from);
		assertThat(message.payload().at("/payload/sender/subject").asString()).isEqualTo(AGENT);

		// the page shows the same events, decoded, with the replay ids the subscriber saw
		browser.await((d) -> d.findElements(By.cssSelector("#events [data-replay-id='" + message.replayId() + "']"))
			.size() == 1);
		assertThat(browser.find(By.cssSelector("#events [data-replay-id='" + message.replayId() + "']"))
			.getDomAttribute("data-entry-type")).isEqualTo("Message");
		// the agent answered: nothing unread any more
		browser.await((d) -> listLine(conversation).findElements(By.className("unread")).isEmpty());
		browser.click(By.cssSelector("#events [data-replay-id='" + message.replayId() + "'] summary"));
		browser.screenshot("03-conversation");
	}

	@Test
	void whenTheEndUserTypesOrADeliveryFailsThenThePageShowsItLive() {
		String from = newEndUser();
		String conversation = endUserWrites(from, "Typing test");
		openConversation(conversation);
		assertThat(browser.text(By.cssSelector("#state .typing"))).isEmpty();

		endUserInteraction(from, """
				{"timestamp": 1, "interactionType": "EntryInteraction",
				 "payload": {"id": "%s", "entryType": "TypingStartedIndicator", "timestamp": 1}}""".formatted(
						UUID.randomUUID()));
		browser.await((d) -> d.findElement(By.cssSelector("#state .typing")).getText().contains("typing"));
		endUserInteraction(from, """
				{"timestamp": 2, "interactionType": "EntryInteraction",
				 "payload": {"id": "%s", "entryType": "TypingStoppedIndicator", "timestamp": 2}}""".formatted(
						UUID.randomUUID()));
		browser.await((d) -> d.findElement(By.cssSelector("#state .typing")).getText().isEmpty());

		WebElement reply = browser.find(By.id("reply-text"));
		reply.sendKeys("This one will not arrive");
		browser.click(By.cssSelector("#reply button[type=submit]"));
		String entryId = browser.await((d) -> d.findElements(By.cssSelector(".entry.from-agent")).stream()
			.filter((e) -> e.getText().contains("will not arrive"))
			.findFirst()
			.map((e) -> e.getDomAttribute("data-entry-id"))
			.orElse(null));
		endUserInteraction(from, """
				{"timestamp": 3, "interactionType": "EntryInteraction",
				 "payload": {"id": "%s", "entryType": "MessageDeliveryFailed", "failedConversationEntryIdentifier": "%s",
				  "recipient": {"appType": "custom", "subject": "%s", "role": "EndUser"}, "errorCode": "404",
				  "errorMessage": "Unknown handle"}}""".formatted(UUID.randomUUID(), entryId, from));
		browser.await((d) -> d.findElement(By.cssSelector("[data-entry-id='" + entryId + "'] .failure")).getText()
			.contains("Not delivered to the end user: 404"));
		assertThat(transcript()).contains("The partner could not deliver " + entryId + ": 404 (Unknown handle)");
	}

	@Test
	void whenTheAgentSendsAPictureThenThePartnerGetsItsLinkAndThePageShowsAPreview() throws Exception {
		String from = newEndUser();
		String conversation = endUserWrites(from, "Can you send me the picture?");
		openConversation(conversation);
		byte[] png = png();
		File file = ConsoleBrowser.writeTemp("picture.png", png);

		browser.find(By.id("reply-file")).sendKeys(file.getAbsolutePath());
		browser.find(By.id("reply-text")).sendKeys("Here it is");
		browser.click(By.cssSelector("#reply button[type=submit]"));

		browser.await((d) -> ((Number) browser.script("const img = document.querySelector("
				+ "'.entry.from-agent img[alt=\"Preview of picture.png\"]'); return img ? img.naturalWidth : 0;"))
			.intValue() == 32);
		assertThat(browser.find(By.linkText("Download picture.png")).isDisplayed()).isTrue();
		assertThat(browser.find(By.id("reply-file")).getDomProperty("value")).isEmpty();

		OutboundEvent event = this.subscription.await(conversation, ConsoleBrowserTestBase::notReceipt, 3, Duration.ofSeconds(15)).stream()
			.filter((e) -> "Message".equals(e.entryType()))
			.findFirst()
			.orElseThrow();
		var content = event.entryPayload().at("/abstractMessage/staticContent");
		assertThat(content.get("formatType").asString()).isEqualTo("Attachments");
		assertThat(content.get("text").asString()).isEqualTo("Here it is");
		assertThat(content.at("/attachments/0/mimeType").asString()).isEqualTo("image/png");
		HttpResponse<byte[]> download = http.send(
				HttpRequest.newBuilder(URI.create(content.at("/attachments/0/url").asString())).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(download.body()).isEqualTo(png);
		browser.screenshot("04-picture-sent");
	}

	@Test
	void whenTheEndUserSendsAFileThenItAppearsLiveWithADownloadLink() {
		String from = newEndUser();
		String conversation = endUserWrites(from, "I will send the invoice");
		openConversation(conversation);
		byte[] pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".getBytes();
		String id = UUID.randomUUID().toString();
		Multipart body = Multipart.of().json("""
				{"to": "%s", "from": "%s", "interactions": [{"timestamp": 1, "interactionType":
				 "AttachmentInteraction", "id": "%s", "attachmentIndex": 0, "contentLength": %d, "text": "invoice"}]}"""
			.formatted(fixture.partnerA().address(), from, id, pdf.length))
			.file("attachments", "invoice.pdf", "application/pdf", pdf);
		HttpResponse<String> accepted = send(apiRequest("/api/v1/interactions", fixture.partnerA(), this.token)
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

		// the page reloads parts as events arrive: read the link in one go
		String href = browser.await((d) -> d.findElements(By.linkText("Download invoice.pdf")).stream()
			.findFirst()
			.map((link) -> link.getDomAttribute("href"))
			.orElse(null));
		assertThat(href).contains("download=true");
		// the link works with the console's session cookie alone
		String cookie = "console_admin_token=" + browser.driver().manage().getCookieNamed("console_admin_token").getValue();
		HttpResponse<byte[]> file = sendBytes(HttpRequest.newBuilder(URI.create("http://localhost:"
				+ this.managementPort + href)).header("Cookie", cookie).build());
		assertThat(file.statusCode()).isEqualTo(200);
		assertThat(file.body()).isEqualTo(pdf);
		assertThat(file.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				(disposition) -> assertThat(disposition).startsWith("attachment").contains("invoice.pdf"));
	}

	@Test
	void whenTheAgentUsesOnlyTheKeyboardThenTheyOpenAConversationAndReply() {
		String from = newEndUser();
		String conversation = endUserWrites(from, "Keyboard user here");
		signIn();
		browser.go(DESK);
		browser.awaitLive();

		WebElement line = tabUntil((element) -> conversation.equals(element.getDomAttribute("data-conversation")), 80);
		line.sendKeys(Keys.ENTER);
		browser.await((d) -> browser.path().equals(DESK + "conversations/" + conversation));
		browser.awaitLive();
		WebElement reply = tabUntil((element) -> "reply-text".equals(element.getDomAttribute("id")), 40);
		reply.sendKeys("Typed without a mouse");
		reply.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));

		OutboundEvent message = this.subscription.await(conversation, ConsoleBrowserTestBase::notReceipt, 3, Duration.ofSeconds(15)).stream()
			.filter((e) -> "Message".equals(e.entryType()))
			.findFirst()
			.orElseThrow();
		assertThat(message.entryPayload().at("/abstractMessage/staticContent/text").asString())
			.isEqualTo("Typed without a mouse");
	}

	@Test
	void whenTheAgentJoinsThenThePartnerReceivesParticipantChanged() {
		String conversation = endUserWrites(newEndUser(), "Who is there?");
		openConversation(conversation);

		browser.click(By.xpath("//button[text()='Join conversation']"));

		browser.await((d) -> transcript().contains("Agent A joined the conversation"));
		OutboundEvent joined = this.subscription.await(conversation, ConsoleBrowserTestBase::notReceipt, 1, Duration.ofSeconds(15)).get(0);
		assertThat(joined.entryType()).isEqualTo("ParticipantChanged");
		assertThat(joined.entryPayload().at("/entries/0/operation").asString()).isEqualTo("add");
	}

	@Test
	void whenASendIsRefusedThenThePageSaysWhy() {
		String conversation = endUserWrites(newEndUser(), "Refusal test");
		openConversation(conversation);

		browser.click(By.cssSelector("#reply button[type=submit]"));

		browser.await((d) -> d.findElement(By.id("flash")).getText().contains("A message needs text or attachmentIds."));
		assertThat(browser.text(By.id("flash"))).contains("code 10089");
	}

	@Test
	void whenTheOperatorViewIsOpenThenItShowsAppsChannelsAndLiveSubscriberCounts() throws Exception {
		signIn();
		browser.go("/console/operator");
		String expected = OperatorController.fingerprint(Certificates.parse(fixture.partnerA().certificatePem()));
		assertThat(browser.text(By.tagName("body"))).contains(fixture.partnerA().consumerKey())
			.contains(expected)
			.contains(fixture.partnerA().channel())
			.contains(fixture.partnerA().address())
			.contains(fixture.partnerA().inactiveAddress());

		By outbound = By.cssSelector("[data-topic='" + fixture.partnerA().orgId() + "/event/BYOC_Outbound__e'] .subscribers");
		// this test's own subscription (opened before it) is counted once the stream took its first request
		browser.await((d) -> Integer.parseInt(d.findElement(outbound).getText()) > 0);

		// The shared service's other tests open and close streams on the outbound topic (the previous test's may
		// still be closing), so the change is counted on the legacy topic, and only from a count that held still
		By count = By.cssSelector("[data-topic='" + fixture.partnerA().orgId() + PartnerFixture.LEGACY_TOPIC
				+ "'] .subscribers");
		int before = settled(count);
		try (PartnerSubscription another = PartnerSubscription.earliest(this.grpcPort,
				fixture.dataDir().resolve("tls/pubsub.crt"), this.token, fixture.partnerA().orgId(),
				PartnerFixture.LEGACY_TOPIC)) {
			browser.await((d) -> Integer.parseInt(d.findElement(count).getText()) == before + 1);
			browser.screenshot("05-operator");
		}
		browser.await((d) -> Integer.parseInt(d.findElement(count).getText()) == before);
	}

	/** The number the page shows once it was the same over three refreshes of the table (every 2 s). */
	private static int settled(By count) {
		int[] last = { -1, 0 };
		return browser.await((d) -> {
			int now = Integer.parseInt(d.findElement(count).getText());
			last[1] = (now == last[0]) ? last[1] + 1 : 0;
			last[0] = now;
			return (last[1] >= 12) ? now : null; // polled every 500 ms: the same for 6 s
		});
	}

}
