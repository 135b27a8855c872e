package org.byoc.interaction.conversation;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.byoc.interaction.conversation.InteractionsApiTest.assertRefused;

/** A retried interaction never duplicates an entry; the same id with other content is a conflict. */
class InteractionRetriesTest extends InteractionsApiTestBase {

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
	void whenAnEntryIdIsReusedForOtherContentThenItIsRefusedWith409() {
		String from = newEndUser();
		String id = uuid();
		assertThat(postJson(envelope(partner().address(), from, textMessage(id, "first"))).statusCode()).isEqualTo(202);
		assertRefused(postJson(envelope(partner().address(), from, textMessage(id, "second"))), 409, 10073);
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
