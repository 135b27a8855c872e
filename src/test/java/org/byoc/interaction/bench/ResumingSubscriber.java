package org.byoc.interaction.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import io.grpc.Metadata;
import io.grpc.stub.StreamObserver;

import org.byoc.interaction.support.PubSubTestClient;

/**
 * A Pub/Sub subscriber as a partner's middleware keeps one (the cluster scenario): it subscribes through the load
 * balancer from a replay id, keeps its credit topped up, and when its stream breaks (its node was killed) it
 * connects again through the load balancer and subscribes with CUSTOM from the last replay id it received, so the
 * log must continue exactly where it left off. Keeps every event it received, in order, to be compared with the
 * database's log afterwards.
 */
final class ResumingSubscriber implements AutoCloseable {

	private static final int CREDIT = 100;

	private final String name;

	private final URI grpc;

	private final Path certificate;

	private final Metadata auth;

	private final String topic;

	private final List<Long> replayIds = new ArrayList<>();

	private final List<String> payloads = new ArrayList<>();

	private final List<Long> resumedFrom = new ArrayList<>();

	private final AtomicInteger generation = new AtomicInteger();

	private volatile long lastReplayId;

	private volatile boolean closed;

	private PubSubTestClient client;

	private StreamObserver<FetchRequest> requests;

	ResumingSubscriber(String name, URI grpc, Path certificate, Metadata auth, String topic, long fromReplayId) {
		this.name = name;
		this.grpc = grpc;
		this.certificate = certificate;
		this.auth = auth;
		this.topic = topic;
		this.lastReplayId = fromReplayId;
		connect(false);
	}

	String name() {
		return this.name;
	}

	synchronized List<Long> replayIds() {
		return List.copyOf(this.replayIds);
	}

	synchronized List<String> payloads() {
		return List.copyOf(this.payloads);
	}

	/** The replay ids this subscriber resumed from after its stream broke (one per reconnection). */
	synchronized List<Long> resumedFrom() {
		return List.copyOf(this.resumedFrom);
	}

	long lastReplayId() {
		return this.lastReplayId;
	}

	private synchronized void connect(boolean resume) {
		if (this.closed) {
			return;
		}
		if (this.client != null) {
			this.client.close();
		}
		if (resume) {
			this.resumedFrom.add(this.lastReplayId);
		}
		int current = this.generation.incrementAndGet();
		this.client = PubSubTestClient.connect(this.grpc.getHost(), this.grpc.getPort(), this.certificate);
		this.requests = this.client.async(this.auth).subscribe(new Observer(current));
		this.requests.onNext((this.lastReplayId > 0)
				? PubSubTestClient.fetch(this.topic, ReplayPreset.CUSTOM, this.lastReplayId, CREDIT)
				: PubSubTestClient.fetch(this.topic, ReplayPreset.EARLIEST, 0, CREDIT));
	}

	private synchronized void received(int fromGeneration, FetchResponse response) {
		if (fromGeneration != this.generation.get()) {
			return;
		}
		for (ConsumerEvent event : response.getEventsList()) {
			long replayId = PubSubTestClient.replayId(event.getReplayId());
			this.replayIds.add(replayId);
			this.payloads.add(event.getEvent().getPayload().toString(StandardCharsets.ISO_8859_1));
			this.lastReplayId = replayId;
		}
		if (response.getEventsCount() > 0) {
			this.requests.onNext(
					FetchRequest.newBuilder().setTopicName(this.topic).setNumRequested(response.getEventsCount()).build());
		}
	}

	/** The stream ended (its node died, or the balancer dropped it): again through the balancer, after a pause. */
	private void broken(int fromGeneration) {
		if (this.closed || fromGeneration != this.generation.get()) {
			return;
		}
		Thread reconnect = new Thread(() -> {
			for (int attempt = 0; !this.closed; attempt++) {
				try {
					Thread.sleep(Math.min(2_000, 200L * (attempt + 1)));
					connect(true);
					return;
				}
				catch (InterruptedException ex) {
					return;
				}
				catch (RuntimeException ex) {
					Report.progress(this.name + ": reconnect failed: " + ex);
				}
			}
		}, this.name + "-reconnect");
		reconnect.setDaemon(true);
		reconnect.start();
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.client != null) {
			this.client.close();
		}
	}

	private final class Observer implements StreamObserver<FetchResponse> {

		private final int generation;

		Observer(int generation) {
			this.generation = generation;
		}

		@Override
		public void onNext(FetchResponse response) {
			received(this.generation, response);
		}

		@Override
		public void onError(Throwable error) {
			broken(this.generation);
		}

		@Override
		public void onCompleted() {
			broken(this.generation);
		}

	}

}
