package org.byoc.interaction.agent;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.LocalGrpcServerPort;
import org.springframework.boot.test.web.server.LocalManagementPort;

import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.conversation.TranscriptEntry;
import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerApiTestBase;
import org.byoc.interaction.support.PartnerSubscription;
import org.byoc.interaction.support.PartnerSubscription.OutboundEvent;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent's hands (admin API) and what the partner receives for each action, read by a real Pub/Sub subscriber
 * over TLS: replies, typing, joining, files, and the MessageUpdated that follows an end user's file.
 */
class AgentActionsApiTest extends PartnerApiTestBase {

	static final String AGENT = "0055g00000AAgtA";

	@LocalManagementPort
	int managementPort;

	@LocalGrpcServerPort
	int grpcPort;

	@Autowired
	Conversations conversations;

	String token;

	PartnerSubscription subscription;

	@BeforeEach
	void subscribe() {
		this.token = accessToken(fixture.partnerA());
		this.subscription = PartnerSubscription.earliest(this.grpcPort,
				fixture.dataDir().resolve("tls/pubsub.crt"), this.token, fixture.partnerA().orgId(),
				"/event/BYOC_Outbound__e");
	}

	@AfterEach
	void unsubscribe() {
		this.subscription.close();
	}

	@Test
	void whenAnAgentRepliesThenThePartnerReceivesTheMessageForTheEndUser() {
		String from = "+1555" + UUID.randomUUID().toString().substring(0, 6);
		String conversation = endUserWrites(from);

		HttpResponse<String> sent = admin("/admin/api/conversations/" + conversation + "/messages", """
				{"senderUserId": "%s", "text": "Hi, how are you?"}""".formatted(AGENT));
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);

		OutboundEvent event = this.subscription.await(conversation, 1, Duration.ofSeconds(10)).get(0);
		assertThat(event.eventType()).isEqualTo("Interaction");
		assertThat(event.eventId()).isEqualTo(json(sent).get("eventId").asString());
		JsonNode payload = event.payload();
		assertThat(payload.get("channelAddressIdentifier").asString()).isEqualTo(fixture.partnerA().address());
		assertThat(payload.get("recipient").toString())
			.isEqualTo("{\"appType\":\"custom\",\"subject\":\"" + from + "\",\"role\":\"EndUser\"}");
		JsonNode entry = payload.get("payload");
		assertThat(entry.get("identifier").asString()).isEqualTo(json(sent).get("identifier").asString());
		assertThat(entry.get("entryType").asString()).isEqualTo("Message");
		assertThat(entry.at("/entryPayload/abstractMessage/staticContent/text").asString()).isEqualTo("Hi, how are you?");
		assertThat(entry.get("sender").toString())
			.isEqualTo("{\"appType\":\"agent\",\"subject\":\"" + AGENT + "\",\"role\":\"Agent\"}");
		assertThat(entry.get("senderDisplayName").asString()).isEqualTo("Agent A");
		assertThat(entry.get("clientDuration").asLong()).isZero();

		List<TranscriptEntry> transcript = this.conversations.transcript(conversation);
		assertThat(transcript).extracting((e) -> e.sender().role()).containsExactly("EndUser", "Agent");
	}

	@Test
	void whenAReplyWithAnIdIsRetriedThenItIsRecordedAndPublishedOnceAndAnotherTextUnderItIsRefused() {
		String conversation = endUserWrites("+1555" + UUID.randomUUID().toString().substring(0, 6));
		String path = "/admin/api/conversations/" + conversation + "/messages";
		String id = UUID.randomUUID().toString();
		String reply = """
				{"senderUserId": "%s", "text": "Your refund is on its way.", "id": "%s"}""".formatted(AGENT, id);

		HttpResponse<String> sent = admin(path, reply);
		HttpResponse<String> retried = admin(path, reply);
		HttpResponse<String> other = admin(path, reply.replace("on its way", "refused"));

		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
		assertThat(json(sent).get("identifier").asString()).isEqualTo(id);
		assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
		assertThat(json(retried).get("identifier").asString()).isEqualTo(id);
		assertThat(other.statusCode()).as(other.body()).isEqualTo(409);
		assertThat(json(other).get("code").asInt()).isEqualTo(10073);
		this.subscription.await(conversation, 1, Duration.ofSeconds(10));
		admin(path, """
				{"senderUserId": "%s", "text": "One more thing"}""".formatted(AGENT));
		List<OutboundEvent> events = this.subscription.await(conversation, 2, Duration.ofSeconds(10));
		assertThat(events).extracting(OutboundEvent::eventId).containsOnlyOnce(json(sent).get("eventId").asString());
		assertThat(this.conversations.transcript(conversation)).filteredOn((e) -> e.entryId().equals(id)).hasSize(1);
	}

	@Test
	void whenAnAgentTypesAndJoinsThenTypingAndParticipantChangedReachThePartner() {
		// joining delivers the end user's waiting message to the agent's desk (ReceiptsApiTest)
		String conversation = endUserWrites("+1555" + UUID.randomUUID().toString().substring(0, 6));
		assertThat(admin("/admin/api/conversations/" + conversation + "/participants", """
				{"userId": "%s", "operation": "add"}""".formatted(AGENT)).statusCode()).isEqualTo(201);
		assertThat(admin("/admin/api/conversations/" + conversation + "/typing", """
				{"senderUserId": "%s", "typing": true}""".formatted(AGENT)).statusCode()).isEqualTo(201);
		assertThat(admin("/admin/api/conversations/" + conversation + "/typing", """
				{"senderUserId": "%s", "typing": false}""".formatted(AGENT)).statusCode()).isEqualTo(201);

		List<OutboundEvent> events = this.subscription.await(conversation, 4, Duration.ofSeconds(10));
		assertThat(events).extracting(OutboundEvent::entryType)
			.containsExactly("ParticipantChanged", "DeliveryAcknowledgement", "TypingStartedIndicator",
					"TypingStoppedIndicator");
		events = List.of(events.get(0), events.get(2), events.get(3));
		JsonNode change = events.get(0).entryPayload().get("entries").get(0);
		assertThat(change.get("operation").asString()).isEqualTo("add");
		assertThat(change.at("/participant/subject").asString()).isEqualTo(AGENT);
		assertThat(change.at("/participant/role").asString()).isEqualTo("Agent");
		assertThat(events.get(1).entryPayload().get("timestamp").asLong()).isPositive();
		// typing is not part of the transcript; joining is
		assertThat(this.conversations.transcript(conversation)).extracting(TranscriptEntry::entryType)
			.containsExactly("Message", "ParticipantChanged");
	}

	@Test
	void whenAnAgentSendsAFileThenTheMessageLinksIt() throws Exception {
		String conversation = endUserWrites("+1555" + UUID.randomUUID().toString().substring(0, 6));
		byte[] pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes();
		Multipart upload = Multipart.of().file("file", "terms.pdf", "application/pdf", pdf);
		HttpResponse<String> stored = send(HttpRequest
			.newBuilder(URI.create(management("/admin/api/attachments?conversationIdentifier=" + conversation)))
			.header("Authorization", "Bearer " + fixture.adminToken())
			.header("Content-Type", upload.contentType())
			.POST(upload.publisher())
			.build());
		assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
		assertThat(json(stored).get("mimeType").asString()).isEqualTo("application/pdf");

		assertThat(admin("/admin/api/conversations/" + conversation + "/messages", """
				{"senderUserId": "%s", "text": "our terms", "attachmentIds": ["%s"]}""".formatted(AGENT,
				json(stored).get("id").asString())).statusCode()).isEqualTo(201);
		JsonNode content = this.subscription.await(conversation, 1, Duration.ofSeconds(10))
			.get(0)
			.entryPayload()
			.at("/abstractMessage/staticContent");
		assertThat(content.get("formatType").asString()).isEqualTo("Attachments");
		JsonNode file = content.get("attachments").get(0);
		assertThat(file.get("name").asString()).isEqualTo("terms.pdf");
		HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(URI.create(file.get("url").asString())).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(download.body()).isEqualTo(pdf);
	}

	@Test
	void whenAnEndUserFileIsStoredThenMessageUpdatedReportsTheUploadCompleted() {
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0 };
		String id = UUID.randomUUID().toString();
		Multipart body = Multipart.of().json("""
				{"to": "%s", "from": "+15550001111", "interactions": [{"timestamp": 1, "interactionType":
				 "AttachmentInteraction", "id": "%s", "attachmentIndex": 0, "contentLength": %d}]}"""
			.formatted(fixture.partnerA().address(), id, png.length)).file("attachments", "a.png", "image/png", png);
		HttpResponse<String> accepted = send(apiRequest("/api/v1/interactions", fixture.partnerA(), this.token)
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
		assertThat(accepted.statusCode()).isEqualTo(202);
		String conversation = json(accepted).get("conversationIdentifier").asString();

		OutboundEvent updated = this.subscription.await(conversation, 1, Duration.ofSeconds(10)).get(0);
		assertThat(updated.entryType()).isEqualTo("MessageUpdated");
		JsonNode file = updated.entryPayload().at("/updatedMessage/staticContent/attachments/0");
		assertThat(file.at("/attachmentUploadResult/resultType").asString()).isEqualTo("CompletedAttachmentUploadResult");
		assertThat(file.get("referenceId").asString()).isEqualTo(id);
		assertThat(updated.payload().at("/recipient/subject").asString()).isEqualTo("+15550001111");
	}

	@Test
	void whenTheUserOrConversationIsUnknownThenTheActionIsRefused() {
		String conversation = endUserWrites("+1555" + UUID.randomUUID().toString().substring(0, 6));
		HttpResponse<String> stranger = admin("/admin/api/conversations/" + conversation + "/messages", """
				{"senderUserId": "0055g00000BIntB", "text": "not my org"}""");
		assertThat(stranger.statusCode()).isEqualTo(400);
		assertThat(json(stranger).get("code").asInt()).isEqualTo(15106);
		HttpResponse<String> unknown = admin("/admin/api/conversations/" + UUID.randomUUID() + "/messages", """
				{"senderUserId": "%s", "text": "hello?"}""".formatted(AGENT));
		assertThat(json(unknown).get("code").asInt()).isEqualTo(10018);
	}

	private String endUserWrites(String from) {
		String id = UUID.randomUUID().toString();
		Multipart body = Multipart.of().json("""
				{"to": "%s", "from": "%s", "interactions": [{"timestamp": 1, "interactionType": "EntryInteraction",
				 "payload": {"id": "%s", "entryType": "Message", "abstractMessage": {"messageType":
				 "StaticContentMessage", "id": "%s", "staticContent": {"formatType": "Text", "text": "help"}}}}]}"""
			.formatted(fixture.partnerA().address(), from, id, id));
		HttpResponse<String> accepted = send(apiRequest("/api/v1/interactions", fixture.partnerA(), this.token)
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		return json(accepted).get("conversationIdentifier").asString();
	}

	private HttpResponse<String> admin(String path, String body) {
		return send(HttpRequest.newBuilder(URI.create(management(path)))
			.header("Authorization", "Bearer " + fixture.adminToken())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	private String management(String path) {
		return "http://localhost:" + this.managementPort + path;
	}

}
