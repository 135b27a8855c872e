package org.byoc.interaction.pubsub;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.salesforce.eventbus.protobuf.TopicRequest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.byoc.interaction.setup.SelfSignedCertificates;

import static org.assertj.core.api.Assertions.assertThat;

/** With a certificate and key configured, the gRPC port serves exactly that certificate and generates none. */
class PubSubConfiguredTlsTest extends PubSubTestBase {

	static final Path dir = newTestDir("configured-tls");

	@DynamicPropertySource
	static void configuredCertificate(DynamicPropertyRegistry registry) {
		service(registry, dir);
		SelfSignedCertificates.createIfAbsent(dir.resolve("own-tls/key.pem"), dir.resolve("own-tls/cert.pem"),
				"operator's certificate", List.of("localhost"), List.of("127.0.0.1"));
		registry.add("interactionservice.pubsub.tls.certificate", () -> dir.resolve("own-tls/cert.pem").toString());
		registry.add("interactionservice.pubsub.tls.private-key", () -> dir.resolve("own-tls/key.pem").toString());
	}

	@Override
	Path dir() {
		return dir;
	}

	@Override
	Path certificate() {
		return dir.resolve("own-tls/cert.pem");
	}

	@Test
	void whenACertificateIsConfiguredThenClientsTrustingItConnectAndNoneIsGenerated() {
		assertThat(this.client.blocking(acme())
			.getTopic(TopicRequest.newBuilder().setTopicName(ACME_TOPIC).build())
			.getTopicName()).isEqualTo(ACME_TOPIC);
		assertThat(Files.exists(dir.resolve("data/tls/pubsub.crt"))).isFalse();
	}

}
