package org.byoc.interaction.pubsub;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.salesforce.eventbus.protobuf.ReplayPreset;
import com.salesforce.eventbus.protobuf.SchemaRequest;
import com.salesforce.eventbus.protobuf.TopicRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.byoc.interaction.support.PubSubTestClient;
import org.byoc.interaction.support.PubSubTestClient.SubscribeStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Pub/Sub face's own walls, beyond the token: an org reads only its own events' schemas, the session metadata
 * must be complete and well-formed, and a Subscribe stream lives no longer than its token. Access tokens live 4 s
 * here, so the stream's end comes quickly.
 */
class PubSubSecurityTest extends PubSubTestBase {

	static final Path dir = newTestDir("pubsub-security");

	static final Duration WAIT = Duration.ofSeconds(15);

	@DynamicPropertySource
	static void service(DynamicPropertyRegistry registry) {
		service(registry, dir);
		registry.add("interactionservice.auth.token-lifetime", () -> "4s");
	}

	@Override
	Path dir() {
		return dir;
	}

	@Test
	void whenAnOrgAsksForAnotherOrgsSchemaThenItIsNotFoundAsIfItDidNotExist() {
		Metadata acme = acme();
		String acmeSchema = this.client.blocking(acme)
			.getTopic(TopicRequest.newBuilder().setTopicName(ACME_TOPIC).build())
			.getSchemaId();
		// the control: Acme reads its own event's schema
		assertThat(this.client.blocking(acme).getSchema(SchemaRequest.newBuilder().setSchemaId(acmeSchema).build())
			.getSchemaJson()).contains("BYOC_Outbound__e");

		assertThatThrownBy(() -> this.client.blocking(globex())
			.getSchema(SchemaRequest.newBuilder().setSchemaId(acmeSchema).build()))
			.isInstanceOfSatisfying(StatusRuntimeException.class, (error) -> {
				assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
				assertThat(PubSubTestClient.errorCode(error)).isEqualTo(PubSubErrors.SCHEMA_NOT_FOUND);
			});
	}

	@Test
	void whenAnotherOrgHasAnEventOfTheSameNameThenNeitherReadsTheOthersSchema() {
		TopicRequest sameName = TopicRequest.newBuilder().setTopicName(ACME_TOPIC).build();
		String acmeSchema = this.client.blocking(acme()).getTopic(sameName).getSchemaId();
		String globexSchema = this.client.blocking(globex()).getTopic(sameName).getSchemaId();
		assertThat(globexSchema).as("other fields, another schema").isNotEqualTo(acmeSchema);
		assertThat(this.client.blocking(globex())
			.getSchema(SchemaRequest.newBuilder().setSchemaId(globexSchema).build())
			.getSchemaJson()).contains("BYOC_Outbound__e");

		for (Runnable crossing : List.<Runnable>of(
				() -> this.client.blocking(globex()).getSchema(SchemaRequest.newBuilder().setSchemaId(acmeSchema).build()),
				() -> this.client.blocking(acme()).getSchema(SchemaRequest.newBuilder().setSchemaId(globexSchema).build()))) {
			assertThatThrownBy(crossing::run).isInstanceOfSatisfying(StatusRuntimeException.class, (error) -> {
				assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
				assertThat(PubSubTestClient.errorCode(error)).isEqualTo(PubSubErrors.SCHEMA_NOT_FOUND);
			});
		}
	}

	@Test
	void whenTheInstanceUrlIsMissingOrNotAUrlThenTheCallFailsUnauthenticated() {
		String token = acmeToken();
		for (String instanceUrl : new String[] { null, "", "not a url", "ftp://localhost:8085" }) {
			Metadata headers = new Metadata();
			headers.put(Metadata.Key.of("accessToken", Metadata.ASCII_STRING_MARSHALLER), token);
			headers.put(Metadata.Key.of("tenantId", Metadata.ASCII_STRING_MARSHALLER), ACME);
			if (instanceUrl != null) {
				headers.put(Metadata.Key.of("instanceUrl", Metadata.ASCII_STRING_MARSHALLER), instanceUrl);
			}
			assertThatThrownBy(() -> this.client.blocking(headers)
				.getTopic(TopicRequest.newBuilder().setTopicName(ACME_TOPIC).build()))
				.as(String.valueOf(instanceUrl))
				.isInstanceOfSatisfying(StatusRuntimeException.class, PubSubSubscribeTest::assertUnauthenticated);
		}
	}

	@Test
	void whenTheTokenExpiresThenItsSubscribeStreamEndsWithTheVendorsAuthenticationError() {
		try (SubscribeStream stream = this.client.subscribe(acme())) {
			stream.request(PubSubTestClient.fetch(ACME_TOPIC, ReplayPreset.LATEST, 0, 10));
			StatusRuntimeException ended = stream.awaitError(WAIT);
			PubSubSubscribeTest.assertUnauthenticated(ended);
			assertThat(ended.getStatus().getDescription()).contains("expired");
		}
		// the stream saw keepalives (1 s) before the end, so it was open and working until the token expired
	}

	@Test
	void whenHealthIsAskedWithoutASessionThenItAnswers() {
		io.grpc.health.v1.HealthCheckResponse health = io.grpc.health.v1.HealthGrpc
			.newBlockingStub(this.client.channel())
			.check(io.grpc.health.v1.HealthCheckRequest.getDefaultInstance());
		assertThat(health.getStatus()).isEqualTo(io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
	}

}
