package org.byoc.interaction.cluster;

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
import java.util.List;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import org.byoc.interaction.InteractionServiceApplication;
import org.byoc.interaction.support.EmbeddedPostgres;
import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerFixture;

/**
 * Several service nodes in this JVM on one embedded PostgreSQL database, as an operator runs them behind a load
 * balancer: the same setup file, admin key and (declared shared) data directory, each on random ports of its own.
 */
final class ClusterNodes implements AutoCloseable {

	static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	static final JsonMapper JSON = JsonMapper.builder().build();

	final PartnerFixture fixture = PartnerFixture.shared();

	final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	final Path dataDir;

	ClusterNodes(int count, String... more) {
		this.dataDir = this.fixture.dir().resolve("cluster-" + UUID.randomUUID()).resolve("data");
		String[] database = EmbeddedPostgres.newDatabaseArguments();
		// one after the other: the first creates the shared keys, the others read them
		for (int i = 0; i < count; i++) {
			List<String> args = new ArrayList<>(List.of(database));
			args.addAll(List.of("--interactionservice.data-dir=" + this.dataDir,
					"--interactionservice.setup-file=" + this.fixture.setupFile(),
					"--interactionservice.admin.public-key=" + this.fixture.dir().resolve("admin/admin_public.pem"),
					"--interactionservice.cluster.nodes=" + count,
					"--interactionservice.inbound.files.shared-directory=true", "--server.port=0",
					"--management.server.port=0", "--spring.grpc.server.port=0", "--spring.main.banner-mode=off"));
			args.addAll(List.of(more));
			this.nodes.add(new SpringApplicationBuilder(InteractionServiceApplication.class)
				.run(args.toArray(String[]::new)));
		}
	}

	ConfigurableApplicationContext node(int index) {
		return this.nodes.get(index);
	}

	int apiPort(int index) {
		return Integer.parseInt(node(index).getEnvironment().getProperty("local.server.port"));
	}

	int managementPort(int index) {
		return Integer.parseInt(node(index).getEnvironment().getProperty("local.management.port"));
	}

	/** An access token of the app's integration user from node {@code index}'s token endpoint. */
	String accessToken(int index, PartnerFixture.App app) {
		HttpResponse<String> response = send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + apiPort(index) + "/services/oauth2/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=" + encode(PartnerFixture.JWT_BEARER)
					+ "&assertion=" + encode(this.fixture.assertion(app))))
			.build());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("token request failed: " + response.statusCode() + " " + response.body());
		}
		return JSON.readTree(response.body()).get("access_token").asString();
	}

	/** POST /api/v1/interactions on node {@code index} with the json part given. */
	HttpResponse<String> postInteraction(int index, PartnerFixture.App app, String token, String json) {
		Multipart body = Multipart.of().json(json);
		return send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + apiPort(index) + "/api/v1/interactions"))
			.header("Authorization", "Bearer " + token)
			.header("OrgId", app.orgKey())
			.header("AuthorizationContext", app.channel())
			.header("RequestId", UUID.randomUUID().toString())
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
	}

	static String textMessage(PartnerFixture.App app, String endUser, String text) {
		String entryId = UUID.randomUUID().toString();
		return """
				{"to": "%s", "from": "%s", "interactions": [{"timestamp": 1688190840000,
				 "interactionType": "EntryInteraction", "payload": {"id": "%s", "entryType": "Message",
				   "abstractMessage": {"messageType": "StaticContentMessage", "id": "%s",
				     "staticContent": {"formatType": "Text", "text": "%s"}}}}]}"""
			.formatted(app.address(), endUser, entryId, entryId, text);
	}

	static String typingStarted(PartnerFixture.App app, String endUser) {
		return """
				{"to": "%s", "from": "%s", "interactions": [{"timestamp": 1688190840000,
				 "interactionType": "EntryInteraction", "payload": {"id": "%s", "entryType": "TypingStartedIndicator",
				   "timestamp": 1688190840000}}]}""".formatted(app.address(), endUser, UUID.randomUUID());
	}

	static HttpResponse<String> send(HttpRequest request) {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.nodes.forEach(ConfigurableApplicationContext::close);
	}

}
