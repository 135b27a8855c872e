package org.byoc.interaction.cluster;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.byoc.interaction.setup.SetupAdministration;
import org.byoc.interaction.setup.SetupDirectory;
import org.byoc.interaction.support.AdminKeys;
import org.byoc.interaction.support.ConsoleCsrf;
import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three nodes on one PostgreSQL, each request on whichever node, as behind a load balancer: what one node learns,
 * every node knows. Periodic refreshes are switched off (one hour), so only the cross-node signals can make these
 * pass; the rate limit is 1 request per second with a burst of 10 per org, for the whole cluster.
 */
class ClusterNodesPostgresTest {

	static final Duration WAIT = Duration.ofSeconds(10);

	static ClusterNodes cluster;

	static PartnerFixture fixture;

	@BeforeAll
	static void startThreeNodes() {
		cluster = new ClusterNodes(3, "--interactionservice.setup.refresh-interval=1h",
				"--interactionservice.maintenance.refresh-interval=1h",
				"--interactionservice.ratelimit.requests-per-second=1", "--interactionservice.ratelimit.burst=10");
		fixture = cluster.fixture;
	}

	@AfterAll
	static void stopNodes() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void whenAnEntryAndTypingArePostedOnOneNodeThenTheConsoleStreamOnAnotherNodeHearsThem() throws Exception {
		PartnerFixture.App app = fixture.partnerA();
		try (ConsoleStream stream = ConsoleStream.open(cluster.managementPort(0), app.orgId(),
				fixture.adminToken())) {
			stream.await("ready");
			String token = cluster.accessToken(1, app);
			String endUser = "+1555" + UUID.randomUUID().toString().substring(0, 8);

			HttpResponse<String> posted = cluster.postInteraction(1, app, token,
					ClusterNodes.textMessage(app, endUser, "posted on node 1"));
			assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
			String conversation = ClusterNodes.JSON.readTree(posted.body()).get("conversationIdentifier").asString();
			stream.await("conversation-" + conversation);

			// typing causes no outbound event: only the entry's own signal can reach node 0
			stream.clear();
			HttpResponse<String> typing = cluster.postInteraction(2, app, token,
					ClusterNodes.typingStarted(app, endUser));
			assertThat(typing.statusCode()).as(typing.body()).isEqualTo(202);
			stream.await("conversation-" + conversation);
		}
	}

	@Test
	void whenRequestsOfOneOrgAreSpreadOverThreeNodesThenTogetherTheyAdmitTheLimitOnce() {
		PartnerFixture.App app = fixture.partnerC();
		String token = cluster.accessToken(0, app);
		int admitted = 0;
		int refused = 0;
		Instant start = Instant.now();
		for (int i = 0; i < 30; i++) {
			// an empty body passes authentication and the limit, then is refused 400: cheap, and it counts
			HttpResponse<String> response = cluster.postInteraction(i % 3, app, token, "{}");
			if (response.statusCode() == 429) {
				refused++;
				assertThat(response.headers().firstValue("Retry-After")).isPresent();
				assertThat(response.body()).contains("\"code\":429");
			}
			else {
				admitted++;
			}
		}
		long seconds = Duration.between(start, Instant.now()).toSeconds() + 1;
		// one node alone would admit its burst of 10: three unshared buckets would admit all 30
		assertThat(admitted).as("admitted in %d s", seconds).isBetween(10, 10 + (int) seconds);
		assertThat(refused).isEqualTo(30 - admitted);
	}

	@Test
	void whenTheSetupChangesOnOneNodeThenTheOtherNodesSeeItAtOnce() {
		String orgKey = fixture.partnerB().orgKey();
		String name = "Org B " + UUID.randomUUID();

		cluster.node(0).getBean(SetupAdministration.class).updateOrg(orgKey, (tree) -> {
			tree.put("name", name);
			return tree;
		}, "cluster test");

		for (int node = 1; node < 3; node++) {
			SetupDirectory setup = cluster.node(node).getBean(SetupDirectory.class);
			await().atMost(WAIT).untilAsserted(() -> assertThat(setup.org(orgKey).orElseThrow().name()).isEqualTo(name));
		}
	}

	@Test
	void whenAnOrgGoesIntoMaintenanceOnOneNodeThenEveryNodeRefusesItsWrites() {
		PartnerFixture.App app = fixture.partnerB();
		String token = cluster.accessToken(2, app);
		HttpResponse<String> started = cluster.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + cluster.managementPort(0) + "/admin/api/orgs/"
					+ app.orgId() + "/maintenance"))
			.header("Authorization", "Bearer " + fixture.adminToken())
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"readOnly\": true, \"message\": \"Org migration\"}"))
			.build());
		assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
		try {
			for (int node = 1; node < 3; node++) {
				int n = node;
				await().atMost(WAIT).untilAsserted(() -> {
					HttpResponse<String> write = cluster.postInteraction(n, app, token,
							ClusterNodes.textMessage(app, "+15550000001", "during maintenance"));
					assertThat(write.statusCode()).isEqualTo(503);
					assertThat(write.body()).contains("10019");
				});
			}
		}
		finally {
			cluster.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + cluster.managementPort(1) + "/admin/api/orgs/"
						+ app.orgId() + "/maintenance"))
				.header("Authorization", "Bearer " + fixture.adminToken())
				.DELETE()
				.build());
		}
	}

	@Test
	void whenTheConsoleSignsOutOnOneNodeThenEveryNodeRefusesTheToken() {
		String token = AdminKeys.mint(fixture.dir().resolve("admin"), "admin", "admin",
				Instant.now().plusSeconds(3600 + (long) (Math.random() * 600)));
		String cookie = "console_admin_token=" + token;
		for (int node = 0; node < 3; node++) {
			assertThat(console(node, cookie).statusCode()).as("signed in on node %d", node).isEqualTo(200);
		}
		ConsoleCsrf csrf = ConsoleCsrf.fetch(cluster.managementPort(0));

		HttpResponse<String> signedOut = cluster.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + cluster.managementPort(0) + "/console/sign-out"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", cookie + "; " + csrf.cookie())
			.POST(HttpRequest.BodyPublishers.ofString(csrf.formField()))
			.build());

		assertThat(signedOut.statusCode()).isEqualTo(302);
		for (int node = 0; node < 3; node++) {
			// at once: the sign-out is in the database each node asks
			assertThat(console(node, cookie).statusCode()).as("node %d", node).isEqualTo(303);
			HttpResponse<String> api = cluster.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + cluster.managementPort(node) + "/admin/api/setup"))
				.header("Authorization", "Bearer " + token)
				.build());
			assertThat(api.statusCode()).isEqualTo(401);
			assertThat(api.body()).contains("signed out");
		}
	}

	private static HttpResponse<String> console(int node, String cookie) {
		return cluster.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + cluster.managementPort(node) + "/console/"))
			.header("Accept", "text/html")
			.header("Cookie", cookie)
			.build());
	}

	/** The console's server-sent event stream of an org, as the page's htmx opens it; collects event names. */
	static final class ConsoleStream implements AutoCloseable {

		private final BlockingQueue<String> names = new LinkedBlockingQueue<>();

		private final List<String> seen = new ArrayList<>();

		private final Thread reader;

		private ConsoleStream(Stream<String> lines) {
			this.reader = new Thread(() -> {
				try {
					lines.filter((line) -> line.startsWith("event:"))
						.forEach((line) -> this.names.add(line.substring("event:".length()).strip()));
				}
				catch (UncheckedIOException ex) {
					// closed
				}
			}, "console-stream");
			this.reader.setDaemon(true);
			this.reader.start();
		}

		static ConsoleStream open(int managementPort, String orgId, String adminToken) throws Exception {
			HttpResponse<Stream<String>> response = ClusterNodes.HTTP.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + managementPort + "/console/orgs/" + orgId + "/stream"))
				.header("Accept", "text/event-stream")
				.header("Cookie", "console_admin_token=" + adminToken)
				.build(), HttpResponse.BodyHandlers.ofLines());
			assertThat(response.statusCode()).isEqualTo(200);
			return new ConsoleStream(response.body());
		}

		void await(String name) throws InterruptedException {
			long deadline = System.nanoTime() + WAIT.toNanos();
			while (!this.seen.contains(name)) {
				String next = this.names.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				assertThat(next).as("event %s within %s; seen %s", name, WAIT, this.seen).isNotNull();
				this.seen.add(next);
			}
		}

		void clear() {
			this.seen.clear();
			this.names.clear();
		}

		@Override
		public void close() {
			this.reader.interrupt();
		}

	}

}
