package org.byoc.interaction.pubsub;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import com.salesforce.eventbus.protobuf.ErrorCode;
import com.salesforce.eventbus.protobuf.Error;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ManagedFetchRequest;
import com.salesforce.eventbus.protobuf.ManagedFetchResponse;
import com.salesforce.eventbus.protobuf.PubSubGrpc;
import com.salesforce.eventbus.protobuf.PublishRequest;
import com.salesforce.eventbus.protobuf.PublishResponse;
import com.salesforce.eventbus.protobuf.PublishResult;
import com.salesforce.eventbus.protobuf.SchemaInfo;
import com.salesforce.eventbus.protobuf.SchemaRequest;
import com.salesforce.eventbus.protobuf.TopicInfo;
import com.salesforce.eventbus.protobuf.TopicRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Service;

import org.byoc.interaction.outbound.EventLog.EventTopic;
import org.byoc.interaction.outbound.EventLog.IncomingEvent;
import org.byoc.interaction.outbound.EventLog.PublishOutcome;
import org.byoc.interaction.outbound.EventLog;
import org.byoc.interaction.outbound.EventLogResets;
import org.byoc.interaction.setup.SetupDirectory;

/**
 * The gRPC face {@code eventbus.v1.PubSub} of the event log, wire-compatible with the vendor's Pub/Sub API clients.
 * Every call arrives authenticated (see {@link PubSubSecurityConfiguration}) and sees only its own org's topics,
 * their schemas and its managed subscriptions.
 */
@Service
class PubSubService extends PubSubGrpc.PubSubImplBase
		implements DisposableBean, ApplicationListener<ContextClosedEvent> {

	static final String SERVICE_NAME = PubSubGrpc.SERVICE_NAME;

	private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);

	private final EventLog eventLog;

	private final long keepaliveNanos;

	private final ExecutorService delivery = Executors.newFixedThreadPool(4, daemonThreads("pubsub-delivery-"));

	private final ScheduledExecutorService keepalives = Executors.newSingleThreadScheduledExecutor(
			daemonThreads("pubsub-keepalive-"));

	private final Set<Delivery<?>> subscriptions = ConcurrentHashMap.newKeySet();

	private final ApplicationContext context;

	private final PubSubMetrics metrics;

	private final SetupDirectory setup;

	private final ManagedSubscriptionCommits commits;

	PubSubService(EventLog eventLog, PubSubProperties properties, ApplicationContext context, PubSubMetrics metrics,
			SetupDirectory setup, ManagedSubscriptionCommits commits, EventLogResets resets) {
		this.eventLog = eventLog;
		resets.listen(this::endStreamsOfResetOrg);
		this.metrics = metrics;
		this.context = context;
		this.setup = setup;
		this.commits = commits;
		this.keepaliveNanos = properties.keepaliveInterval().toNanos();
	}

	@Override
	public void getTopic(TopicRequest request, StreamObserver<TopicInfo> responses) {
		String rpcId = PubSubCallContext.RPC_ID.get();
		EventTopic topic = topicOrRefuse(request.getTopicName(), responses);
		if (topic == null) {
			return;
		}
		responses.onNext(TopicInfo.newBuilder()
			.setTopicName(topic.topicName())
			.setTenantGuid(topic.orgId())
			.setCanPublish(true)
			.setCanSubscribe(true)
			.setSchemaId(topic.schemaId())
			.setRpcId(rpcId)
			.build());
		responses.onCompleted();
	}

	@Override
	public void getSchema(SchemaRequest request, StreamObserver<SchemaInfo> responses) {
		String rpcId = PubSubCallContext.RPC_ID.get();
		String schemaJson = this.eventLog.schemaJson(request.getSchemaId())
			.filter((json) -> TopicSchemas.isOfOrgTopic(this.eventLog, PubSubCallContext.SUBSCRIBER.get(),
					request.getSchemaId(), json))
			.orElse(null);
		if (schemaJson == null) {
			// the same answer for a schema that does not exist and one of another org's event: neither is visible
			responses.onError(PubSubErrors.error(Status.NOT_FOUND, PubSubErrors.SCHEMA_NOT_FOUND,
					"Schema not found: " + request.getSchemaId() + ".", rpcId));
			return;
		}
		responses.onNext(SchemaInfo.newBuilder()
			.setSchemaJson(schemaJson)
			.setSchemaId(request.getSchemaId())
			.setRpcId(rpcId)
			.build());
		responses.onCompleted();
	}

	@Override
	public StreamObserver<FetchRequest> subscribe(StreamObserver<FetchResponse> responses) {
		Subscription subscription = new Subscription(this.eventLog, PubSubCallContext.SUBSCRIBER.get(),
				PubSubCallContext.RPC_ID.get(), (ServerCallStreamObserver<FetchResponse>) responses, resources());
		this.subscriptions.add(subscription.delivery());
		return subscription;
	}

	@Override
	public StreamObserver<ManagedFetchRequest> managedSubscribe(StreamObserver<ManagedFetchResponse> responses) {
		ManagedSubscriptionStream stream = new ManagedSubscriptionStream(this.eventLog, this.setup, this.commits,
				PubSubCallContext.SUBSCRIBER.get(), Clock.systemUTC(), PubSubCallContext.RPC_ID.get(),
				(ServerCallStreamObserver<ManagedFetchResponse>) responses, resources());
		this.subscriptions.add(stream.delivery());
		return stream;
	}

	private Delivery.DeliveryResources resources() {
		return new Delivery.DeliveryResources(this.delivery, this.keepalives, this.keepaliveNanos,
				this.subscriptions::remove, this.metrics);
	}

	/**
	 * Ends open Subscribe streams before the gRPC server's graceful shutdown, which would otherwise wait its whole
	 * grace period for streams that never end by themselves. Clients see UNAVAILABLE and re-subscribe elsewhere.
	 */
	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (event.getApplicationContext() != this.context) {
			return;
		}
		for (Delivery<?> subscription : List.copyOf(this.subscriptions)) {
			subscription.shutdown();
		}
	}

	/** The org's log was reset: its open streams end with an explicit error rather than read a log that changed. */
	private void endStreamsOfResetOrg(String orgKey) {
		for (Delivery<?> subscription : List.copyOf(this.subscriptions)) {
			EventTopic topic = subscription.topic();
			if (topic != null && topic.orgKey().equals(orgKey)) {
				subscription.fail(PubSubErrors.error(Status.ABORTED, PubSubErrors.ORG_RESET,
						"The org's state was reset or restored by an operator; events before it are gone. Subscribe "
								+ "again with EARLIEST or LATEST.",
						subscription.rpcId()));
			}
		}
	}

	@Override
	public void publish(PublishRequest request, StreamObserver<PublishResponse> responses) {
		Subscriber subscriber = PubSubCallContext.SUBSCRIBER.get();
		EventTopic topic = topicOrRefuse(request.getTopicName(), responses);
		if (topic == null) {
			return;
		}
		String rpcId = PubSubCallContext.RPC_ID.get();
		responses.onNext(publish(subscriber, topic, request, rpcId));
		responses.onCompleted();
	}

	@Override
	public StreamObserver<PublishRequest> publishStream(StreamObserver<PublishResponse> responses) {
		Subscriber subscriber = PubSubCallContext.SUBSCRIBER.get();
		String rpcId = PubSubCallContext.RPC_ID.get();
		return new StreamObserver<>() {

			private EventTopic topic;

			private boolean done;

			@Override
			public synchronized void onNext(PublishRequest request) {
				if (this.done) {
					return;
				}
				if (this.topic == null) {
					this.topic = PubSubService.this.eventLog.topic(subscriber.orgId(), request.getTopicName())
						.orElse(null);
					if (this.topic == null) {
						fail(PubSubErrors.topicNotFound(request.getTopicName(), rpcId));
						return;
					}
				}
				else if (!request.getTopicName().isEmpty()
						&& !request.getTopicName().equals(this.topic.topicName())) {
					fail(PubSubErrors.error(Status.INVALID_ARGUMENT, PubSubErrors.INVALID_REQUEST,
							"This stream publishes to " + this.topic.topicName()
									+ "; a PublishRequest may not change it to " + request.getTopicName() + ".",
							rpcId));
					return;
				}
				responses.onNext(publish(subscriber, this.topic, request, rpcId));
			}

			@Override
			public synchronized void onError(Throwable error) {
				this.done = true;
			}

			@Override
			public synchronized void onCompleted() {
				if (!this.done) {
					this.done = true;
					responses.onCompleted();
				}
			}

			private void fail(StatusRuntimeException error) {
				this.done = true;
				responses.onError(error);
			}

		};
	}

	/** The caller's org's topic, or null once the call is refused as the vendor refuses an unknown topic. */
	private EventTopic topicOrRefuse(String topicName, StreamObserver<?> responses) {
		Subscriber subscriber = PubSubCallContext.SUBSCRIBER.get();
		EventTopic topic = this.eventLog.topic(subscriber.orgId(), topicName).orElse(null);
		if (topic == null) {
			responses.onError(PubSubErrors.topicNotFound(topicName, PubSubCallContext.RPC_ID.get()));
		}
		return topic;
	}

	private PublishResponse publish(Subscriber subscriber, EventTopic topic, PublishRequest request, String rpcId) {
		List<IncomingEvent> events = request.getEventsList()
			.stream()
			.map((e) -> new IncomingEvent(e.getId(), e.getSchemaId(), e.getPayload().toByteArray()))
			.toList();
		List<PublishOutcome> outcomes = this.eventLog.publish(subscriber.orgId(), topic.topicName(),
				subscriber.userId(), events, PUBLISH_TIMEOUT);
		PublishResponse.Builder response = PublishResponse.newBuilder().setSchemaId(topic.schemaId()).setRpcId(rpcId);
		for (PublishOutcome outcome : outcomes) {
			PublishResult.Builder result = PublishResult.newBuilder().setCorrelationKey(outcome.correlationKey());
			if (outcome.succeeded()) {
				result.setReplayId(ReplayIds.encode(outcome.replayId()));
			}
			else {
				result.setError(Error.newBuilder().setCode(ErrorCode.PUBLISH).setMsg(outcome.error()));
			}
			response.addResults(result);
		}
		return response.build();
	}

	@Override
	public void destroy() {
		this.keepalives.shutdownNow();
		this.delivery.shutdownNow();
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger counter = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
