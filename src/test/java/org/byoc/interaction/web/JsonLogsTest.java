package org.byoc.interaction.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.byoc.interaction.InteractionServiceApplication;
import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerFixture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One property turns the logs into JSON lines, and a request's lines carry its RequestId as a field. Logging is
 * set up once per JVM, so the service runs in a process of its own here, as an operator would start it.
 */
class JsonLogsTest {

	static final JsonMapper json = JsonMapper.builder().build();

	static final HttpClient http = HttpClient.newHttpClient();

	@Test
	void whenStructuredLoggingIsOnThenRequestLinesAreJsonWithTheRequestId() throws Exception {
		PartnerFixture fixture = PartnerFixture.shared();
		Path dataDir = fixture.dir().resolve("data-json-logs-" + UUID.randomUUID());
		Process service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), InteractionServiceApplication.class.getName(),
				"--logging.structured.format.console=ecs", "--logging.level.org.byoc.interaction.conversation=DEBUG",
				"--server.port=0", "--management.server.port=0", "--spring.grpc.server.port=0",
				"--interactionservice.data-dir=" + dataDir, "--interactionservice.setup-file=" + fixture.setupFile())
			.redirectErrorStream(true)
			.start();
		BlockingQueue<String> lines = new LinkedBlockingQueue<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8))) {
				out.lines().forEach(lines::add);
			}
			catch (IOException ex) {
				// the process ended
			}
		});
		reader.setDaemon(true);
		reader.start();
		try {
			int port = apiPort(lines);
			String base = "http://localhost:" + port;
			String token = json.readTree(send(HttpRequest.newBuilder(URI.create(base + "/services/oauth2/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=" + encode(PartnerFixture.JWT_BEARER)
						+ "&assertion=" + encode(fixture.assertion(fixture.partnerA()))))
				.build()).body()).get("access_token").asString();
			String requestId = "json-log-" + UUID.randomUUID();
			String id = UUID.randomUUID().toString();
			Multipart body = Multipart.of().json("""
					{"to": "%s", "from": "+15550007777", "interactions": [{"timestamp": 1, "interactionType":
					 "EntryInteraction", "payload": {"id": "%s", "entryType": "Message", "abstractMessage": {"messageType":
					 "StaticContentMessage", "id": "%s", "staticContent": {"formatType": "Text", "text": "log me"}}}}]}"""
				.formatted(fixture.partnerA().address(), id, id));
			HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/interactions"))
				.header("Authorization", "Bearer " + token)
				.header("OrgId", fixture.partnerA().orgKey())
				.header("AuthorizationContext", fixture.partnerA().channel())
				.header("RequestId", requestId)
				.header("Content-Type", body.contentType())
				.POST(body.publisher())
				.build());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(202);

			JsonNode line = awaitLine(lines, requestId, "Accepted Message " + id);
			assertThat(line.get("requestId").asString()).isEqualTo(requestId);
			assertThat(line.at("/log/level").asString()).isEqualTo("DEBUG");
		}
		finally {
			service.destroy();
			service.waitFor(20, TimeUnit.SECONDS);
			service.destroyForcibly();
			reader.join(5000);
		}
	}

	/** Every line before the port is known is JSON too. */
	private static int apiPort(BlockingQueue<String> lines) throws InterruptedException {
		Pattern started = Pattern.compile("Tomcat started on port (\\d+)");
		List<String> seen = new ArrayList<>();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (System.nanoTime() < deadline) {
			String line = lines.poll(1, TimeUnit.SECONDS);
			if (line == null) {
				continue;
			}
			seen.add(line);
			if (!line.startsWith("{")) {
				continue;
			}
			Matcher port = started.matcher(json.readTree(line).path("message").asString(""));
			if (port.find()) {
				assertThat(seen).allMatch((l) -> l.startsWith("{") || l.isBlank() || l.startsWith("WARNING"));
				return Integer.parseInt(port.group(1));
			}
		}
		throw new AssertionError("the service did not start:\n" + String.join("\n", seen));
	}

	private static JsonNode awaitLine(BlockingQueue<String> lines, String requestId, String message)
			throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (System.nanoTime() < deadline) {
			String line = lines.poll(1, TimeUnit.SECONDS);
			if (line != null && line.startsWith("{") && line.contains(requestId)) {
				JsonNode node = json.readTree(line);
				if (node.path("message").asString("").startsWith(message)) {
					return node;
				}
			}
		}
		throw new AssertionError("no JSON log line '" + message + "' with request id " + requestId);
	}

	private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
