package org.byoc.interaction.conversation;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Autowired;

import org.byoc.interaction.conversation.inbound.AttachmentInteraction;
import org.byoc.interaction.conversation.inbound.EntryInteraction;
import org.byoc.interaction.conversation.message.Message;
import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerApiTestBase;
import org.byoc.interaction.support.PartnerFixture;

/** Posts interactions as partner middleware does, with tokens from the real token endpoint. */
abstract class InteractionsApiTestBase extends PartnerApiTestBase {

	private static final Map<String, String> tokens = new ConcurrentHashMap<>();

	@Autowired
	Conversations conversations;

	PartnerFixture.App partner() {
		return fixture.partnerA();
	}

	String token(PartnerFixture.App app) {
		return tokens.computeIfAbsent(app.consumerKey() + this.port, (key) -> accessToken(app));
	}

	HttpResponse<String> post(PartnerFixture.App app, Multipart body) {
		return send(apiRequest("/api/v1/interactions", app, token(app)).header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
	}

	HttpResponse<String> postJson(String json) {
		return post(partner(), Multipart.of().json(json));
	}

	static String newEndUser() {
		return "+1555" + UUID.randomUUID().toString().substring(0, 8);
	}

	static String envelope(String to, String from, String interaction) {
		return """
				{"to": "%s", "from": "%s", "interactions": [%s]}""".formatted(to, from, interaction);
	}

	static String textMessage(String entryId, String text) {
		return """
				{"timestamp": 1688190840000, "interactionType": "EntryInteraction",
				 "payload": {"id": "%s", "entryType": "Message",
				   "abstractMessage": {"messageType": "StaticContentMessage", "id": "%s",
				     "staticContent": {"formatType": "Text", "text": "%s"}}}}""".formatted(entryId, entryId, text);
	}

	static String typing(String entryType, String entryId) {
		return """
				{"timestamp": 1688190840000, "interactionType": "EntryInteraction",
				 "payload": {"id": "%s", "entryType": "%s", "timestamp": 1688190840000}}""".formatted(entryId,
				entryType);
	}

	static String attachmentInteraction(String id, long contentLength) {
		return """
				{"timestamp": 1688190840000, "interactionType": "AttachmentInteraction", "id": "%s",
				 "attachmentIndex": 0, "contentLength": %d, "text": "This is my file"}""".formatted(id, contentLength);
	}

	static String uuid() {
		return UUID.randomUUID().toString();
	}

}
