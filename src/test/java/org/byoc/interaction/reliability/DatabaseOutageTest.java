package org.byoc.interaction.reliability;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.LocalGrpcServerPort;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.support.EmbeddedPostgres;
import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerApiTestBase;
import org.byoc.interaction.support.PartnerSubscription;
import org.byoc.interaction.support.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database goes away under load and comes back (PostgreSQL behind a TCP proxy the test cuts: open connections
 * are reset, new ones refused). While it is gone every request is answered 503 with code 503 within the pool's
 * connection timeout, never 500; nothing half-written remains; and once it is back the very next requests succeed
 * without a restart, the partner's retries of the refused ones included, and outbound events flow again.
 */
class DatabaseOutageTest extends PartnerApiTestBase {

	private static final TcpProxy database = TcpProxy.to("localhost", EmbeddedPostgres.port());

	@DynamicPropertySource
	static void databaseBehindProxy(DynamicPropertyRegistry registry) {
		String name = EmbeddedPostgres.newDatabase();
		registry.add("spring.datasource.url",
				() -> "jdbc:postgresql://127.0.0.1:" + database.port() + "/" + name + "?connectTimeout=2&socketTimeout=10");
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
	}

	@AfterAll
	static void closeProxy() {
		database.close();
	}

	@LocalManagementPort
	int managementPort;

	@LocalGrpcServerPort
	int grpcPort;

	@Autowired
	JdbcClient jdbc;

	@Test
	void whenTheDatabaseGoesAwayUnderLoadThenRequestsGet503AndAllIsWellOnceItReturns() throws Exception {
		String token = accessToken(fixture.partnerA());
		String endUser = "+1555" + UUID.randomUUID().toString().substring(0, 8);
		JsonNode first = json(expect(202, message(token, endUser, UUID.randomUUID().toString())));
		String conversation = first.get("conversationIdentifier").asString();

		Map<String, Integer> answers = new ConcurrentHashMap<>();
		List<String> unexpected = new ArrayList<>();
		AtomicBoolean sending = new AtomicBoolean(true);
		ExecutorService senders = Executors.newFixedThreadPool(4);
		List<Future<?>> running = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			running.add(senders.submit(() -> {
				while (sending.get()) {
					String id = UUID.randomUUID().toString();
					long started = System.nanoTime();
					HttpResponse<String> response = message(token, endUser, id);
					long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
					answers.put(id, response.statusCode());
					if (response.statusCode() == 503) {
						JsonNode body = json(response);
						if (body.get("code").asInt() != 503 || millis > 10_000) {
							synchronized (unexpected) {
								unexpected.add(millis + " ms: " + response.body());
							}
						}
					}
					else if (response.statusCode() != 202) {
						synchronized (unexpected) {
							unexpected.add(response.statusCode() + ": " + response.body());
						}
					}
				}
			}));
		}
		try {
			Thread.sleep(800);
			database.cut();
			Thread.sleep(2500);
			// an agent's reply and a file while the database is away are refused the same way
			assertRefused503(agentReply(conversation, "while the database is away"));
			assertRefused503(attachment(token, endUser));
			database.restore();
			Thread.sleep(800);
		}
		finally {
			sending.set(false);
			database.restore();
			senders.shutdown();
		}
		for (Future<?> sender : running) {
			sender.get(30, TimeUnit.SECONDS);
		}

		assertThat(unexpected).isEmpty();
		assertThat(answers.values()).contains(202, 503);
		// what was accepted is there once; what was refused may or may not have committed (a commit cut off
		// mid-flight is unknowable to the server), so the partner retries it: one entry each, never two
		answers.forEach((id, status) -> {
			if (status == 202) {
				assertThat(entries(conversation, id)).as("accepted entry %s", id).isEqualTo(1);
			}
		});
		answers.forEach((id, status) -> {
			if (status == 503) {
				expect(202, message(token, endUser, id));
				assertThat(entries(conversation, id)).as("retried entry %s", id).isEqualTo(1);
			}
		});

		// events flow again: the sequencer took its database session back
		HttpResponse<String> reply = agentReply(conversation, "the database is back");
		assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
		try (PartnerSubscription subscription = PartnerSubscription.earliest(this.grpcPort,
				fixture.dataDir().resolve("tls/pubsub.crt"), token, fixture.partnerA().orgId(),
				"/event/BYOC_Outbound__e")) {
			List<PartnerSubscription.OutboundEvent> events = subscription.await(conversation, 1, Duration.ofSeconds(20));
			assertThat(events).extracting(PartnerSubscription.OutboundEvent::eventId)
				.containsExactly(json(reply).get("eventId").asString());
		}
	}

	private long entries(String conversation, String entryId) {
		return this.jdbc.sql("select count(*) from conversation_entry where conversation_identifier = ? and entry_id = ?")
			.params(conversation, entryId)
			.query(Long.class)
			.single();
	}

	private static void assertRefused503(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
		assertThat(json(response).get("code").asInt()).isEqualTo(503);
		assertThat(json(response).get("message").asString()).contains("database");
	}

	private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return response;
	}

	private HttpResponse<String> message(String token, String endUser, String id) {
		Multipart body = Multipart.of().json("""
				{"to": "%s", "from": "%s", "interactions": [{"timestamp": 1688190840000, "interactionType":
				 "EntryInteraction", "payload": {"id": "%s", "entryType": "Message", "abstractMessage": {"messageType":
				 "StaticContentMessage", "id": "%s", "staticContent": {"formatType": "Text", "text": "%s"}}}}]}"""
			.formatted(fixture.partnerA().address(), endUser, id, id, "message " + id));
		return send(apiRequest("/api/v1/interactions", fixture.partnerA(), token)
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
	}

	private HttpResponse<String> attachment(String token, String endUser) {
		byte[] pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes();
		Multipart body = Multipart.of().json("""
				{"to": "%s", "from": "%s", "interactions": [{"timestamp": 1688190840000, "interactionType":
				 "AttachmentInteraction", "id": "%s", "attachmentIndex": 0, "contentLength": %d}]}"""
			.formatted(fixture.partnerA().address(), endUser, UUID.randomUUID(), pdf.length))
			.file("attachments", "terms.pdf", "application/pdf", pdf);
		return send(apiRequest("/api/v1/interactions", fixture.partnerA(), token)
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
	}

	private HttpResponse<String> agentReply(String conversation, String text) {
		return send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.managementPort + "/admin/api/conversations/"
					+ conversation + "/messages"))
			.header("Authorization", "Bearer " + fixture.adminToken())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("""
					{"senderUserId": "0055g00000AAgtA", "text": "%s"}""".formatted(text)))
			.build());
	}

}
