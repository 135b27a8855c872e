package org.byoc.interaction.agent.console;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.support.PartnerFixture;
import org.byoc.interaction.support.PartnerSubscription.OutboundEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent side's entries in the console, in headless Chromium: what the agent sees is read (ticks per entry and
 * receipts for the partner), private notes and flags (shown as private, never as sent), consults with another
 * agent, progress indicators, and the end user's consent; each reaches the partner's subscriber.
 */
class ConsoleEntriesBrowserTest extends ConsoleBrowserTestBase {

	static final Duration WAIT = Duration.ofSeconds(15);

	@Test
	void whenTheAgentOpensAConversationThenWhatIsShownIsReadAndTheTicksSayIt() {
		String from = newEndUser();
		String conversation = endUserWrites(from, "Anyone reading this?");
		String first = firstEntryId(conversation);

		openConversation(conversation);
		List<OutboundEvent> receipts = receipts(conversation, 2);
		assertThat(receipts).extracting(OutboundEvent::entryType)
			.containsExactly("DeliveryAcknowledgement", "ReadAcknowledgement");
		for (OutboundEvent receipt : receipts) {
			JsonNode entry = receipt.payload().get("payload");
			assertThat(entry.at("/entryPayload/acknowledgedConversationEntryIdentifier").asString()).isEqualTo(first);
			assertThat(entry.at("/entryPayload/recipient/subject").asString()).isEqualTo(from);
			assertThat(entry.at("/sender/subject").asString()).isEqualTo(AGENT);
			assertThat(entry.get("senderDisplayName").asString()).isEqualTo("Agent A");
		}
		browser.await((d) -> d.findElement(By.cssSelector(".entry[data-entry-id='" + first + "'] .receipt"))
			.getText()
			.contains("Read by Agent A"));

		// a message arriving while the conversation is open is read as it is shown
		endUserWrites(from, "Second message");
		List<OutboundEvent> more = receipts(conversation, 4);
		assertThat(more.subList(2, 4)).extracting(OutboundEvent::entryType)
			.containsExactly("DeliveryAcknowledgement", "ReadAcknowledgement");
		browser.await((d) -> d.findElements(By.cssSelector(".entry.from-end-user .receipt[data-receipt='read']"))
			.size() == 2);
		browser.screenshot("09-read-ticks");
	}

	@Test
	void whenTheAgentWritesANoteAndRaisesTheFlagThenTheyShowAsPrivateAndReachThePartnerForAgentsOnly() {
		String from = newEndUser();
		String conversation = endUserWrites(from, "I am really upset");
		openConversation(conversation);

		browser.find(By.id("note-text")).sendKeys("Offer a voucher");
		browser.click(By.xpath("//button[text()='Add note']"));
		String note = browser.text(By.cssSelector(".entry.private[data-entry-type='Note']"));
		assertThat(note).contains("Offer a voucher").contains("Private: for agents and supervisors");
		assertThat(browser.find(By.cssSelector(".entry[data-entry-type='Note']")).getDomAttribute("class"))
			.doesNotContain("from-agent");

		browser.find(By.id("flag-text")).sendKeys("Customer wants a manager");
		browser.click(By.xpath("//button[text()='Raise flag']"));
		browser.await((d) -> d.findElement(By.cssSelector("#state .flag")).getText().equals("Raised"));
		browser.click(By.xpath("//button[text()='Lower flag']"));
		browser.await((d) -> d.findElement(By.cssSelector("#state .flag")).getText().equals("Down"));
		browser.await((d) -> d.findElements(By.cssSelector(".entry.private")).size() == 3);

		List<OutboundEvent> events = this.subscription.await(conversation,
				(e) -> List.of("Note", "FlagRaise", "FlagLower").contains(e.entryType()), 3, WAIT);
		assertThat(events).extracting(OutboundEvent::entryType).containsExactly("Note", "FlagRaise", "FlagLower");
		assertThat(events.get(0).entryPayload().at("/abstractMessage/staticContent/text").asString())
			.isEqualTo("Offer a voucher");
		assertThat(events.get(1).entryPayload().at("/abstractMessage/staticContent/text").asString())
			.isEqualTo("Customer wants a manager");
		for (OutboundEvent event : events) {
			JsonNode recipients = event.payload().at("/payload/recipients");
			assertThat(recipients.get("primary")).isEmpty();
			assertThat(recipients.get("secondary")).isEmpty();
			assertThat(recipients.at("/hidden/0/identifier").asString()).isEqualTo(AGENT);
		}
		browser.screenshot("10-private-note-and-flag");
	}

	@Test
	void whenTheAgentConsultsAnotherAgentThenTheConsultIsAConversationOfTheirOwn() {
		String from = newEndUser();
		String conversation = endUserWrites(from, "Can I get a refund after 40 days?");
		openConversation(conversation);

		// the consults part is fetched afresh once the page is live: fill its form in one go
		browser.await((d) -> {
			new Select(d.findElement(By.id("consult-agent"))).selectByVisibleText("Agent B");
			d.findElement(By.id("consult-text")).sendKeys("Is 40 days still fine?");
			d.findElement(By.xpath("//button[text()='Open consult']")).click();
			return true;
		});
		String consultId = browser.await((d) -> d.findElement(By.cssSelector("#consults [data-consult-id]"))
			.getDomAttribute("data-consult-id"));
		assertThat(browser.text(By.cssSelector("#consults [data-consult-id]"))).contains("Agent A → Agent B")
			.contains("Is 40 days still fine?");

		OutboundEvent info = this.subscription.await(conversation,
				(e) -> "ConsultConversationInfo".equals(e.entryType()), 1, WAIT).get(0);
		assertThat(info.entryPayload().get("conversationIdentifier").asString()).isEqualTo(consultId);
		assertThat(info.payload().at("/payload/recipients/hidden/1/identifier").asString())
			.isEqualTo(PartnerFixture.AGENT_B_ID);
		browser.await((d) -> transcript().contains("Opened consult " + consultId));

		browser.find(By.id("consult-text-" + consultId)).sendKeys("Let me check with billing");
		browser.click(By.xpath("//button[text()='Send to the consult']"));
		browser.await((d) -> d.findElement(By.cssSelector("#consults [data-consult-id]")).getText()
			.contains("Let me check with billing"));
		browser.screenshot("11-consult");
		// the consulted agent finds it on their desk, and can answer from the conversation
		browser.go("/console/orgs/" + PartnerFixture.ORG_A_ID + "/agents/" + PartnerFixture.AGENT_B_ID + "/");
		browser.awaitLive();
		assertThat(browser.text(By.cssSelector("#work [data-consult-id='" + consultId + "']")))
			.contains(from).contains("Consult asked by Agent A");
		browser.click(By.cssSelector("#work [data-consult-id='" + consultId + "'] a"));
		browser.awaitLive();
		browser.await((d) -> {
			d.findElement(By.id("consult-text-" + consultId)).sendKeys("Yes, within 60 days");
			d.findElement(By.xpath("//button[text()='Send to the consult']")).click();
			return true;
		});
		browser.await((d) -> d.findElement(By.cssSelector("#consults [data-consult-id]")).getText()
			.contains("Agent B: Yes, within 60 days"));
		browser.click(By.xpath("//button[text()='End consult']"));
		browser.await((d) -> "Ended".equals(
				d.findElement(By.cssSelector("#consults [data-consult-id]")).getDomAttribute("data-status")));
	}

	@Test
	void whenTheAgentOptsTheEndUserOutThenTheConsentShowsAndRepliesAreRefusedUntilOptedIn() {
		String from = newEndUser();
		String conversation = endUserWrites(from, "Do not text me anymore");
		openConversation(conversation);

		browser.click(By.xpath("//button[text()='Opt the end user out']"));
		browser.await((d) -> d.findElement(By.cssSelector("#state .consent")).getText().equals("OptedOut"));
		OutboundEvent updated = this.subscription.await(conversation,
				(e) -> "EndUserConsentUpdated".equals(e.entryType()), 1, WAIT).get(0);
		assertThat(updated.entryPayload().get("consentStatus").asString()).isEqualTo("OptOut");
		assertThat(updated.entryPayload().get("isEndUserInitiated").asBoolean()).isFalse();
		assertThat(updated.entryPayload().get("endUserSubject").asString()).isEqualTo(from);

		browser.find(By.id("reply-text")).sendKeys("Just one more thing");
		browser.click(By.cssSelector("#reply button[type=submit]"));
		browser.await((d) -> d.findElement(By.id("flash")).getText().contains("opted out"));
		assertThat(browser.text(By.id("flash"))).contains("15103");

		browser.click(By.xpath("//button[text()='Opt the end user in']"));
		browser.await((d) -> d.findElement(By.cssSelector("#state .consent")).getText().equals("ExplicitlyOptedIn"));
		assertThat(this.subscription.await(conversation, (e) -> "EndUserConsentUpdated".equals(e.entryType()), 2, WAIT)
			.get(1)
			.entryPayload()
			.get("consentStatus")
			.asString()).isEqualTo("OptIn");
		assertThat(this.subscription.await(conversation, ConsoleBrowserTestBase::notReceipt, 2, WAIT))
			.noneMatch((e) -> "Message".equals(e.entryType()));
	}

	@Test
	void whenTheAgentShowsProgressThenOnlyAChannelThatRegisteredItGetsIt() {
		PartnerFixture.App channel = fixture.consentA();
		HttpResponse<String> registered = send(apiRequest("/api/v1/capabilities", channel, this.token)
			.header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString("""
					{"capabilities": {"appType": "custom", "channelCapabilities": [{"channelType": "custom",
					 "messageTypeCapabilities": [{"messageType": "StaticContentMessage", "formatTypeCapabilities": [
					  {"formatType": "Text"}, {"formatType": "Attachments"}]}],
					 "progressIndicatorTypeCapabilities": [{"progressIndicatorType": "ProgressUpdateIndicator",
					  "formatTypeCapabilities": [{"formatType": "Text"}]}]}]}}"""))
			.build());
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
		String conversation = endUserInteraction(channel, newEndUser(), textInteraction("Where is my order?"));
		openConversation(conversation);

		browser.find(By.id("progress-text")).sendKeys("Checking the warehouse…");
		browser.click(By.xpath("//button[text()='Show progress']"));
		OutboundEvent progress = this.subscription.await(conversation,
				(e) -> "ProgressIndicator".equals(e.entryType()), 1, WAIT).get(0);
		assertThat(progress.entryPayload().at("/progressIndicator/progressMessage/text").asString())
			.isEqualTo("Checking the warehouse…");
		assertThat(progress.payload().at("/payload/sender/subject").asString()).isEqualTo(AGENT);

		String other = endUserWrites(newEndUser(), "No progress for me");
		openConversation(other);
		browser.find(By.id("progress-text")).sendKeys("Working on it");
		browser.click(By.xpath("//button[text()='Show progress']"));
		browser.await((d) -> d.findElement(By.id("flash")).getText().contains("progressIndicatorTypeCapabilities"));
	}

	private List<OutboundEvent> receipts(String conversation, int count) {
		return this.subscription.await(conversation, (e) -> !notReceipt(e), count, WAIT);
	}

	private String firstEntryId(String conversation) {
		HttpResponse<String> view = send(HttpRequest
			.newBuilder(java.net.URI.create("http://localhost:" + this.managementPort + "/admin/api/conversations/"
					+ conversation))
			.header("Authorization", "Bearer " + fixture.adminToken())
			.build());
		return json(view).at("/entries/0/identifier").asString();
	}

	private static String textInteraction(String text) {
		String id = java.util.UUID.randomUUID().toString();
		return """
				{"timestamp": 1, "interactionType": "EntryInteraction",
				 "payload": {"id": "%s", "entryType": "Message", "abstractMessage": {"messageType":
				 "StaticContentMessage", "id": "%s", "staticContent": {"formatType": "Text", "text": "%s"}}}}"""
			.formatted(id, id, text);
	}

}
