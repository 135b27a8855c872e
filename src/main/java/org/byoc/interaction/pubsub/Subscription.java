package org.byoc.interaction.pubsub;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ProducerEvent;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.byoc.interaction.outbound.EventLog;
import org.byoc.interaction.outbound.EventLog.EventTopic;
import org.byoc.interaction.outbound.EventLog.LoggedEvent;

/**
 * One Subscribe stream: pull with flow control. The first FetchRequest names the topic and the starting point;
 * every request adds its {@code num_requested} (at most 100 each) to the credit, and events go out only while credit
 * remains. The position only ever moves to replay ids the log says are committed, so no event is skipped. When
 * credit is pending and nothing was sent for the keepalive interval, an empty response carries the position.
 */
final class Subscription implements StreamObserver<FetchRequest> {

	private static final Logger log = LoggerFactory.getLogger(Subscription.class);

	static final int MAX_REQUESTED = 100;

	private final EventLog eventLog;

	private final Subscriber subscriber;

	private final String rpcId;

	private final ServerCallStreamObserver<FetchResponse> responses;

	private final Executor delivery;

	private final ScheduledExecutorService keepalives;

	private final long keepaliveNanos;

	private final Object lock = new Object();

	private final AtomicInteger drainRequests = new AtomicInteger();

	private EventTopic topic;

	private String topicKey;

	private long position;

	private long credit;

	private long lastSentNanos;

	private boolean closed;

	private EventLog.Registration registration;

	private ScheduledFuture<?> keepalive;

	private volatile ScheduledFuture<?> expiry;

	private final Consumer<Subscription> onClose;

	private final PubSubMetrics metrics;

	Subscription(EventLog eventLog, Subscriber subscriber, String rpcId,
			ServerCallStreamObserver<FetchResponse> responses, Executor delivery, ScheduledExecutorService keepalives,
			long keepaliveNanos, Consumer<Subscription> onClose, PubSubMetrics metrics) {
		this.onClose = onClose;
		this.metrics = metrics;
		this.eventLog = eventLog;
		this.subscriber = subscriber;
		this.rpcId = rpcId;
		this.responses = responses;
		this.delivery = delivery;
		this.keepalives = keepalives;
		this.keepaliveNanos = keepaliveNanos;
		responses.setOnCancelHandler(this::close);
		// a stream lives no longer than the token that opened it; the client subscribes again with a fresh one
		this.expiry = keepalives.schedule(this::expire,
				Math.max(0, subscriber.expiresAt().toEpochMilli() - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
	}

	@Override
	public void onNext(FetchRequest request) {
		synchronized (this.lock) {
			if (this.closed) {
				return;
			}
			if (this.topic == null) {
				StatusRuntimeException refused = start(request);
				if (refused != null) {
					fail(refused);
					return;
				}
			}
			else if (!request.getTopicName().isEmpty() && !request.getTopicName().equals(this.topic.topicName())) {
				fail(PubSubErrors.error(Status.INVALID_ARGUMENT, PubSubErrors.INVALID_REQUEST,
						"This stream subscribes to " + this.topic.topicName() + "; a FetchRequest may not change it to "
								+ request.getTopicName() + ".",
						this.rpcId));
				return;
			}
			this.credit += Math.max(0, Math.min(MAX_REQUESTED, request.getNumRequested()));
		}
		requestDrain();
	}

	@Override
	public void onError(Throwable error) {
		close();
	}

	@Override
	public void onCompleted() {
		synchronized (this.lock) {
			if (!this.closed) {
				this.responses.onCompleted();
			}
		}
		close();
	}

	/** Handles the first request; returns the error that ends the stream, or null. */
	private StatusRuntimeException start(FetchRequest request) {
		String topicName = request.getTopicName();
		if (topicName.isEmpty()) {
			return PubSubErrors.error(Status.INVALID_ARGUMENT, PubSubErrors.INVALID_REQUEST,
					"The first FetchRequest must name a topic.", this.rpcId);
		}
		EventTopic found = this.eventLog.topic(this.subscriber.orgId(), topicName).orElse(null);
		if (found == null) {
			return PubSubErrors.topicNotFound(topicName, this.rpcId);
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
						"The Replay ID validation failed: the replay id " + why + ".", this.rpcId);
			}
			start = replayId;
		}
		else {
			start = this.eventLog.tip();
		}
		this.topic = found;
		this.topicKey = EventLog.topicKey(found.orgKey(), found.topicName());
		this.metrics.subscribed(found.orgKey(), found.topicName());
		this.position = start;
		this.lastSentNanos = System.nanoTime();
		this.registration = this.eventLog.listen((topics) -> {
			// a stream without credit has nothing to drain; its next FetchRequest drains up to the tip anyway
			if ((topics == null || topics.contains(this.topicKey)) && hasCredit()) {
				requestDrain();
			}
		});
		scheduleKeepalive(this.keepaliveNanos);
		return null;
	}

	private boolean hasCredit() {
		synchronized (this.lock) {
			return !this.closed && this.credit > 0;
		}
	}

	/** Drains on the delivery executor, never twice at once; a request during a drain makes it run again. */
	private void requestDrain() {
		if (this.drainRequests.getAndIncrement() == 0) {
			this.delivery.execute(this::drainLoop);
		}
	}

	private void drainLoop() {
		int missed = 1;
		do {
			try {
				drain();
			}
			catch (RuntimeException ex) {
				log.warn("Subscribe {}: delivery failed: {}", this.rpcId, ex.toString());
				fail(PubSubErrors.error(Status.UNAVAILABLE, PubSubErrors.SERVICE_UNAVAILABLE,
						"The event bus is temporarily unavailable; subscribe again.", this.rpcId));
			}
			missed = this.drainRequests.addAndGet(-missed);
		}
		while (missed != 0);
	}

	private void drain() {
		while (true) {
			long from;
			int limit;
			synchronized (this.lock) {
				if (this.closed || this.topic == null || this.credit == 0) {
					return;
				}
				from = this.position;
				limit = (int) Math.min(this.credit, MAX_REQUESTED);
			}
			long tip = this.eventLog.tip();
			if (tip <= from) {
				return;
			}
			List<LoggedEvent> events = this.eventLog.read(this.topic.orgKey(), this.topic.topicName(), from, tip,
					limit);
			synchronized (this.lock) {
				if (this.closed) {
					return;
				}
				// everything up to the tip was read unless the limit cut it short
				this.position = (events.size() < limit) ? tip : events.get(events.size() - 1).replayId();
				if (events.isEmpty()) {
					return;
				}
				this.credit -= events.size();
				FetchResponse.Builder response = FetchResponse.newBuilder();
				for (LoggedEvent event : events) {
					this.metrics.delivered(this.topic.orgKey(), this.topic.topicName(), event.createdAt());
					response.addEvents(ConsumerEvent.newBuilder()
						.setEvent(ProducerEvent.newBuilder()
							.setId(event.eventId())
							.setSchemaId(event.schemaId())
							.setPayload(ByteString.copyFrom(event.payload())))
						.setReplayId(ReplayIds.encode(event.replayId())));
				}
				send(response.setLatestReplayId(ReplayIds.encode(events.get(events.size() - 1).replayId())));
				if (events.size() < limit) {
					return;
				}
			}
		}
	}

	private void scheduleKeepalive(long delayNanos) {
		this.keepalive = this.keepalives.schedule(this::keepalive, delayNanos, TimeUnit.NANOSECONDS);
	}

	private void keepalive() {
		synchronized (this.lock) {
			if (this.closed) {
				return;
			}
			long idle = System.nanoTime() - this.lastSentNanos;
			if (idle < this.keepaliveNanos) {
				scheduleKeepalive(this.keepaliveNanos - idle);
				return;
			}
			if (this.credit > 0) {
				try {
					send(FetchResponse.newBuilder().setLatestReplayId(ReplayIds.encode(this.position)));
				}
				catch (RuntimeException ex) {
					close();
					return;
				}
			}
			else {
				// no credit, no keepalive (like the vendor); look again one interval from now
				this.lastSentNanos = System.nanoTime();
			}
			scheduleKeepalive(this.keepaliveNanos);
		}
	}

	/** Callers hold the lock. */
	private void send(FetchResponse.Builder response) {
		this.responses.onNext(response.setRpcId(this.rpcId).setPendingNumRequested((int) Math.min(Integer.MAX_VALUE,
				this.credit)).build());
		this.lastSentNanos = System.nanoTime();
	}

	private void fail(StatusRuntimeException error) {
		synchronized (this.lock) {
			if (this.closed) {
				return;
			}
			try {
				this.responses.onError(error);
			}
			catch (RuntimeException ex) {
				// the call is already gone
			}
		}
		close();
	}

	/** The access token has expired: the vendor's authentication error ends the stream. */
	private void expire() {
		fail(PubSubErrors.error(Status.UNAUTHENTICATED, PubSubErrors.AUTH_ERROR,
				PubSubErrors.AUTH_MESSAGE + " The session has expired; subscribe again with a new access token.",
				this.rpcId));
	}

	/** The service is stopping: end the stream so the client re-subscribes (to another node). */
	void shutdown() {
		fail(PubSubErrors.error(Status.UNAVAILABLE, PubSubErrors.SERVICE_UNAVAILABLE,
				"The service is shutting down; subscribe again.", this.rpcId));
	}

	void close() {
		EventLog.Registration toClose;
		ScheduledFuture<?> toCancel;
		synchronized (this.lock) {
			if (!this.closed && this.topic != null) {
				this.metrics.unsubscribed(this.topic.orgKey(), this.topic.topicName());
			}
			this.closed = true;
			toClose = this.registration;
			toCancel = this.keepalive;
			this.registration = null;
		}
		if (toClose != null) {
			toClose.close();
		}
		if (toCancel != null) {
			toCancel.cancel(false);
		}
		ScheduledFuture<?> expiring = this.expiry;
		if (expiring != null) {
			expiring.cancel(false);
		}
		this.onClose.accept(this);
	}

}
