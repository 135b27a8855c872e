package org.byoc.interaction.pubsub;

import java.time.Clock;
import java.util.List;

import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.CommitReplayRequest;
import com.salesforce.eventbus.protobuf.CommitReplayResponse;
import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.Error;
import com.salesforce.eventbus.protobuf.ErrorCode;
import com.salesforce.eventbus.protobuf.ManagedFetchRequest;
import com.salesforce.eventbus.protobuf.ManagedFetchResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.byoc.interaction.outbound.EventLog.EventTopic;
import org.byoc.interaction.outbound.EventLog;
import org.byoc.interaction.setup.ManagedSubscription;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.SetupDirectory;

/**
 * One ManagedSubscribe stream. The first ManagedFetchRequest names a managed subscription of the caller's org (its
 * record id or developer name); the stream starts after the replay id the subscription last committed, or at its
 * default replay when it never committed (at its error-recovery replay when the committed one left the log).
 * A {@code commit_replay_id_request} is stored before it is answered with a {@code commit_response}.
 */
final class ManagedSubscriptionStream extends DeliveryStream<ManagedFetchRequest, ManagedFetchResponse> {

	private static final Logger log = LoggerFactory.getLogger(ManagedSubscriptionStream.class);

	private final EventLog eventLog;

	private final SetupDirectory setup;

	private final ManagedSubscriptionCommits commits;

	private final Subscriber subscriber;

	private final Clock clock;

	private ManagedSubscription subscription;

	ManagedSubscriptionStream(EventLog eventLog, SetupDirectory setup, ManagedSubscriptionCommits commits,
			Subscriber subscriber, Clock clock, String rpcId, ServerCallStreamObserver<ManagedFetchResponse> responses,
			Delivery.DeliveryResources resources) {
		super(new Delivery<>(eventLog, rpcId, responses, ManagedSubscriptionStream::response, resources),
				subscriber.expiresAt());
		this.eventLog = eventLog;
		this.setup = setup;
		this.commits = commits;
		this.subscriber = subscriber;
		this.clock = clock;
	}

	/** A managed fetch answer carries what a plain one does; only its message type differs. */
	private static ManagedFetchResponse response(List<ConsumerEvent> events, ByteString latest, int pending,
			String rpc) {
		return ManagedFetchResponse.newBuilder().addAllEvents(events).setLatestReplayId(latest)
			.setPendingNumRequested(pending).setRpcId(rpc).build();
	}

	@Override
	public synchronized void onNext(ManagedFetchRequest request) {
		StatusRuntimeException refused = (this.subscription == null) ? start(request) : sameSubscription(request);
		if (refused != null) {
			this.delivery.fail(refused);
			return;
		}
		if (request.hasCommitReplayIdRequest()) {
			commit(request.getCommitReplayIdRequest());
		}
		this.delivery.request(request.getNumRequested());
	}

	private StatusRuntimeException start(ManagedFetchRequest request) {
		String rpcId = this.delivery.rpcId();
		String id = request.getSubscriptionId().trim();
		String name = request.getDeveloperName().trim();
		if (id.isEmpty() && name.isEmpty()) {
			return PubSubErrors.error(Status.INVALID_ARGUMENT, PubSubErrors.INVALID_REQUEST,
					"The first ManagedFetchRequest must name a managed subscription: subscription_id or developer_name.",
					rpcId);
		}
		Org org = this.setup.org(this.subscriber.orgId()).orElse(null);
		ManagedSubscription found = (org == null) ? null : org.managedSubscription(id.isEmpty() ? name : id)
			.filter((m) -> id.isEmpty() || name.isEmpty() || m.isNamed(name))
			.orElse(null);
		if (found == null) {
			// another org's subscription is as invisible as one that does not exist
			return PubSubErrors.error(Status.NOT_FOUND, PubSubErrors.MANAGED_SUBSCRIPTION_NOT_FOUND,
					"No managed subscription " + describe(id, name) + " in this org.", rpcId);
		}
		if (found.state() != ManagedSubscription.State.RUN) {
			return PubSubErrors.error(Status.FAILED_PRECONDITION, PubSubErrors.MANAGED_SUBSCRIPTION_STOPPED,
					"The managed subscription " + found.developerName() + " is in state " + found.state()
							+ "; set it to RUN to subscribe.",
					rpcId);
		}
		EventTopic topic = this.eventLog.topic(this.subscriber.orgId(), found.topicName()).orElse(null);
		if (topic == null) {
			return PubSubErrors.topicNotFound(found.topicName(), rpcId);
		}
		this.subscription = found;
		this.delivery.start(topic, startPosition(found));
		return null;
	}

	/** After the last committed replay id; where the subscription's replay presets say when there is none. */
	private long startPosition(ManagedSubscription found) {
		ManagedSubscriptionCommits.Commit committed = this.commits.committed(this.subscriber.orgKey(), found.id())
			.orElse(null);
		if (committed == null) {
			return position(found.defaultReplay());
		}
		if (this.eventLog.check(committed.replayId()) == EventLog.ReplayIdStatus.VALID) {
			return committed.replayId();
		}
		log.info("Managed subscription {} of org {}: committed replay id {} is no longer in the log; starting at {}",
				found.developerName(), this.subscriber.orgKey(), committed.replayId(), found.errorRecoveryReplay());
		return position(found.errorRecoveryReplay());
	}

	private long position(ManagedSubscription.Replay replay) {
		return (replay == ManagedSubscription.Replay.EARLIEST) ? this.eventLog.earliestPosition() : this.eventLog.tip();
	}

	/** Later requests may repeat the subscription's id or name (the npm client does), never name another. */
	private StatusRuntimeException sameSubscription(ManagedFetchRequest request) {
		String id = request.getSubscriptionId().trim();
		String name = request.getDeveloperName().trim();
		if ((id.isEmpty() || this.subscription.isNamed(id)) && (name.isEmpty() || this.subscription.isNamed(name))) {
			return null;
		}
		return PubSubErrors.error(Status.INVALID_ARGUMENT, PubSubErrors.INVALID_REQUEST,
				"This stream reads managed subscription " + this.subscription.developerName() + " ("
						+ this.subscription.id() + "); a ManagedFetchRequest may not change it to "
						+ describe(id, name) + ".",
				this.delivery.rpcId());
	}

	private void commit(CommitReplayRequest request) {
		long now = this.clock.millis();
		long replayId = ReplayIds.decode(request.getReplayId());
		String refusal = null;
		if (replayId <= 0) {
			refusal = "The replay id to commit must be 8 bytes, big-endian, one this stream delivered.";
		}
		else if (this.eventLog.check(replayId) != EventLog.ReplayIdStatus.VALID) {
			refusal = "The replay id " + replayId + " is not in the event log (unknown, or older than the retention).";
		}
		else {
			try {
				this.commits.commit(this.subscriber.orgKey(), this.subscription.id(), replayId, now);
			}
			catch (RuntimeException ex) {
				log.warn("Managed subscription {}: commit of {} failed: {}", this.subscription.developerName(), replayId,
						ex.toString());
				refusal = "The commit could not be stored; commit again.";
			}
		}
		CommitReplayResponse.Builder answer = CommitReplayResponse.newBuilder()
			.setCommitRequestId(request.getCommitRequestId())
			.setReplayId(request.getReplayId())
			.setProcessTime(now);
		if (refusal != null) {
			answer.setError(Error.newBuilder().setCode(ErrorCode.COMMIT).setMsg(refusal));
		}
		CommitReplayResponse commitResponse = answer.build();
		this.delivery.send((events, latest, pending, rpc) -> ManagedFetchResponse.newBuilder()
			.setLatestReplayId(latest)
			.setPendingNumRequested(pending)
			.setRpcId(rpc)
			.setCommitResponse(commitResponse)
			.build());
	}

	private static String describe(String id, String name) {
		if (id.isEmpty()) {
			return "'" + name + "'";
		}
		return name.isEmpty() ? id : id + " ('" + name + "')";
	}

}
