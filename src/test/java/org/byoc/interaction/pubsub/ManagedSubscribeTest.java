package org.byoc.interaction.pubsub;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.salesforce.eventbus.protobuf.CommitReplayResponse;
import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.ErrorCode;
import com.salesforce.eventbus.protobuf.ManagedFetchRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.setup.RecordIds;
import org.byoc.interaction.support.PubSubTestClient;
import org.byoc.interaction.support.PubSubTestClient.ManagedStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ManagedSubscribe through a TLS gRPC client (grpc-java, as partner middleware uses it): by developer name and by
 * record id, CommitReplay stored and answered, a new stream resuming after the committed replay id, and the
 * refusals (another org, an unknown name, a stopped subscription, a request naming another subscription) with a
 * gRPC status and the {@code error-code} trailer.
 */
class ManagedSubscribeTest extends ManagedSubscriptionTestBase {

	static final Duration WAIT = Duration.ofSeconds(20);

	@Test
	void whenAClientCommitsThenANewStreamByIdResumesRightAfterTheCommittedReplayId() {
		String name = uniqueName("Durable");
		JsonNode created = createManaged(name, "\"defaultReplay\": \"EARLIEST\"");
		String id = created.get("id").asString();
		String conversation = endUserWrites("+1555" + UUID.randomUUID().toString().substring(0, 6));
		String marker = UUID.randomUUID().toString();
		for (int i = 1; i <= 3; i++) {
			agentReplies(conversation, marker + " reply " + i);
		}
		long committed;
		try (PubSubTestClient client = grpc(); ManagedStream stream = client.managedSubscribe(grpcAuth(fixture.partnerA()))) {
			stream.request(null, name, 100);
			List<ConsumerEvent> events = stream.eventsUntil((e) -> carries(e, marker + " reply 3"), WAIT);
			List<ConsumerEvent> ours = events.stream().filter((e) -> carries(e, marker)).toList();
			assertThat(ours).hasSize(3);
			PubSubSubscribeTest.assertIncreasing(events);
			committed = PubSubTestClient.replayId(ours.get(1).getReplayId());

			long before = System.currentTimeMillis();
			String commitRequestId = stream.commit(id, committed);
			CommitReplayResponse answer = stream.commitResponse(commitRequestId, WAIT);
			assertThat(answer.hasError()).as(answer.getError().getMsg()).isFalse();
			assertThat(PubSubTestClient.replayId(answer.getReplayId())).isEqualTo(committed);
			assertThat(answer.getProcessTime()).isBetween(before, System.currentTimeMillis());
		}
		JsonNode stored = json(admin("GET", "/admin/api/orgs/" + fixture.partnerA().orgKey()
				+ "/managedSubscriptions/" + name, null));
		assertThat(stored.get("committedReplayId").asLong()).isEqualTo(committed);

		agentReplies(conversation, marker + " reply 4");
		try (PubSubTestClient client = grpc(); ManagedStream stream = client.managedSubscribe(grpcAuth(fixture.partnerA()))) {
			stream.request(RecordIds.to18(id), null, 100);
			List<ConsumerEvent> events = stream.eventsUntil((e) -> carries(e, marker + " reply 4"), WAIT);
			assertThat(PubSubTestClient.replayId(events.get(0).getReplayId())).isGreaterThan(committed);
			assertThat(events.stream().filter((e) -> carries(e, marker)))
				.satisfiesExactly((third) -> assertThat(carries(third, marker + " reply 3")).isTrue(),
						(fourth) -> assertThat(carries(fourth, marker + " reply 4")).isTrue());
		}
	}

	@Test
	void whenANewSubscriptionNeverCommittedThenItStartsAtItsDefaultReplayLatest() {
		String name = uniqueName("Latest");
		createManaged(name, null);
		String conversation = endUserWrites("+1555" + UUID.randomUUID().toString().substring(0, 6));
		String marker = UUID.randomUUID().toString();
		agentReplies(conversation, marker + " before");
		try (PubSubTestClient client = grpc(); ManagedStream stream = client.managedSubscribe(grpcAuth(fixture.partnerA()))) {
			stream.request(null, name, 100);
			// the commit answer proves the stream has started before the next reply is sent
			String commitRequestId = stream.commit(null, Long.MAX_VALUE);
			assertThat(stream.commitResponse(commitRequestId, WAIT).hasError()).isTrue();
			agentReplies(conversation, marker + " after");
			List<ConsumerEvent> events = stream.eventsUntil((e) -> carries(e, marker + " after"), WAIT);
			assertThat(events).noneMatch((e) -> carries(e, marker + " before"));
		}
	}

	@Test
	void whenACommitNamesNoEventOfTheLogThenItsAnswerCarriesACommitErrorAndTheStreamGoesOn() {
		String name = uniqueName("BadCommit");
		String id = createManaged(name, null).get("id").asString();
		try (PubSubTestClient client = grpc(); ManagedStream stream = client.managedSubscribe(grpcAuth(fixture.partnerA()))) {
			stream.request(id, null, 1);
			String beyondTheTip = stream.commit(id, Long.MAX_VALUE - 1);
			CommitReplayResponse answer = stream.commitResponse(beyondTheTip, WAIT);
			assertThat(answer.getError().getCode()).isEqualTo(ErrorCode.COMMIT);
			assertThat(answer.getError().getMsg()).contains("not in the event log");

			String notEightBytes = UUID.randomUUID().toString();
			stream.request(ManagedFetchRequest.newBuilder()
				.setCommitReplayIdRequest(com.salesforce.eventbus.protobuf.CommitReplayRequest.newBuilder()
					.setCommitRequestId(notEightBytes)
					.setReplayId(com.google.protobuf.ByteString.copyFromUtf8("42")))
				.build());
			assertThat(stream.commitResponse(notEightBytes, WAIT).getError().getMsg()).contains("8 bytes");
			assertThat(stream.end).isNotDone();
		}
		JsonNode stored = json(admin("GET", "/admin/api/orgs/" + fixture.partnerA().orgKey()
				+ "/managedSubscriptions/" + id, null));
		assertThat(stored.get("committedReplayId").isNull()).isTrue();
	}

	@Test
	void whenAnotherOrgsTokenNamesTheSubscriptionThenItIsNotFound() {
		String name = uniqueName("OrgAOnly");
		String id = createManaged(name, null).get("id").asString();
		try (PubSubTestClient client = grpc()) {
			for (ManagedFetchRequest request : List.of(ManagedFetchRequest.newBuilder().setSubscriptionId(id).build(),
					ManagedFetchRequest.newBuilder().setDeveloperName(name).build())) {
				try (ManagedStream stream = client.managedSubscribe(grpcAuth(fixture.partnerB()))) {
					stream.request(request.toBuilder().setNumRequested(10).build());
					assertRefused(stream.awaitError(WAIT), Status.Code.NOT_FOUND,
							PubSubErrors.MANAGED_SUBSCRIPTION_NOT_FOUND);
				}
			}
		}
	}

	@Test
	void whenTheNameIsUnknownThenNotFoundWithTheErrorCodeTrailer() {
		try (PubSubTestClient client = grpc(); ManagedStream stream = client.managedSubscribe(grpcAuth(fixture.partnerA()))) {
			stream.request(null, "No_Such_Subscription", 10);
			StatusRuntimeException error = stream.awaitError(WAIT);
			assertRefused(error, Status.Code.NOT_FOUND, PubSubErrors.MANAGED_SUBSCRIPTION_NOT_FOUND);
			assertThat(error.getStatus().getDescription()).contains("No_Such_Subscription").contains("rpcId: ");
		}
	}

	@Test
	void whenTheSubscriptionIsStoppedThenItRefusesClients() {
		String name = uniqueName("Paused");
		createManaged(name, "\"state\": \"STOP\"");
		try (PubSubTestClient client = grpc(); ManagedStream stream = client.managedSubscribe(grpcAuth(fixture.partnerA()))) {
			stream.request(null, name, 10);
			assertRefused(stream.awaitError(WAIT), Status.Code.FAILED_PRECONDITION,
					PubSubErrors.MANAGED_SUBSCRIPTION_STOPPED);
		}
	}

	@Test
	void whenARequestNamesNoOrAnotherSubscriptionThenTheStreamEndsWithInvalidArgument() {
		String first = uniqueName("First");
		createManaged(first, null);
		String second = uniqueName("Second");
		createManaged(second, null);
		try (PubSubTestClient client = grpc()) {
			try (ManagedStream stream = client.managedSubscribe(grpcAuth(fixture.partnerA()))) {
				stream.request(null, null, 10);
				assertRefused(stream.awaitError(WAIT), Status.Code.INVALID_ARGUMENT, PubSubErrors.INVALID_REQUEST);
			}
			try (ManagedStream stream = client.managedSubscribe(grpcAuth(fixture.partnerA()))) {
				stream.request(null, first, 10);
				stream.request(null, second, 10);
				assertRefused(stream.awaitError(WAIT), Status.Code.INVALID_ARGUMENT, PubSubErrors.INVALID_REQUEST);
			}
		}
	}

	@Test
	void whenTheTokenIsMissingThenManagedSubscribeIsUnauthenticated() {
		try (PubSubTestClient client = grpc();
				ManagedStream stream = client.managedSubscribe(PubSubTestClient.auth(null, fixture.partnerA().orgId()))) {
			stream.request(null, "Anything", 10);
			assertRefused(stream.awaitError(WAIT), Status.Code.UNAUTHENTICATED, PubSubErrors.AUTH_ERROR);
		}
	}

	private static void assertRefused(StatusRuntimeException error, Status.Code status, String errorCode) {
		assertThat(error.getStatus().getCode()).as(error.toString()).isEqualTo(status);
		assertThat(PubSubTestClient.errorCode(error)).isEqualTo(errorCode);
	}

}
