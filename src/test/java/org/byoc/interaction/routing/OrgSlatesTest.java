package org.byoc.interaction.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.Stream;

import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.OmniOrg;
import org.byoc.interaction.support.PubSubTestClient;
import org.byoc.interaction.support.PubSubTestClient.SubscribeStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clean slates (issue 17, §4) through the admin API: a reset empties the org's state and files and ends its
 * subscribers' streams with an explicit error; a restore leaves the org exactly as snapshotted, compared row by row
 * and event by event; another org is never touched.
 */
class OrgSlatesTest extends QueueRoutingTestBase {

	/** Every table holding an org's state, and how its rows are found: what "the org's state" means to this test. */
	private static final Map<String, String> TABLES = new LinkedHashMap<>();

	static {
		for (String table : List.of("messaging_end_user", "conversation", "messaging_session", "conversation_entry",
				"attachment", "entry_acknowledgement", "conversation_participant", "agent_receipt",
				"consult_conversation", "pending_service_routing", "agent_work", "consent", "registered_capabilities",
				"agent_presence", "managed_subscription_commit", "scripted_agent_turn")) {
			TABLES.put(table, "org_key = ?");
		}
		TABLES.put("consult_message", "consult_id in (select id from consult_conversation where org_key = ?)");
	}

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void whenAnOrgIsResetThenItsStateFilesAndEventsAreGoneItsSubscribersAreToldAndOtherOrgsAreUntouched() {
		OmniOrg other = OmniOrg.create(fixture, this.managementPort);
		Worked mine = work(this.org);
		work(other);
		awaitAllSequenced(other.orgId());
		Map<String, List<String>> othersBefore = state(other.orgId());
		long lastReplayId;
		try (PubSubTestClient client = client()) {
			SubscribeStream live = client.subscribe(PubSubTestClient.auth(token(this.org.chat()), this.org.orgId()));
			live.request(PubSubTestClient.fetch(OmniOrg.TOPIC, ReplayPreset.EARLIEST, 0, 100));
			List<ConsumerEvent> before = live.events(3, Duration.ofSeconds(20));
			lastReplayId = PubSubTestClient.replayId(before.get(before.size() - 1).getReplayId());

			JsonNode reset = agent("POST", "/admin/api/orgs/%s/reset".formatted(this.org.orgId()), null);
			assertThat(reset.get("rows").asInt()).isPositive();
			assertThat(reset.get("events").asInt()).isGreaterThanOrEqualTo(3);
			assertThat(reset.get("files").asInt()).isEqualTo(1);

			StatusRuntimeException ended = live.awaitError(Duration.ofSeconds(10));
			assertThat(ended.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
			assertThat(PubSubTestClient.errorCode(ended))
				.isEqualTo("sfdc.platform.eventbus.grpc.subscription.org.reset");
			assertThat(ended.getStatus().getDescription()).contains("EARLIEST or LATEST");
		}
		assertThat(state(this.org.orgId()).values()).allSatisfy((rows) -> assertThat(rows).isEmpty());
		assertThat(storedFile(mine.attachmentId())).isFalse();
		assertThat(state(other.orgId())).isEqualTo(othersBefore);

		try (PubSubTestClient client = client()) {
			SubscribeStream stale = client.subscribe(PubSubTestClient.auth(token(this.org.chat()), this.org.orgId()));
			stale.request(PubSubTestClient.fetch(OmniOrg.TOPIC, ReplayPreset.CUSTOM, lastReplayId, 100));
			StatusRuntimeException refused = stale.awaitError(Duration.ofSeconds(10));
			assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
			assertThat(PubSubTestClient.errorCode(refused))
				.isEqualTo("sfdc.platform.eventbus.grpc.subscription.org.reset");

			// the setup stayed: the org takes new conversations, and EARLIEST reads only what came after the reset
			SubscribeStream fresh = client.subscribe(PubSubTestClient.auth(token(this.org.chat()), this.org.orgId()));
			fresh.request(PubSubTestClient.fetch(OmniOrg.TOPIC, ReplayPreset.EARLIEST, 0, 100));
			Started again = startConversation(this.org.chat());
			List<ConsumerEvent> after = fresh.events(1, Duration.ofSeconds(20));
			assertThat(after).allSatisfy((event) -> assertThat(
					PubSubTestClient.replayId(event.getReplayId())).isGreaterThan(lastReplayId));
			assertThat(this.conversations.find(this.org.orgId(), mine.conversation().conversationIdentifier()))
				.isEmpty();
			assertThat(this.conversations.find(this.org.orgId(), again.conversationIdentifier())).isPresent();
		}
	}

	@Test
	void whenASnapshotIsRestoredThenTheOrgIsExactlyAsSnapshottedAndOtherOrgsAreUntouched() {
		OmniOrg other = OmniOrg.create(fixture, this.managementPort);
		Worked mine = work(this.org);
		awaitEvents(this.org.orgId(), 3);
		Map<String, List<String>> snapshotted = state(this.org.orgId());
		HttpResponse<String> taken = admin("POST", "/admin/api/orgs/%s/snapshots".formatted(this.org.orgId()),
				"{\"name\": \"baseline\"}");
		assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
		assertThat(json(taken).get("files").asInt()).isEqualTo(1);

		// the org moves on: another message, the session ends, a second conversation, then a reset removes the file
		agent("POST", "/admin/api/conversations/%s/messages".formatted(mine.conversation().conversationIdentifier()),
				"{\"senderUserId\": \"%s\", \"text\": \"Anything else?\"}".formatted(this.org.ada()), 201);
		agent("POST", "/admin/api/orgs/%s/agents/%s/conversations/%s/end".formatted(this.org.orgId(), this.org.ada(),
				mine.conversation().conversationIdentifier()), null);
		startConversation(this.org.chat());
		agent("POST", "/admin/api/orgs/%s/reset".formatted(this.org.orgId()), null);
		assertThat(storedFile(mine.attachmentId())).isFalse();
		work(other);
		awaitAllSequenced(other.orgId());
		Map<String, List<String>> othersBefore = state(other.orgId());

		JsonNode restored = agent("POST",
				"/admin/api/orgs/%s/snapshots/baseline/restore".formatted(this.org.orgId()), null);
		assertThat(restored.get("rows").asInt()).isEqualTo(rowCount(snapshotted));

		assertThat(state(this.org.orgId())).isEqualTo(snapshotted);
		assertThat(storedFile(mine.attachmentId())).isTrue();
		assertThat(state(other.orgId())).isEqualTo(othersBefore);
		assertThat(this.conversations.transcript(mine.conversation().conversationIdentifier()))
			.extracting((entry) -> entry.entryType())
			.contains("Message");

		JsonNode listed = agent("GET", "/admin/api/orgs/%s/snapshots".formatted(this.org.orgId()), null);
		assertThat(listed.at("/snapshots/0/name").asString()).isEqualTo("baseline");
		assertThat(admin("DELETE", "/admin/api/orgs/%s/snapshots/baseline".formatted(this.org.orgId()), null)
			.statusCode()).isEqualTo(204);
		assertRefused(admin("POST", "/admin/api/orgs/%s/snapshots/baseline/restore".formatted(this.org.orgId()), null),
				404, 404);
		assertRefused(admin("POST", "/admin/api/orgs/%s/snapshots".formatted(this.org.orgId()), "{\"name\": \"a b\"}"),
				400, 10089);
	}

	/** A conversation an agent accepted and answered, with a file, on the org's Salesforce-routed channel. */
	private Worked work(OmniOrg on) {
		OmniOrg saved = this.org;
		this.org = on;
		try {
			presence(on.ada(), OmniOrg.AVAILABLE);
			Started conversation = startConversation(on.chat());
			agent("POST", workPath(on.ada(), offeredTo(on.ada(), conversation), "accept"), null);
			agent("POST", "/admin/api/conversations/%s/messages".formatted(conversation.conversationIdentifier()),
					"{\"senderUserId\": \"%s\", \"text\": \"Hello, I am Ada.\"}".formatted(on.ada()), 201);
			String attachmentId = upload(conversation.conversationIdentifier());
			agent("POST", "/admin/api/conversations/%s/messages".formatted(conversation.conversationIdentifier()),
					"{\"senderUserId\": \"%s\", \"attachmentIds\": [\"%s\"]}".formatted(on.ada(), attachmentId), 201);
			return new Worked(conversation, attachmentId);
		}
		finally {
			this.org = saved;
		}
	}

	private void agent(String method, String path, String body, int status) {
		HttpResponse<String> response = admin(method, path, body);
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
	}

	private String upload(String conversation) {
		Multipart upload = Multipart.of().file("file", "receipt.pdf", "application/pdf",
				"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes());
		HttpResponse<String> stored = send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.managementPort
					+ "/admin/api/attachments?conversationIdentifier=" + conversation))
			.header("Authorization", "Bearer " + fixture.adminToken())
			.header("Content-Type", upload.contentType())
			.POST(upload.publisher())
			.build());
		assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
		return json(stored).get("id").asString();
	}

	private boolean storedFile(String attachmentId) {
		try (Stream<Path> files = Files.walk(fixture.dataDir())) {
			return files.anyMatch((f) -> f.getFileName().toString().equals(attachmentId));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Every row of the org, table by table and in a stable order, as text; its events with replay ids and bytes. */
	private Map<String, List<String>> state(String orgId) {
		String orgKey = OrgIds.key(orgId);
		Map<String, List<String>> state = new LinkedHashMap<>();
		TABLES.forEach((table, where) -> state.put(table, this.jdbc
			.queryForList("select * from " + table + " where " + where, orgKey)
			.stream()
			.map(OrgSlatesTest::describe)
			.sorted()
			.toList()));
		state.put("outbound_event", this.jdbc
			.queryForList("select event_id, topic, schema_id, payload, created_at, replay_id from outbound_event"
					+ " where org_key = ? order by replay_id", orgKey)
			.stream()
			.map(OrgSlatesTest::describe)
			.toList());
		return state;
	}

	private static String describe(Map<String, Object> row) {
		Map<String, Object> shown = new LinkedHashMap<>();
		row.forEach((column, value) -> shown.put(column.toLowerCase(),
				(value instanceof byte[] bytes) ? HexFormat.of().formatHex(bytes) : value));
		return shown.toString();
	}

	private static int rowCount(Map<String, List<String>> state) {
		return state.entrySet()
			.stream()
			.filter((table) -> !table.getKey().equals("outbound_event"))
			.mapToInt((table) -> table.getValue().size())
			.sum();
	}

	/** Until the sequencer numbered every event of the org: a replay id given later would look like a change. */
	private void awaitAllSequenced(String orgId) {
		awaitEventCount(orgId, "replay_id is null", (events) -> events == 0);
	}

	private void awaitEvents(String orgId, int count) {
		awaitEventCount(orgId, "replay_id is not null", (events) -> events >= count);
	}

	private void awaitEventCount(String orgId, String condition, IntPredicate done) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!done.test(this.jdbc.queryForObject(
				"select count(*) from outbound_event where org_key = ? and " + condition, Integer.class,
				OrgIds.key(orgId)))) {
			assertThat(System.nanoTime()).as("events sequenced").isLessThan(deadline);
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private PubSubTestClient client() {
		return PubSubTestClient.connect("localhost", this.grpcPort, fixture.dataDir().resolve("tls/pubsub.crt"));
	}

	record Worked(Started conversation, String attachmentId) {
	}

}
