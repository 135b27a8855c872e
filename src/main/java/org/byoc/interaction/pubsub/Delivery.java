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
import com.salesforce.eventbus.protobuf.ProducerEvent;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.byoc.interaction.outbound.EventLog;
import org.byoc.interaction.outbound.EventLog.EventTopic;
import org.byoc.interaction.outbound.EventLog.LoggedEvent;

/**
 * The delivery side of one subscribe stream (Subscribe or ManagedSubscribe): pull with flow control. Once started on
 * a topic at a position, every request's credit ({@code num_requested}, at most 100 each) lets events out; the
 * position only ever moves to replay ids the log says are committed, so no event is skipped. When credit is pending
 * and nothing was sent for the keepalive interval, an empty response carries the position.
 *
 * @param <R> the stream's response message (FetchResponse or ManagedFetchResponse)
 */
final class Delivery<R> {

	private static final Logger log = LoggerFactory.getLogger(Delivery.class);

	static final int MAX_REQUESTED = 100;

	/** Builds one response of the stream; {@code events} is empty for a keepalive. */
	@FunctionalInterface
	interface Responses<R> {

		R response(List<ConsumerEvent> events, ByteString latestReplayId, int pendingNumRequested, String rpcId);

	}

	private final EventLog eventLog;

	private final String rpcId;

	private final ServerCallStreamObserver<R> responses;

	private final Responses<R> build;

	private final Executor delivery;

	private final ScheduledExecutorService keepalives;

	private final long keepaliveNanos;

	private final Object lock = new Object();

	private final AtomicInteger drainRequests = new AtomicInteger();

	private final Consumer<Delivery<?>> onClose;

	private final PubSubMetrics metrics;

	private EventTopic topic;

	private String topicKey;

	private long position;

	private long credit;

	private long lastSentNanos;

	private boolean closed;

	private EventLog.Registration registration;

	private ScheduledFuture<?> keepalive;

	private volatile ScheduledFuture<?> expiry;

	Delivery(EventLog eventLog, String rpcId, ServerCallStreamObserver<R> responses, Responses<R> build,
			DeliveryResources resources) {
		this.eventLog = eventLog;
		this.rpcId = rpcId;
		this.responses = responses;
		this.build = build;
		this.delivery = resources.delivery();
		this.keepalives = resources.keepalives();
		this.keepaliveNanos = resources.keepaliveNanos();
		this.onClose = resources.onClose();
		this.metrics = resources.metrics();
		responses.setOnCancelHandler(this::close);
	}

	/** A stream lives no longer than the token that opened it; the client subscribes again with a fresh one. */
	void expireAt(java.time.Instant expiresAt) {
		this.expiry = this.keepalives.schedule(this::expire,
				Math.max(0, expiresAt.toEpochMilli() - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
	}

	/** The access token has expired: the vendor's authentication error ends the stream. */
	private void expire() {
		fail(PubSubErrors.error(Status.UNAUTHENTICATED, PubSubErrors.AUTH_ERROR,
				PubSubErrors.AUTH_MESSAGE + " The session has expired; subscribe again with a new access token.",
				this.rpcId));
	}

	String rpcId() {
		return this.rpcId;
	}

	/** The topic, once started; null before. */
	EventTopic topic() {
		synchronized (this.lock) {
			return this.topic;
		}
	}

	/** Starts delivering the topic's events after {@code position}; nothing goes out before a request's credit. */
	void start(EventTopic found, long startPosition) {
		synchronized (this.lock) {
			if (this.closed || this.topic != null) {
				return;
			}
			this.topic = found;
			this.topicKey = EventLog.topicKey(found.orgKey(), found.topicName());
			this.metrics.subscribed(found.orgKey(), found.topicName());
			this.position = startPosition;
			this.lastSentNanos = System.nanoTime();
			this.registration = this.eventLog.listen((topics) -> {
				// a stream without credit has nothing to drain; its next request drains up to the tip anyway
				if ((topics == null || topics.contains(this.topicKey)) && hasCredit()) {
					requestDrain();
				}
			});
			scheduleKeepalive(this.keepaliveNanos);
		}
	}

	/** Adds a request's credit (clamped to 0..100, like the vendor) and delivers what it allows. */
	void request(int numRequested) {
		synchronized (this.lock) {
			if (this.closed) {
				return;
			}
			this.credit += Math.max(0, Math.min(MAX_REQUESTED, numRequested));
		}
		requestDrain();
	}

	/**
	 * Sends a response that is not an event batch (a commit answer) in turn with the others, carrying the position
	 * and the pending credit as every response does. False when the stream is gone.
	 */
	boolean send(Responses<R> other) {
		synchronized (this.lock) {
			if (this.closed) {
				return false;
			}
			send(other, List.of(), this.position);
			return true;
		}
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
			EventTopic reading;
			synchronized (this.lock) {
				if (this.closed || this.topic == null || this.credit == 0) {
					return;
				}
				from = this.position;
				limit = (int) Math.min(this.credit, MAX_REQUESTED);
				reading = this.topic;
			}
			long tip = this.eventLog.tip();
			if (tip <= from) {
				return;
			}
			List<LoggedEvent> events = this.eventLog.read(reading.orgKey(), reading.topicName(), from, tip, limit);
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
				List<ConsumerEvent> batch = new java.util.ArrayList<>(events.size());
				for (LoggedEvent event : events) {
					this.metrics.delivered(reading.orgKey(), reading.topicName(), event.createdAt());
					batch.add(ConsumerEvent.newBuilder()
						.setEvent(ProducerEvent.newBuilder()
							.setId(event.eventId())
							.setSchemaId(event.schemaId())
							.setPayload(ByteString.copyFrom(event.payload())))
						.setReplayId(ReplayIds.encode(event.replayId()))
						.build());
				}
				send(this.build, batch, events.get(events.size() - 1).replayId());
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
					send(this.build, List.of(), this.position);
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

	/** Callers hold the lock. Every response carries an 8-byte latest replay id: clients decode it each time. */
	private void send(Responses<R> with, List<ConsumerEvent> events, long latestReplayId) {
		this.responses.onNext(with.response(events, ReplayIds.encode(latestReplayId),
				(int) Math.min(Integer.MAX_VALUE, this.credit), this.rpcId));
		this.lastSentNanos = System.nanoTime();
	}

	/** Ends the stream with this error (once). */
	void fail(StatusRuntimeException error) {
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

	/** The client half-closed: complete the stream. */
	void complete() {
		synchronized (this.lock) {
			if (!this.closed) {
				try {
					this.responses.onCompleted();
				}
				catch (RuntimeException ex) {
					// the call is already gone
				}
			}
		}
		close();
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

	/** What every stream's delivery shares: the executors, the keepalive interval, metrics and the stream registry. */
	record DeliveryResources(Executor delivery, ScheduledExecutorService keepalives, long keepaliveNanos,
			Consumer<Delivery<?>> onClose, PubSubMetrics metrics) {
	}

}
