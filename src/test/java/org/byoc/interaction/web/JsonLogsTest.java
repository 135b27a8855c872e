package org.byoc.interaction.web;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerApiTestBase;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** One property turns the logs into JSON lines; a request's lines carry its RequestId as a field. */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "logging.structured.format.console=ecs",
		"logging.level.org.byoc.interaction.conversation=DEBUG" })
class JsonLogsTest extends PartnerApiTestBase {

	@Test
	void whenStructuredLoggingIsOnThenRequestLinesAreJsonWithTheRequestId(CapturedOutput output) {
		String requestId = "json-log-" + UUID.randomUUID();
		String id = UUID.randomUUID().toString();
		Multipart body = Multipart.of().json("""
				{"to": "%s", "from": "+15550007777", "interactions": [{"timestamp": 1, "interactionType":
				 "EntryInteraction", "payload": {"id": "%s", "entryType": "Message", "abstractMessage": {"messageType":
				 "StaticContentMessage", "id": "%s", "staticContent": {"formatType": "Text", "text": "log me"}}}}]}"""
			.formatted(fixture.partnerA().address(), id, id));
		HttpResponse<String> response = send(apiRequest("/api/v1/interactions", fixture.partnerA(),
				accessToken(fixture.partnerA()))
			.setHeader("RequestId", requestId)
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
		assertThat(response.statusCode()).isEqualTo(202);

		JsonNode line = output.getOut()
			.lines()
			.filter((l) -> l.contains(requestId))
			.map(json::readTree)
			.filter((l) -> l.path("message").asString("").startsWith("Accepted Message " + id))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no JSON log line with the request id in:\n" + output.getOut()));
		assertThat(line.get("requestId").asString()).isEqualTo(requestId);
		assertThat(line.at("/log/level").asString()).isEqualTo("DEBUG");
	}

}
