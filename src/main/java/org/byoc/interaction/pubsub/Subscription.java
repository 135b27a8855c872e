package org.byoc.interaction.pubsub;

import java.util.List;

import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;

import org.byoc.interaction.outbound.EventLog.EventTopic;
import org.byoc.interaction.outbound.EventLog;

/**
 * One Subscribe stream. The first FetchRequest names the topic and the starting point (LATEST, EARLIEST, or CUSTOM
 * after a replay id); every request adds its {@code num_requested} to the credit. Delivery is {@link Delivery}'s.
 */
final class Subscription extends DeliveryStream<FetchRequest, FetchResponse> {

	private final EventLog eventLog;

	private final Subscriber subscriber;

	Subscription(EventLog eventLog, Subscriber subscriber, String rpcId,
			ServerCallStreamObserver<FetchResponse> responses, Delivery.DeliveryResources resources) {
		super(new Delivery<>(eventLog, rpcId, responses, Subscription::response, resources),
				subscriber.expiresAt());
		this.eventLog = eventLog;
		this.subscriber = subscriber;
	}

	private static FetchResponse response(List<ConsumerEvent> events, ByteString latest, int pending, String rpc) {
		return FetchResponse.newBuilder().addAllEvents(events).setLatestReplayId(latest).setPendingNumRequested(pending)
			.setRpcId(rpc).build();
	}

	@Override
	public void onNext(FetchRequest request) {
		synchronized (this) {
			EventTopic topic = this.delivery.topic();
			if (topic == null) {
				StatusRuntimeException refused = start(request);
				if (refused != null) {
					this.delivery.fail(refused);
					return;
				}
			}
			else if (!request.getTopicName().isEmpty() && !request.getTopicName().equals(topic.topicName())) {
				this.delivery.fail(PubSubErrors.error(Status.INVALID_ARGUMENT, PubSubErrors.INVALID_REQUEST,
						"This stream subscribes to " + topic.topicName() + "; a FetchRequest may not change it to "
								+ request.getTopicName() + ".",
						this.delivery.rpcId()));
				return;
			}
		}
		this.delivery.request(request.getNumRequested());
	}

	/** Handles the first request; returns the error that ends the stream, or null. */
	private StatusRuntimeException start(FetchRequest request) {
		String rpcId = this.delivery.rpcId();
		String topicName = request.getTopicName();
		if (topicName.isEmpty()) {
			return PubSubErrors.error(Status.INVALID_ARGUMENT, PubSubErrors.INVALID_REQUEST,
					"The first FetchRequest must name a topic.", rpcId);
		}
		EventTopic found = this.eventLog.topic(this.subscriber.orgId(), topicName).orElse(null);
		if (found == null) {
			return PubSubErrors.topicNotFound(topicName, rpcId);
		}
		long start;
		if (request.getReplayPreset() == ReplayPreset.EARLIEST) {
			start = this.eventLog.earliestPosition();
		}
		else if (request.getReplayPreset() == ReplayPreset.CUSTOM) {
			long replayId = ReplayIds.decode(request.getReplayId());
			EventLog.ReplayIdStatus status = (replayId < 0) ? EventLog.ReplayIdStatus.UNKNOWN
					: this.eventLog.check(replayId);
			if (status != EventLog.ReplayIdStatus.VALID) {
				String why = (status == EventLog.ReplayIdStatus.EXPIRED) ? "is older than the retention period"
						: "is not a replay id of this event bus";
				return PubSubErrors.error(Status.INVALID_ARGUMENT, PubSubErrors.REPLAY_ID_CORRUPTED,
						"The Replay ID validation failed: the replay id " + why + ".", rpcId);
			}
			long resetThrough = this.eventLog.resetThrough(found.orgKey());
			if (replayId <= resetThrough) {
				return PubSubErrors.error(Status.INVALID_ARGUMENT, PubSubErrors.ORG_RESET,
						"The replay id " + replayId + " is from before the org's state was reset or restored (at "
								+ resetThrough + "); subscribe with EARLIEST or LATEST.",
						rpcId);
			}
			start = replayId;
		}
		else {
			start = this.eventLog.tip();
		}
		this.delivery.start(found, start);
		return null;
	}

}
