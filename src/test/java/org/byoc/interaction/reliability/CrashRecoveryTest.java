package org.byoc.interaction.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerFixture;
import org.byoc.interaction.support.PartnerSubscription;
import org.byoc.interaction.support.PartnerSubscription.OutboundEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 under load, then a restart on the same data directory (the default H2 file database): every interaction
 * that was answered 2xx is in its transcript, in the order it was accepted; the partner's retries of everything
 * (answered or not) are accepted without a second entry; and the event log replays from EARLIEST every agent reply
 * that was answered 201 before the kill, in order, none twice.
 * <p>
 * Short by design (about two seconds of load on this 2-core machine). {@code -Dcrash.load-seconds=60
 * -Dcrash.senders=8} runs it longer and harder.
 */
class CrashRecoveryTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String TOPIC = "/event/BYOC_Outbound__e";

	private static final long LOAD_MILLIS = TimeUnit.SECONDS.toMillis(Long.getLong("crash.load-seconds", 2));

	private static final int SENDERS = Integer.getInteger("crash.senders", 3);

	private final PartnerFixture fixture = PartnerFixture.shared();

	private final PartnerFixture.App partner = this.fixture.partnerA();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void whenTheServiceIsKilledUnderLoadThenAfterARestartNothingAnsweredIsLostAndNothingIsDoubled() throws Exception {
		Path dataDir = this.fixture.dir().resolve("data-crash-" + UUID.randomUUID());
		// the admin key pair exists before the service reads it
		this.fixture.adminToken();
		List<String> refusedReplies = Collections.synchronizedList(new ArrayList<>());
		String[] properties = { "--interactionservice.setup-file=" + this.fixture.setupFile(),
				"--interactionservice.admin.public-key=" + this.fixture.dir().resolve("admin/admin_public.pem") };
		List<Sender> senders = new ArrayList<>();
		List<String> repliesBeforeKill = Collections.synchronizedList(new ArrayList<>());
		String agentConversation;
		try (ServiceProcess first = ServiceProcess.start(dataDir, dataDir.resolveSibling(dataDir.getFileName() + "-1.log"),
				properties)) {
			Api api = new Api(first);
			String token = api.token();
			agentConversation = api.message(token, "+1555agent" + UUID.randomUUID().toString().substring(0, 6),
					UUID.randomUUID().toString()).get("conversationIdentifier").asString();
			for (int i = 0; i < SENDERS; i++) {
				Sender sender = new Sender("+1555crash" + i + UUID.randomUUID().toString().substring(0, 6));
				String id = UUID.randomUUID().toString();
				sender.conversation = api.message(token, sender.endUser, id).get("conversationIdentifier").asString();
				sender.sent.add(id);
				sender.accepted.add(id);
				senders.add(sender);
			}
			AtomicBoolean running = new AtomicBoolean(true);
			ExecutorService load = Executors.newFixedThreadPool(SENDERS + 1);
			List<Future<?>> tasks = new ArrayList<>();
			for (Sender sender : senders) {
				tasks.add(load.submit(() -> sender.run(api, token, running)));
			}
			tasks.add(load.submit(() -> {
				while (running.get()) {
					try {
						HttpResponse<String> reply = api.agentReply(agentConversation, "reply " + UUID.randomUUID());
						if (reply.statusCode() == 201) {
							repliesBeforeKill.add(json.readTree(reply.body()).get("eventId").asString());
						}
						else {
							refusedReplies.add(reply.statusCode() + " " + reply.body());
						}
					}
					catch (IOException ex) {
						return;
					}
				}
				return;
			}));
			Thread.sleep(LOAD_MILLIS);
			first.kill();
			running.set(false);
			load.shutdown();
			for (Future<?> task : tasks) {
				task.get(60, TimeUnit.SECONDS);
			}
		}
		List<String> accepted = new ArrayList<>();
		senders.forEach((s) -> accepted.addAll(s.accepted));
		assertThat(accepted).as("interactions answered 202 under load before the kill").hasSizeGreaterThan(2 * SENDERS);
		System.out.printf("Killed after %d accepted interactions and %d agent replies%n", accepted.size(),
				repliesBeforeKill.size());
		assertThat(refusedReplies).as("agent replies refused before the kill").isEmpty();
		assertThat(repliesBeforeKill).as("agent replies answered 201 before the kill").isNotEmpty();

		try (ServiceProcess second = ServiceProcess.start(dataDir, dataDir.resolveSibling(dataDir.getFileName() + "-2.log"),
				properties)) {
			Api api = new Api(second);
			String token = api.token();
			for (Sender sender : senders) {
				List<String> transcript = api.transcript(sender.conversation);
				assertThat(transcript).as("the transcript keeps every accepted entry, in order")
					.containsSubsequence(sender.accepted);
				assertThat(new HashSet<>(transcript)).hasSameSizeAs(transcript);
				// the partner retries everything, answered or not: all accepted, none doubled
				for (String id : sender.sent) {
					JsonNode answer = api.message(token, sender.endUser, id);
					assertThat(answer.get("conversationIdentifier").asString()).isEqualTo(sender.conversation);
				}
				List<String> after = api.transcript(sender.conversation);
				assertThat(after).containsExactlyInAnyOrderElementsOf(sender.sent);
				assertThat(after.subList(0, transcript.size())).isEqualTo(transcript);
			}

			HttpResponse<String> fence = api.agentReply(agentConversation, "after the restart");
			assertThat(fence.statusCode()).as(fence.body()).isEqualTo(201);
			String fenceId = json.readTree(fence.body()).get("eventId").asString();
			try (PartnerSubscription subscription = PartnerSubscription.earliest(second.grpcPort(),
					dataDir.resolve("tls/pubsub.crt"), token, this.partner.orgId(), TOPIC)) {
				List<OutboundEvent> events = null;
				for (int count = repliesBeforeKill.size() + 1;; count++) {
					events = subscription.await(agentConversation, count, Duration.ofSeconds(30));
					if (events.get(events.size() - 1).eventId().equals(fenceId)) {
						break;
					}
				}
				List<String> replayed = events.stream().map(OutboundEvent::eventId).toList();
				assertThat(new HashSet<>(replayed)).as("no event twice").hasSameSizeAs(replayed);
				// a reply cut off by the kill may have committed without its 201: it may be there, in its place
				assertThat(replayed).containsSubsequence(repliesBeforeKill);
				assertThat(replayed.get(replayed.size() - 1)).isEqualTo(fenceId);
				List<Long> replayIds = events.stream().map(OutboundEvent::replayId).toList();
				assertThat(replayIds).isSorted().doesNotHaveDuplicates();
			}
		}
	}

	/** One end user writing message after message, as one partner connection does. */
	private static final class Sender {

		final String endUser;

		final List<String> sent = new ArrayList<>();

		final List<String> accepted = new ArrayList<>();

		volatile String conversation;

		Sender(String endUser) {
			this.endUser = endUser;
		}

		void run(Api api, String token, AtomicBoolean running) {
			while (running.get()) {
				String id = UUID.randomUUID().toString();
				this.sent.add(id);
				try {
					HttpResponse<String> response = api.post(token, this.endUser, id);
					if (response.statusCode() == 202) {
						this.conversation = json.readTree(response.body()).get("conversationIdentifier").asString();
						this.accepted.add(id);
					}
				}
				catch (IOException ex) {
					// the service is gone; whether this one was recorded is unknown, so it will be retried
					return;
				}
			}
		}

	}

	/** The partner API and the admin API of one service process. */
	private final class Api {

		private final ServiceProcess service;

		Api(ServiceProcess service) {
			this.service = service;
		}

		String token() throws Exception {
			String form = "grant_type=" + encode(PartnerFixture.JWT_BEARER) + "&assertion="
					+ encode(CrashRecoveryTest.this.fixture.assertion(CrashRecoveryTest.this.partner));
			HttpResponse<String> response = send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.service.apiPort() + "/services/oauth2/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			return json.readTree(response.body()).get("access_token").asString();
		}

		HttpResponse<String> post(String token, String endUser, String id) throws IOException {
			Multipart body = Multipart.of().json("""
					{"to": "%s", "from": "%s", "interactions": [{"timestamp": 1688190840000, "interactionType":
					 "EntryInteraction", "payload": {"id": "%s", "entryType": "Message", "abstractMessage": {"messageType":
					 "StaticContentMessage", "id": "%s", "staticContent": {"formatType": "Text", "text": "%s"}}}}]}"""
				.formatted(CrashRecoveryTest.this.partner.address(), endUser, id, id, "message " + id));
			return send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.service.apiPort() + "/api/v1/interactions"))
				.header("Authorization", "Bearer " + token)
				.header("OrgId", CrashRecoveryTest.this.partner.orgKey())
				.header("AuthorizationContext", CrashRecoveryTest.this.partner.channel())
				.header("RequestId", UUID.randomUUID().toString())
				.header("Content-Type", body.contentType())
				.timeout(Duration.ofSeconds(30))
				.POST(body.publisher())
				.build());
		}

		JsonNode message(String token, String endUser, String id) throws IOException {
			HttpResponse<String> response = post(token, endUser, id);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
			return json.readTree(response.body());
		}

		HttpResponse<String> agentReply(String conversation, String text) throws IOException {
			return send(admin("/admin/api/conversations/" + conversation + "/messages")
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("""
						{"senderUserId": "%s", "text": "%s"}""".formatted(PartnerFixture.AGENT_A_ID, text)))
				.build());
		}

		List<String> transcript(String conversation) throws IOException {
			HttpResponse<String> response = send(admin("/admin/api/conversations/" + conversation).GET().build());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			List<String> ids = new ArrayList<>();
			for (JsonNode entry : json.readTree(response.body()).get("entries")) {
				ids.add(entry.get("identifier").asString());
			}
			return ids;
		}

		private HttpRequest.Builder admin(String path) {
			return HttpRequest.newBuilder(URI.create("http://localhost:" + this.service.managementPort() + path))
				.header("Authorization", "Bearer " + CrashRecoveryTest.this.fixture.adminToken())
				.timeout(Duration.ofSeconds(30));
		}

		private HttpResponse<String> send(HttpRequest request) throws IOException {
			try {
				return CrashRecoveryTest.this.http.send(request, HttpResponse.BodyHandlers.ofString());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
		}

	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
