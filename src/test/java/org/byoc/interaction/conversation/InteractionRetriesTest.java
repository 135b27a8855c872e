package org.byoc.interaction.conversation;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.LocalGrpcServerPort;
import org.springframework.boot.test.web.server.LocalManagementPort;

import org.byoc.interaction.routing.Routings;
import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerFixture;
import org.byoc.interaction.support.PartnerSubscription;
import org.byoc.interaction.support.PartnerSubscription.OutboundEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.byoc.interaction.conversation.InteractionsApiTest.assertRefused;

/**
 * A retried interaction never duplicates an entry, nor what the entry causes (a stored file, a MessageUpdated
 * event, a routing); the same id with other content is a conflict.
 */
class InteractionRetriesTest extends InteractionsApiTestBase {

	@LocalManagementPort
	int managementPort;

	@LocalGrpcServerPort
	int grpcPort;

	@Autowired
	Routings routings;

	@org.springframework.beans.factory.annotation.Autowired
	org.byoc.interaction.attachment.Attachments attachments;

	@Test
	void whenOneMessageIsSentTenTimesInARowThenThereIsOneEntryAndTheSameAnswer() {
		String message = envelope(partner().address(), newEndUser(), textMessage(uuid(), "again and again"));
		String first = postJson(message).body();
		for (int i = 0; i < 9; i++) {
			HttpResponse<String> retry = postJson(message);
			assertThat(retry.statusCode()).isEqualTo(202);
			assertThat(json(retry)).isEqualTo(json.readTree(first));
		}
		assertThat(this.conversations.transcript(json.readTree(first).get("conversationIdentifier").asString()))
			.hasSize(1);
	}

	@Test
	void whenOneFirstMessageIsSentTenTimesConcurrentlyThenThereIsOneConversationAndOneEntry() throws Exception {
		String from = newEndUser();
		String message = envelope(partner().address(), from, textMessage(uuid(), "all at once"));
		token(partner());
		List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			calls.add(() -> postJson(message));
		}
		ExecutorService pool = Executors.newFixedThreadPool(10);
		try {
			List<String> conversationIds = new ArrayList<>();
			for (Future<HttpResponse<String>> answer : pool.invokeAll(calls)) {
				HttpResponse<String> response = answer.get();
				assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
				conversationIds.add(json(response).get("conversationIdentifier").asString());
			}
			assertThat(conversationIds).containsOnly(conversationIds.get(0));
			assertThat(this.conversations.transcript(conversationIds.get(0))).hasSize(1);
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void whenOneAttachmentIsSentTenTimesConcurrentlyThenThereIsOneEntryOneFileAndOneMessageUpdatedEvent()
			throws Exception {
		String from = newEndUser();
		HttpResponse<String> started = postJson(envelope(partner().address(), from, textMessage(uuid(), "a file follows")));
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		String conversation = json(started).get("conversationIdentifier").asString();
		String id = uuid();
		byte[] png = InteractionAttachmentsApiTest.png(20_000);
		List<HttpResponse<String>> answers = concurrently(10, () -> post(partner(), Multipart.of()
			.json(envelope(partner().address(), from, attachmentInteraction(id, png.length)))
			.file("attachments", "a.png", "image/png", png)));

		assertThat(answers).allSatisfy((r) -> {
			assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
			assertThat(json(r).get("conversationIdentifier").asString()).isEqualTo(conversation);
		});
		assertThat(this.conversations.transcript(conversation)).extracting(TranscriptEntry::entryId).containsOnlyOnce(id);
		assertThat(this.attachments.findByConversation(UUID.fromString(conversation))).hasSize(1);
		assertThat(eventsUpToAnAgentReply(conversation)).extracting(OutboundEvent::entryType)
			.containsExactly("MessageUpdated", "Message");
	}

	@Test
	void whenAFirstMessageOnASalesforceRoutedChannelIsSentTenTimesConcurrentlyThenItOpensOneRouting()
			throws Exception {
		PartnerFixture.App app = fixture.salesforceRoutedA();
		String message = envelope(app.address(), newEndUser(), textMessage(uuid(), "route me once"));
		List<HttpResponse<String>> answers = concurrently(10, () -> post(app, Multipart.of().json(message)));

		assertThat(answers).allSatisfy((r) -> assertThat(r.statusCode()).as(r.body()).isEqualTo(202));
		String conversation = json(answers.get(0)).get("conversationIdentifier").asString();
		assertThat(this.conversations.transcript(conversation)).hasSize(1);
		assertThat(this.routings.routingsOf(app.orgId(), conversation)).hasSize(1);
	}

	@Test
	void whenAnEntryIdIsReusedForOtherContentThenItIsRefusedWith409() {
		String from = newEndUser();
		String id = uuid();
		assertThat(postJson(envelope(partner().address(), from, textMessage(id, "first"))).statusCode()).isEqualTo(202);
		assertRefused(postJson(envelope(partner().address(), from, textMessage(id, "second"))), 409, 10073);
	}

	/**
	 * The conversation's events as the partner receives them, up to and including an agent reply sent now: events
	 * are delivered in commit order, so once the reply arrived every event committed before it has, too.
	 */
	private List<OutboundEvent> eventsUpToAnAgentReply(String conversation) throws Exception {
		HttpResponse<String> reply = http.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.managementPort + "/admin/api/conversations/"
					+ conversation + "/messages"))
			.header("Authorization", "Bearer " + fixture.adminToken())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"senderUserId\": \"" + PartnerFixture.AGENT_A_ID
					+ "\", \"text\": \"got it\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
		String replyEvent = json(reply).get("eventId").asString();
		try (PartnerSubscription subscription = PartnerSubscription.earliest(this.grpcPort,
				fixture.dataDir().resolve("tls/pubsub.crt"), token(partner()), partner().orgId(),
				"/event/BYOC_Outbound__e")) {
			for (int count = 1;; count++) {
				List<OutboundEvent> events = subscription.await(conversation, count, Duration.ofSeconds(20));
				if (events.get(events.size() - 1).eventId().equals(replyEvent)) {
					return events;
				}
			}
		}
	}

	private static List<HttpResponse<String>> concurrently(int times, Callable<HttpResponse<String>> call)
			throws Exception {
		List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < times; i++) {
			calls.add(call);
		}
		ExecutorService pool = Executors.newFixedThreadPool(times);
		try {
			List<HttpResponse<String>> answers = new ArrayList<>();
			for (Future<HttpResponse<String>> answer : pool.invokeAll(calls, 60, TimeUnit.SECONDS)) {
				answers.add(answer.get());
			}
			return answers;
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void whenAnAttachmentIsRetriedThenThereIsOneEntryAndOneStoredFile() {
		String from = newEndUser();
		String id = uuid();
		byte[] png = InteractionAttachmentsApiTest.png(2_000);
		String conversationIdentifier = null;
		for (int i = 0; i < 3; i++) {
			HttpResponse<String> response = post(partner(), org.byoc.interaction.support.Multipart.of()
				.json(envelope(partner().address(), from, attachmentInteraction(id, png.length)))
				.file("attachments", "a.png", "image/png", png));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
			conversationIdentifier = json(response).get("conversationIdentifier").asString();
		}
		assertThat(this.conversations.transcript(conversationIdentifier)).hasSize(1);
		assertThat(this.attachments.findByConversation(java.util.UUID.fromString(conversationIdentifier))).hasSize(1);
	}

}
