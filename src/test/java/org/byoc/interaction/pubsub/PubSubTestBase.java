package org.byoc.interaction.pubsub;

import org.byoc.interaction.support.PubSubTestClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import io.grpc.Metadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.LocalGrpcServerPort;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.transaction.support.TransactionTemplate;

import org.byoc.interaction.outbound.ConversationEntry;
import org.byoc.interaction.outbound.OutboundEvents;
import org.byoc.interaction.outbound.OutboundEvents.PublishedEvent;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.SelfSignedCertificates;
import org.byoc.interaction.setup.SetupDirectory;

/**
 * A running service (the default H2 file database in its data directory, gRPC over TLS on a random port, keepalive 1 s) with two orgs: Acme
 * (current structure) and Globex (legacy). Events are published the way other modules do, through
 * {@link OutboundEvents} inside a transaction, and read back through a real TLS Pub/Sub client.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class PubSubTestBase {

	static final String ACME = "00D5g000004SWbyEAG";

	static final String ACME_INTEGRATION_USER = "0055g00000AbCdE";

	static final String ACME_CONSUMER_KEY = "3MVG9_acme_partner_app";

	static final String GLOBEX_CONSUMER_KEY = "3MVG9_globex_partner_app";

	static final String ACME_CHANNEL = "Partner_ChannelDefinition";

	static final String ACME_ADDRESS = "b0ffeafe-0d89-4338-b14a-172ad203f22a";

	static final String ACME_TOPIC = "/event/BYOC_Outbound__e";

	static final String GLOBEX = "00D5g000009GLobEAA";

	static final String GLOBEX_CHANNEL = "Legacy_Channel";

	static final String GLOBEX_ADDRESS = "6c1f2f6e-3c55-4c3f-9d7e-1b2c3d4e5f60";

	static final String GLOBEX_TOPIC = "/event/my__event__e";

	/** The test directory of the running service: its setup file and data directory. */
	abstract Path dir();

	/** The properties of a service in {@code dir}: the two-org setup, a random gRPC port, keepalive 1 s. */
	static void service(DynamicPropertyRegistry registry, Path dir) {
		Path setupFile = writeSetup(dir);
		registry.add("interactionservice.data-dir", () -> dir.resolve("data").toString());
		registry.add("interactionservice.setup-file", setupFile::toString);
		registry.add("interactionservice.demo.enabled", () -> "false");
		registry.add("spring.grpc.server.port", () -> "0");
		registry.add("interactionservice.pubsub.keepalive-interval", () -> "1s");
	}

	@LocalGrpcServerPort
	int grpcPort;

	@LocalServerPort
	int httpPort;

	@Autowired
	OutboundEvents outboundEvents;

	@Autowired
	SetupDirectory setup;

	@Autowired
	TransactionTemplate transactions;

	PubSubTestClient client;

	@BeforeEach
	void connect() {
		this.client = PubSubTestClient.connect("localhost", this.grpcPort, certificate());
	}

	@AfterEach
	void disconnect() {
		this.client.close();
	}

	Path certificate() {
		return dir().resolve("data/tls/pubsub.crt");
	}

	/** Auth metadata with a real access token of Acme's integration user, as partner middleware sends it. */
	Metadata acme() {
		return PubSubTestClient.auth(acmeToken(), ACME);
	}

	Metadata globex() {
		return PubSubTestClient.auth(globexToken(), GLOBEX);
	}

	String acmeToken() {
		return accessToken(this.httpPort, dir(), ACME_CONSUMER_KEY, "integration@acme.example");
	}

	String globexToken() {
		return accessToken(this.httpPort, dir(), GLOBEX_CONSUMER_KEY, "integration@globex.example");
	}

	static String accessToken(int httpPort, Path dir, String consumerKey, String username) {
		return PartnerTokens.accessToken(httpPort, dir.resolve("certs/server.key"), consumerKey, username);
	}

	Channel acmeChannel() {
		return this.setup.channel(ACME, ACME_CHANNEL).orElseThrow();
	}

	Channel globexChannel() {
		return this.setup.channel(GLOBEX, GLOBEX_CHANNEL).orElseThrow();
	}

	/** An agent's text message to the end user, published in its own transaction as the agent module will. */
	PublishedEvent publishAgentText(String text) {
		return this.transactions.execute((status) -> this.outboundEvents.publishInteraction(acmeChannel(),
				UUID.randomUUID().toString(), ACME_ADDRESS, Participant.endUser("end-user-1"), textEntry(text)));
	}

	static ConversationEntry textEntry(String text) {
		String id = UUID.randomUUID().toString();
		String payload = "{\"entryType\":\"Message\",\"id\":\"" + id + "\",\"abstractMessage\":{\"messageType\":"
				+ "\"StaticContentMessage\",\"id\":\"" + id + "\",\"staticContent\":{\"formatType\":\"Text\",\"text\":\""
				+ text + "\"}}}";
		return new ConversationEntry(id, "Message", payload, Participant.agent("0055g00000AgEnT"), "Ada Agent",
				1_700_000_000_123L, 1_700_000_000_100L, 0L);
	}

	static Path newTestDir(String name) {
		Path path = Path.of("target", "test-data", name + "-" + UUID.randomUUID()).toAbsolutePath();
		try {
			Files.createDirectories(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return path;
	}

	/** The two-org setup file with a fresh connected-app certificate beside it. */
	static Path writeSetup(Path dir) {
		try (InputStream in = PubSubTestBase.class.getResourceAsStream("/pubsub/pubsub-setup.yaml")) {
			Path file = dir.resolve("pubsub-setup.yaml");
			if (!Files.exists(file)) {
				Files.write(file, in.readAllBytes());
				SelfSignedCertificates.createIfAbsent(dir.resolve("certs/server.key"), dir.resolve("certs/server.crt"),
						"test app", List.of(), List.of());
			}
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
