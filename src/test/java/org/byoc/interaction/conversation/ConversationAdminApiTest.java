package org.byoc.interaction.conversation;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

import org.byoc.interaction.support.Multipart;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The operators' read API for conversations and files, on the management port with the admin token. */
class ConversationAdminApiTest extends InteractionsApiTestBase {

	@LocalManagementPort
	int managementPort;

	@Test
	void whenConversationsAreListedByEndUserThenEachShowsItsIdsAndWorkItem() {
		String from = newEndUser();
		JsonNode accepted = json(postJson(envelope(partner().address(), from, textMessage(uuid(), "hello"))));

		JsonNode listed = json(admin("/admin/api/conversations?orgId=" + partner().orgId()
				+ "&channelAddressIdentifier=" + partner().address() + "&endUserClientId=" + encode(from)));
		assertThat(listed.get("conversations")).singleElement().satisfies((conversation) -> {
			assertThat(conversation.get("conversationIdentifier")).isEqualTo(accepted.get("conversationIdentifier"));
			assertThat(conversation.get("channelAddressIdentifier").asString()).isEqualTo(partner().address());
			assertThat(conversation.at("/endUser/clientId").asString()).isEqualTo(from);
			assertThat(conversation.get("workItemId")).isEqualTo(accepted.get("workItemIds").get(0));
		});
		assertThat(json(admin("/admin/api/conversations?endUserClientId=" + encode(from) + "&orgId="
				+ fixture.partnerB().orgId())).get("conversations")).isEmpty();
	}

	@Test
	void whenAConversationIsReadThenItsSessionEntriesInOrderAndFileLinksAreShown() throws Exception {
		String from = newEndUser();
		String first = uuid();
		String conversationIdentifier = json(postJson(envelope(partner().address(), from, textMessage(first, "one"))))
			.get("conversationIdentifier")
			.asString();
		byte[] png = InteractionAttachmentsApiTest.png(3_000);
		String fileEntry = uuid();
		assertThat(post(partner(), Multipart.of()
			.json(envelope(partner().address(), from, attachmentInteraction(fileEntry, png.length)))
			.file("attachments", "shot.png", "image/png", png)).statusCode()).isEqualTo(202);

		JsonNode conversation = json(admin("/admin/api/conversations/" + conversationIdentifier));
		assertThat(conversation.at("/session/status").asString()).isEqualTo("Active");
		assertThat(conversation.at("/session/id").asString()).startsWith("0Mw");
		assertThat(conversation.get("entries")).extracting((entry) -> entry.get("identifier").asString())
			.containsExactly(first, fileEntry);
		assertThat(conversation.at("/entries/0/entryPayload/abstractMessage/staticContent/text").asString())
			.isEqualTo("one");
		JsonNode file = conversation.get("attachments").get(0);
		assertThat(file.get("mimeType").asString()).isEqualTo("image/png");

		HttpResponse<byte[]> download = http.send(adminRequest(file.get("download").asString()).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.body()).isEqualTo(png);
	}

	@Test
	void whenTheConversationIsUnknownOrNoTokenIsGivenThenItIsRefused() {
		assertThat(admin("/admin/api/conversations/" + uuid()).statusCode()).isEqualTo(400);
		HttpResponse<String> anonymous = send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.managementPort + "/admin/api/conversations"))
			.build());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		// the partner API port serves no admin endpoint
		assertThat(send(HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/api/conversations"))
			.header("Authorization", "Bearer " + fixture.adminToken())
			.build()).statusCode()).isEqualTo(404);
	}

	private HttpResponse<String> admin(String path) {
		return send(adminRequest(path).build());
	}

	private HttpRequest.Builder adminRequest(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.managementPort + path))
			.header("Authorization", "Bearer " + fixture.adminToken());
	}

}
