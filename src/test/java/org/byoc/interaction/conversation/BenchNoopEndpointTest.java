package org.byoc.interaction.conversation;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.byoc.interaction.support.Multipart;

import static org.assertj.core.api.Assertions.assertThat;

/** Without the {@code bench} profile the benchmark's do-nothing endpoint is not there, even for a good caller. */
class BenchNoopEndpointTest extends InteractionsApiTestBase {

	@Test
	void whenTheBenchProfileIsOffThenTheNoopEndpointDoesNotExist() {
		Multipart body = Multipart.of().json(envelope(partner().address(), newEndUser(), textMessage(uuid(), "hi")));
		HttpResponse<String> response = send(apiRequest("/api/v1/bench/noop", partner(), token(partner()))
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(json(response).get("code").asInt()).isEqualTo(404);
	}

}
