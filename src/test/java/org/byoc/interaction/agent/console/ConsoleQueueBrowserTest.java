package org.byoc.interaction.agent.console;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.OmniOrg;
import org.byoc.interaction.support.PartnerFixture;
import org.byoc.interaction.support.PartnerSubscription;
import org.byoc.interaction.support.PartnerSubscription.OutboundEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Omni-Channel in the console, in headless Chromium, on an org of its own: the agent sets their presence with the
 * status selector, waiting work is pushed to their desk live (no reload) with the capacity in use, and the
 * operator view shows each queue's waiting conversations with their positions and the agents' presence and load.
 */
class ConsoleQueueBrowserTest extends ConsoleBrowserTestBase {

	@Test
	void whenTheAgentGoesOnlineThenWorkIsPushedLiveAndTheOperatorSeesTheQueueAndTheLoad() {
		OmniOrg org = OmniOrg.create(fixture, this.managementPort);
		String omniToken = accessToken(org.chat());
		String first = newEndUser();
		String second = newEndUser();
		String firstConversation = endUserWrites(org.chat(), omniToken, first);
		String desk = "/console/orgs/" + org.orgId() + "/agents/" + org.ada() + "/";
		signIn();
		browser.go(desk);
		browser.awaitLive();
		assertThat(browser.text(By.cssSelector("#work .capacity"))).contains("Offline").contains("0 of 1");

		setStatus(OmniOrg.AVAILABLE + " (Online)", OmniOrg.AVAILABLE);

		// the waiting conversation is offered at once
		WebElement offered = browser.await((d) -> d.findElements(By.cssSelector("#work [data-status='Assigned']"))
			.stream()
			.filter((e) -> e.getText().contains(first))
			.findFirst()
			.orElse(null));
		assertThat(offered.getText()).contains("Offered to you · answer by");
		browser.await((d) -> d.findElement(By.cssSelector("#work .capacity")).getText().contains("1 of 1"));
		assertThat(browser.text(By.cssSelector("#work .capacity"))).contains(OmniOrg.AVAILABLE);

		// the second waits: the operator sees it at position 1, and Ada's load
		String secondConversation = endUserWrites(org.chat(), omniToken, second);
		browser.go("/console/operator");
		String orgSection = "#routing [data-org='" + org.orgId() + "'] ";
		browser.await((d) -> d
			.findElement(By.cssSelector(orgSection + "[data-queue='" + org.supportQueue() + "'] li[data-position='1']"))
			.getText()
			.contains(second));
		assertThat(browser.text(By.cssSelector(orgSection + "[data-queue='" + org.supportQueue() + "'] .offered")))
			.isEqualTo("1");
		assertThat(browser.text(By.cssSelector(orgSection + "[data-agent='" + org.ada() + "'] .presence")))
			.isEqualTo(OmniOrg.AVAILABLE + " (Online)");
		assertThat(browser.text(By.cssSelector(orgSection + "[data-agent='" + org.ada() + "'] .load")))
			.isEqualTo("1 of 1");
		browser.screenshot("20-operator-queues");

		// Ada declines on her desk: the second is pushed to her while she looks, the first waits for somebody else
		browser.go(desk);
		browser.awaitLive();
		browser.click(By.cssSelector("#work button[aria-label='Decline work for " + first + "']"));
		browser.await((d) -> d.findElements(By.cssSelector("#work [data-status='Assigned']"))
			.stream()
			.anyMatch((e) -> e.getText().contains(second)));
		browser.click(By.cssSelector("#work button[aria-label='Accept work for " + second + "']"));
		browser.await((d) -> !d.findElements(By.cssSelector("#work [data-status='Opened']")).isEmpty());
		browser.screenshot("21-desk-presence");

		try (PartnerSubscription omni = PartnerSubscription.earliest(this.grpcPort,
				fixture.dataDir().resolve("tls/pubsub.crt"), omniToken, org.orgId(), OmniOrg.TOPIC)) {
			// it waited, was offered, declined, and waits again at the head of the queue
			assertThat(omni.await(firstConversation, 4, Duration.ofSeconds(15))).extracting(OutboundEvent::entryType)
				.containsExactly("QueuePosition", "RoutingWorkResult", "RoutingWorkResult", "QueuePosition");
			assertThat(omni.await(secondConversation, 4, Duration.ofSeconds(15)))
				.extracting(OutboundEvent::entryType)
				.startsWith("QueuePosition", "RoutingWorkResult", "ParticipantChanged");
		}
	}

	@Test
	void whenTheAgentGoesOfflineThenThePanelSaysSoAndNothingIsOffered() {
		OmniOrg org = OmniOrg.create(fixture, this.managementPort);
		String desk = "/console/orgs/" + org.orgId() + "/agents/" + org.bob() + "/";
		signIn();
		browser.go(desk);
		browser.awaitLive();
		setStatus(OmniOrg.BREAK + " (Busy)", OmniOrg.BREAK);
		setStatus("Offline", "Offline");

		String omniToken = accessToken(org.chat());
		String endUser = newEndUser();
		endUserWrites(org.chat(), omniToken, endUser);
		browser.await((d) -> d.findElements(By.cssSelector("#work [data-psr-id]"))
			.stream()
			.anyMatch((e) -> e.getText().contains(endUser)));
		assertThat(browser.driver().findElements(By.cssSelector("#work [data-work-id]"))).isEmpty();
	}

	/** An end user's first message on the app's channel; answers the conversation. */
	private String endUserWrites(PartnerFixture.App app, String accessToken, String from) {
		String id = UUID.randomUUID().toString();
		Multipart body = Multipart.of().json("""
				{"to": "%s", "from": "%s", "interactions": [{"timestamp": 1, "interactionType": "EntryInteraction",
				 "payload": {"id": "%s", "entryType": "Message", "abstractMessage": {"messageType":
				 "StaticContentMessage", "id": "%s", "staticContent": {"formatType": "Text", "text": "Hello"}}}}]}"""
			.formatted(app.address(), from, id, id));
		HttpResponse<String> accepted = send(apiRequest("/api/v1/interactions", app, accessToken)
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		return json(accepted).get("conversationIdentifier").asString();
	}

	/**
	 * Chooses a status and sets it until the panel shows it: a live update may redraw the panel (and its selection)
	 * between choosing and clicking, so the choice is made again on a fresh panel.
	 */
	private void setStatus(String option, String shown) {
		browser.await((d) -> {
			if (d.findElement(By.cssSelector("#work .capacity")).getText().startsWith(shown)) {
				return true;
			}
			new Select(d.findElement(By.id("presence-status"))).selectByVisibleText(option);
			d.findElement(By.xpath("//button[text()='Set status']")).click();
			return null;
		});
	}

}
