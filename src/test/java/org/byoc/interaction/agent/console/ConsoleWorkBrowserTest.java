package org.byoc.interaction.agent.console;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.byoc.interaction.support.PartnerSubscription.OutboundEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent's work in the console, in headless Chromium: routing the partner starts shows up live, the agent
 * accepts, declines, picks up (Salesforce-routed channels), transfers and ends, and each step reaches the partner's
 * subscriber as the routing module's events; the end user's consent is shown as the partner sets it.
 */
class ConsoleWorkBrowserTest extends ConsoleBrowserTestBase {

	@Test
	void whenThePartnerAssignsWorkThenTheAgentAcceptsTransfersToAQueueAndEndsTheChat() {
		String from = newEndUser();
		String conversation = endUserWrites(from, "Please route me");
		openConversation(conversation);
		String workItem = workItem(conversation);

		partner("/api/v1/route", """
				{"conversationIdentifier": "%s", "routingType": "Initial"}""".formatted(conversation));
		WebElement waiting = browser.await((d) -> d.findElements(By.cssSelector("#work [data-psr-id]")).stream()
			.filter((e) -> e.getText().contains(from))
			.findFirst()
			.orElse(null));
		assertThat(waiting.getText()).contains("Initial → queue Support").contains("The partner's router assigns it");
		browser.await((d) -> listLine(conversation).getText().contains("Waiting for queue Support"));

		partner("/api/v1/agentWork", """
				{"userId": "%s", "workItemId": "%s"}""".formatted(AGENT, workItem));
		By accept = By.cssSelector("#work [data-status='Assigned'] button[aria-label='Accept work for " + from + "']");
		browser.click(accept);

		browser.await((d) -> !d.findElements(By.cssSelector("#work [data-status='Opened']")).isEmpty());
		browser.await((d) -> transcript().contains("Agent A joined the conversation"));
		browser.await((d) -> listLine(conversation).getText().contains("With Agent A"));
		List<OutboundEvent> accepted = this.subscription.await(conversation, ConsoleBrowserTestBase::notReceipt, 4, Duration.ofSeconds(15));
		assertThat(accepted).extracting(OutboundEvent::entryType).containsExactly("RoutingWorkResult",
				"ParticipantChanged", "RoutingResult", "RoutingWorkResult");
		assertThat(browser.text(By.cssSelector(".entry.from-agent .sender"))).isEqualTo("Agent A");
		WebElement reply = browser.find(By.id("reply-text"));
		reply.sendKeys("Hi, this is Agent A. Let me pass you to our support team.");
		browser.click(By.cssSelector("#reply button[type=submit]"));
		assertThat(this.subscription.await(conversation, ConsoleBrowserTestBase::notReceipt, 7, Duration.ofSeconds(15)).get(6).entryType())
			.isEqualTo("Message");
		browser.await((d) -> d.findElements(By.cssSelector("#events [data-entry-type='Message']")).size() == 1);
		browser.screenshot("07-work-accepted");

		new Select(browser.find(By.id("transfer-target"))).selectByVisibleText("Support");
		browser.click(By.xpath("//button[text()='Transfer']"));
		List<OutboundEvent> transferring = this.subscription.await(conversation, ConsoleBrowserTestBase::notReceipt, 9, Duration.ofSeconds(15));
		assertThat(transferring.get(7).entryType()).isEqualTo("TransferProgress");
		OutboundEvent requested = transferring.get(8);
		assertThat(requested.eventType()).isEqualTo("RoutingRequested");
		assertThat(requested.payload().at("/payload/routingType").asString()).isEqualTo("Transfer");
		browser.await((d) -> d.findElements(By.cssSelector("#work [data-psr-id]")).stream()
			.anyMatch((e) -> e.getText().contains(from) && e.getText().contains("Transfer → queue Support")));

		browser.click(By.xpath("//button[text()='End conversation']"));
		Alert confirm = browser.await(ExpectedConditions.alertIsPresent());
		confirm.accept();
		browser.await((d) -> d.findElement(By.cssSelector("#state .session-status")).getText().equals("Ended"));
		List<OutboundEvent> events = this.subscription.await(conversation, ConsoleBrowserTestBase::notReceipt, 13, Duration.ofSeconds(15));
		assertThat(events.subList(9, 13)).extracting(OutboundEvent::entryType)
			.containsExactly("TransferProgress", "ParticipantChanged", "SessionStatusChanged", "RoutingWorkResult");
		assertThat(events.get(11).entryPayload().toString()).contains("Ended");
		browser.await((d) -> d.findElements(By.cssSelector("#work [data-work-id]")).stream()
			.noneMatch((e) -> e.getText().contains(from)));
		browser.screenshot("08-chat-ended");
	}

	@Test
	void whenAConversationWaitsOnASalesforceRoutedChannelThenTheAgentPicksItUpDeclinesAndAccepts() {
		String from = newEndUser();
		String conversation = endUserInteraction(fixture.salesforceRoutedA(), from, textMessage("Route me, Omni"));
		openConversation(conversation);
		By pickUp = By.cssSelector("#work button[aria-label='Pick up " + from + "']");

		browser.click(pickUp);
		By decline = By.cssSelector("#work button[aria-label='Decline work for " + from + "']");
		browser.click(decline);
		// declined: the routing still waits, and can be picked up again
		browser.click(pickUp);
		browser.click(By.cssSelector("#work button[aria-label='Accept work for " + from + "']"));

		browser.await((d) -> listLine(conversation).getText().contains("With Agent A"));
		// taken: it no longer waits
		browser.await((d) -> d.findElements(By.cssSelector("#work [data-psr-id]")).stream()
			.noneMatch((e) -> e.getText().contains(from)));
		// it waited in the queue; picked up, declined (back in the queue), picked up again and accepted
		// (whether the router placed it back in the queue before the second pick-up depends on the browser's speed)
		List<OutboundEvent> routed = this.subscription.await(conversation, ConsoleBrowserTestBase::notReceipt, 7, Duration.ofSeconds(15));
		if (routed.stream().filter((event) -> event.entryType().equals("QueuePosition")).count() > 1) {
			routed = this.subscription.await(conversation, ConsoleBrowserTestBase::notReceipt, 8, Duration.ofSeconds(15));
		}
		assertThat(routed.get(0).entryType()).isEqualTo("QueuePosition");
		assertThat(routed).extracting(OutboundEvent::entryType)
			.filteredOn((type) -> !type.equals("QueuePosition"))
			.containsExactly("RoutingWorkResult", "RoutingWorkResult", "RoutingWorkResult", "ParticipantChanged",
					"RoutingResult", "RoutingWorkResult");

		By close = By.cssSelector("#work button[aria-label='Close work for " + from + "']");
		browser.click(close);
		browser.await((d) -> transcript().contains("Agent A left the conversation"));
	}

	@Test
	void whenThePartnerSetsConsentThenTheConversationShowsItLive() {
		String from = newEndUser();
		String conversation = endUserWrites(from, "Consent test");
		openConversation(conversation);
		// read afresh: live updates may replace the element between finding and reading it
		browser.await((d) -> d.findElement(By.cssSelector("#state .consent")).getText().equals("not set"));

		HttpResponse<String> set = send(apiRequest("/api/v1/consent", fixture.partnerA(), this.token)
			.header("Content-Type", "application/json")
			.method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("""
					{"endUserClientId": "%s", "channelAddressIdentifier": "%s", "consentStatus": "ExplicitlyOptedIn"}"""
				.formatted(from, fixture.partnerA().address())))
			.build());
		assertThat(set.statusCode()).as(set.body()).isEqualTo(200);

		browser.await((d) -> d.findElement(By.cssSelector("#state .consent")).getText().equals("ExplicitlyOptedIn"));
	}

	@Test
	void whenTheAgentTransfersWithoutOpenedWorkThenThePageSaysWhy() {
		String conversation = endUserWrites(newEndUser(), "Nobody has me");
		openConversation(conversation);

		new Select(browser.find(By.id("transfer-target"))).selectByVisibleText("Agent B");
		browser.click(By.xpath("//button[text()='Transfer']"));

		browser.await((d) -> d.findElement(By.id("flash")).getText().contains("has no opened work in conversation"));
	}

	private String workItem(String conversation) {
		return browser.text(By.cssSelector("#state .session-status + .muted"));
	}

	private void partner(String path, String json) {
		HttpResponse<String> response = send(apiRequest(path, fixture.partnerA(), this.token)
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(json))
			.build());
		assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 202);
	}

	private static String textMessage(String text) {
		String id = UUID.randomUUID().toString();
		return """
				{"timestamp": 1, "interactionType": "EntryInteraction",
				 "payload": {"id": "%s", "entryType": "Message", "abstractMessage": {"messageType":
				 "StaticContentMessage", "id": "%s", "staticContent": {"formatType": "Text", "text": "%s"}}}}"""
			.formatted(id, id, text);
	}

}
