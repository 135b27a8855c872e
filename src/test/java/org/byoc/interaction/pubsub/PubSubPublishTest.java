package org.byoc.interaction.pubsub;

import org.byoc.interaction.support.AvroDatum;
import org.byoc.interaction.support.PubSubTestClient;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.ErrorCode;
import com.salesforce.eventbus.protobuf.ManagedFetchRequest;
import com.salesforce.eventbus.protobuf.ManagedFetchResponse;
import com.salesforce.eventbus.protobuf.ProducerEvent;
import com.salesforce.eventbus.protobuf.PublishRequest;
import com.salesforce.eventbus.protobuf.PublishResponse;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import com.salesforce.eventbus.protobuf.SchemaInfo;
import com.salesforce.eventbus.protobuf.SchemaRequest;
import com.salesforce.eventbus.protobuf.TopicInfo;
import com.salesforce.eventbus.protobuf.TopicRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import org.byoc.interaction.support.PubSubTestClient.SubscribeStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PubSubPublishTest extends PubSubTestSupport {

	static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void whenAskingForTheTopicThenItsSchemaIdResolvesToTheVendorShapedSchema() {
		TopicInfo topic = this.client.blocking(acme())
			.getTopic(TopicRequest.newBuilder().setTopicName(ACME_TOPIC).build());
		assertThat(topic.getTopicName()).isEqualTo(ACME_TOPIC);
		assertThat(topic.getTenantGuid()).isEqualTo(ACME);
		assertThat(topic.getCanPublish()).isTrue();
		assertThat(topic.getCanSubscribe()).isTrue();
		assertThat(topic.getRpcId()).isNotBlank();
		SchemaInfo schema = this.client.blocking(acme())
			.getSchema(SchemaRequest.newBuilder().setSchemaId(topic.getSchemaId()).build());
		assertThat(schema.getSchemaId()).isEqualTo(topic.getSchemaId());
		Schema parsed = new Schema.Parser().parse(schema.getSchemaJson());
		assertThat(parsed.getName()).isEqualTo("BYOC_Outbound__e");
		assertThat(parsed.getNamespace()).isEqualTo("com.sforce.eventbus");
		// the id is a fingerprint: asking again gives the same id
		assertThat(this.client.blocking(acme())
			.getTopic(TopicRequest.newBuilder().setTopicName(ACME_TOPIC).build())
			.getSchemaId()).isEqualTo(topic.getSchemaId());
	}

	@Test
	void whenTheSchemaIdIsUnknownThenNotFound() {
		assertThatThrownBy(() -> this.client.blocking(acme())
			.getSchema(SchemaRequest.newBuilder().setSchemaId("no-such-schema").build()))
			.isInstanceOfSatisfying(StatusRuntimeException.class,
					(e) -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
	}

	@Test
	void whenPublishingThenEachEventGetsAReplayIdAndItsCorrelationKeyAndSubscribersReceiveIt() {
		Metadata headers = acme();
		TopicInfo topic = this.client.blocking(headers)
			.getTopic(TopicRequest.newBuilder().setTopicName(ACME_TOPIC).build());
		Schema schema = schema(headers, topic.getSchemaId());
		try (SubscribeStream stream = this.client.subscribe(acme())) {
			stream.request(PubSubTestClient.fetch(ACME_TOPIC, ReplayPreset.LATEST, 0, 10));
			PubSubSubscribeTest.awaitKeepalive(stream);

			String good = UUID.randomUUID().toString();
			String undecodable = UUID.randomUUID().toString();
			String unknownSchema = UUID.randomUUID().toString();
			PublishResponse response = this.client.blocking(headers)
				.publish(PublishRequest.newBuilder()
					.setTopicName(ACME_TOPIC)
					.addEvents(event(good, topic.getSchemaId(), encode(schema, "Interaction", "hello")))
					.addEvents(event(undecodable, topic.getSchemaId(), new byte[] { 1, 2, 3 }))
					.addEvents(event(unknownSchema, "nope", encode(schema, "Interaction", "x")))
					.build());

			assertThat(response.getSchemaId()).isEqualTo(topic.getSchemaId());
			assertThat(response.getRpcId()).isNotBlank();
			assertThat(response.getResultsList()).extracting((r) -> r.getCorrelationKey())
				.containsExactly(good, undecodable, unknownSchema);
			assertThat(response.getResults(0).hasError()).isFalse();
			long replayId = PubSubTestClient.replayId(response.getResults(0).getReplayId());
			for (int i : new int[] { 1, 2 }) {
				assertThat(response.getResults(i).getError().getCode()).isEqualTo(ErrorCode.PUBLISH);
				assertThat(response.getResults(i).getError().getMsg()).isNotBlank();
				assertThat(response.getResults(i).getReplayId().isEmpty()).isTrue();
			}

			ConsumerEvent received = stream.events(1, WAIT).get(0);
			assertThat(PubSubTestClient.replayId(received.getReplayId())).isEqualTo(replayId);
			GenericRecord record = PubSubTestClient.decode(schema.toString(), received.getEvent().getPayload());
			assertThat(record.get("Payload__c").toString()).isEqualTo("hello");
			assertThat(record.get("EventType__c").toString()).isEqualTo("Interaction");
			// stamped by the platform: the publishing user, the time of publishing
			assertThat(record.get("CreatedById").toString()).isEqualTo(ACME_INTEGRATION_USER);
			assertThat((Long) record.get("CreatedDate")).isGreaterThan(1_000L);
		}
	}

	@Test
	void whenPublishingToAnotherOrgsTopicThenNotFound() {
		assertThatThrownBy(() -> this.client.blocking(acme())
			.publish(PublishRequest.newBuilder().setTopicName(GLOBEX_TOPIC).build()))
			.isInstanceOfSatisfying(StatusRuntimeException.class,
					(e) -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
	}

	@Test
	void whenPublishingOnAStreamThenEachRequestGetsItsResponseAndTheTopicCannotChange() throws Exception {
		Metadata headers = acme();
		TopicInfo topic = this.client.blocking(headers)
			.getTopic(TopicRequest.newBuilder().setTopicName(ACME_TOPIC).build());
		Schema schema = schema(headers, topic.getSchemaId());
		java.util.concurrent.LinkedBlockingQueue<PublishResponse> responses = new java.util.concurrent.LinkedBlockingQueue<>();
		java.util.concurrent.CompletableFuture<Throwable> end = new java.util.concurrent.CompletableFuture<>();
		StreamObserver<PublishRequest> requests = this.client.async(headers).publishStream(new StreamObserver<>() {

			@Override
			public void onNext(PublishResponse value) {
				responses.add(value);
			}

			@Override
			public void onError(Throwable t) {
				end.complete(t);
			}

			@Override
			public void onCompleted() {
				end.complete(null);
			}

		});
		String first = UUID.randomUUID().toString();
		String second = UUID.randomUUID().toString();
		requests.onNext(PublishRequest.newBuilder().setTopicName(ACME_TOPIC)
			.addEvents(event(first, topic.getSchemaId(), encode(schema, "Interaction", "one"))).build());
		requests.onNext(PublishRequest.newBuilder().setTopicName(ACME_TOPIC)
			.addEvents(event(second, topic.getSchemaId(), encode(schema, "Interaction", "two"))).build());
		PublishResponse r1 = responses.poll(10, java.util.concurrent.TimeUnit.SECONDS);
		PublishResponse r2 = responses.poll(10, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(r1.getResults(0).getCorrelationKey()).isEqualTo(first);
		assertThat(r2.getResults(0).getCorrelationKey()).isEqualTo(second);
		assertThat(PubSubTestClient.replayId(r2.getResults(0).getReplayId()))
			.isGreaterThan(PubSubTestClient.replayId(r1.getResults(0).getReplayId()));

		requests.onNext(PublishRequest.newBuilder().setTopicName(GLOBEX_TOPIC).build());
		Throwable error = end.get(10, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(Status.fromThrowable(error).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
	}

	@Test
	void whenManagedSubscribeNamesNoSubscriptionOfTheOrgThenNotFound() throws Exception {
		java.util.concurrent.CompletableFuture<Throwable> end = new java.util.concurrent.CompletableFuture<>();
		StreamObserver<ManagedFetchRequest> requests = this.client.async(acme())
			.managedSubscribe(new StreamObserver<ManagedFetchResponse>() {

				@Override
				public void onNext(ManagedFetchResponse value) {
				}

				@Override
				public void onError(Throwable t) {
					end.complete(t);
				}

				@Override
				public void onCompleted() {
					end.complete(null);
				}

			});
		requests.onNext(ManagedFetchRequest.newBuilder().setDeveloperName("x").setNumRequested(1).build());
		assertThat(Status.fromThrowable(end.get(10, java.util.concurrent.TimeUnit.SECONDS)).getCode())
			.isEqualTo(Status.Code.NOT_FOUND);
	}

	private Schema schema(Metadata headers, String schemaId) {
		return new Schema.Parser().parse(this.client.blocking(headers)
			.getSchema(SchemaRequest.newBuilder().setSchemaId(schemaId).build())
			.getSchemaJson());
	}

	static ProducerEvent event(String id, String schemaId, byte[] payload) {
		return ProducerEvent.newBuilder().setId(id).setSchemaId(schemaId).setPayload(ByteString.copyFrom(payload))
			.build();
	}

	/** What a publishing client sends: its own CreatedDate/CreatedById, which the platform replaces. */
	static byte[] encode(Schema schema, String eventType, String payload) {
		GenericRecord record = new GenericData.Record(schema);
		record.put("CreatedDate", 1L);
		record.put("CreatedById", "005xx");
		record.put("EventType__c", eventType);
		record.put("Payload__c", payload);
		return AvroDatum.write(record);
	}

}
