package org.byoc.interaction.pubsub;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.grpc.test.autoconfigure.LocalGrpcServerPort;
import org.springframework.boot.test.web.server.LocalManagementPort;

import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerApiTestBase;
import org.byoc.interaction.support.PartnerFixture;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vendor's own npm Pub/Sub client ({@code salesforce-pubsub-api-client}, pinned in src/test/node with a lock
 * file), unchanged: it logs in with the JWT-bearer flow against our token endpoint, subscribes over TLS, and must
 * receive and decode an agent's reply posted through the admin API. Needs Node.js and npm; without them the test
 * fails and says so.
 */
class PubSubNodeClientTest extends PartnerApiTestBase {

	static final Path sources = Path.of("src/test/node").toAbsolutePath();

	static final Path work = Path.of("target/node-e2e").toAbsolutePath();

	@LocalGrpcServerPort
	int grpcPort;

	@LocalManagementPort
	int managementPort;

	@BeforeAll
	static void installClient() throws Exception {
		String version = run(List.of("node", "--version"), sources, 30,
				"Node.js (node, version 20 or newer) is needed for the npm Pub/Sub client test; install it and rerun");
		assertThat(version).as("node version").startsWith("v");
		Files.createDirectories(work);
		boolean lockChanged = !Files.exists(work.resolve("package-lock.json")) || Files
			.mismatch(sources.resolve("package-lock.json"), work.resolve("package-lock.json")) != -1;
		for (String file : List.of("package.json", "package-lock.json", "receive-one-event.mjs",
				"managed-subscriber.mjs")) {
			Files.copy(sources.resolve(file), work.resolve(file), StandardCopyOption.REPLACE_EXISTING);
		}
		if (lockChanged || !Files.isDirectory(work.resolve("node_modules/salesforce-pubsub-api-client"))) {
			run(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), work, 600,
					"npm could not install the npm Pub/Sub client from the registry");
		}
	}

	@Test
	void whenAnAgentRepliesThenTheVendorsNodeClientReceivesAndDecodesIt() throws Exception {
		PartnerFixture.App partner = fixture.partnerA();
		String token = accessToken(partner);
		String from = "+1555" + UUID.randomUUID().toString().substring(0, 6);
		String conversation = endUserWrites(partner, token, from);

		ProcessBuilder node = new ProcessBuilder("node", "receive-one-event.mjs").directory(work.toFile())
			.redirectError(ProcessBuilder.Redirect.INHERIT);
		node.environment().put("LOGIN_URL", baseUrl());
		node.environment().put("CLIENT_ID", partner.consumerKey());
		node.environment().put("USERNAME", partner.username());
		node.environment().put("PRIVATE_KEY_FILE", partner.privateKeyFile().toString());
		node.environment().put("PUBSUB_ENDPOINT", "localhost:" + this.grpcPort);
		node.environment().put("TOPIC", "/event/BYOC_Outbound__e");
		node.environment().put("MATCH", conversation);
		node.environment().put("TIMEOUT_MS", "30000");
		Process process = node.start();
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			CompletableFuture<String> event = CompletableFuture.supplyAsync(() -> {
				try {
					for (String line = out.readLine(); line != null; line = out.readLine()) {
						if (line.startsWith("EVENT ")) {
							return line.substring(6);
						}
					}
					return null;
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			});
			HttpResponse<String> reply = send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.managementPort + "/admin/api/conversations/"
						+ conversation + "/messages"))
				.header("Authorization", "Bearer " + fixture.adminToken())
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("""
						{"senderUserId": "0055g00000AAgtA", "text": "Hello from the agent"}"""))
				.build());
			assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);

			String received = event.get(40, TimeUnit.SECONDS);
			assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as("node exit code (2 stream error, 3 timeout)").isZero();
			assertThat(received).as("the event line the node client printed").isNotNull();

			JsonNode data = json.readTree(received);
			assertThat(data.at("/replayId").asLong()).isPositive();
			JsonNode fields = data.get("payload");
			assertThat(fields.get("EventType__c").asString()).isEqualTo("Interaction");
			assertThat(fields.get("CreatedDate").asLong()).isPositive();
			JsonNode payload = json.readTree(fields.get("Payload__c").asString());
			assertThat(payload.get("conversationIdentifier").asString()).isEqualTo(conversation);
			assertThat(payload.at("/recipient/subject").asString()).isEqualTo(from);
			assertThat(payload.at("/recipient/role").asString()).isEqualTo("EndUser");
			assertThat(payload.at("/payload/entryPayload/abstractMessage/staticContent/text").asString())
				.isEqualTo("Hello from the agent");
		}
		finally {
			process.destroyForcibly();
		}
	}

	private String endUserWrites(PartnerFixture.App partner, String token, String from) {
		String id = UUID.randomUUID().toString();
		Multipart body = Multipart.of().json("""
				{"to": "%s", "from": "%s", "interactions": [{"timestamp": 1, "interactionType": "EntryInteraction",
				 "payload": {"id": "%s", "entryType": "Message", "abstractMessage": {"messageType":
				 "StaticContentMessage", "id": "%s", "staticContent": {"formatType": "Text", "text": "help"}}}}]}"""
			.formatted(partner.address(), from, id, id));
		HttpResponse<String> accepted = send(apiRequest("/api/v1/interactions", partner, token)
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		return json(accepted).get("conversationIdentifier").asString();
	}

	private static String run(List<String> command, Path dir, int seconds, String failure) throws Exception {
		Process process;
		try {
			process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new AssertionError(failure + ": cannot run '" + String.join(" ", command) + "' (" + ex.getMessage()
					+ ")", ex);
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(seconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new AssertionError(failure + ": '" + String.join(" ", command) + "' failed:\n" + output);
		}
		return output.trim();
	}

}
