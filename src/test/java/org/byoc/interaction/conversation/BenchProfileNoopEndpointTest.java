package org.byoc.interaction.conversation;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;

import org.byoc.interaction.support.Multipart;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the {@code bench} profile the do-nothing endpoint answers the interactions request shape with a 202 of the
 * same shape, and stands behind the same API security (so the benchmark's baseline pays for it too).
 */
@ActiveProfiles("bench")
class BenchProfileNoopEndpointTest extends InteractionsApiTestBase {

	@Test
	void whenTheBenchProfileIsOnThenTheNoopEndpointAnswers202AndStoresNothing() {
		String from = newEndUser();
		Multipart body = Multipart.of().json(envelope(partner().address(), from, textMessage(uuid(), "hi")));
		HttpResponse<String> response = send(apiRequest("/api/v1/bench/noop", partner(), token(partner()))
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());

		assertThat(response.statusCode()).isEqualTo(202);
		JsonNode answer = json(response);
		assertThat(answer.get("success").asBoolean()).isTrue();
		assertThat(answer.get("conversationIdentifier").asString()).hasSize(36);
		assertThat(this.conversations.find(partner().orgId(), partner().address(), from)).isEmpty();
	}

	@Test
	void whenTheNoopEndpointIsCalledWithoutATokenThenTheApiSecurityRefusesIt() {
		Multipart body = Multipart.of().json(envelope(partner().address(), newEndUser(), textMessage(uuid(), "hi")));
		HttpResponse<String> response = send(apiRequest("/api/v1/bench/noop", partner(), "not-a-token")
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());

		assertThat(response.statusCode()).isEqualTo(401);
	}

}
