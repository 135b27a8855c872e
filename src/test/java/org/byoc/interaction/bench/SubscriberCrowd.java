package org.byoc.interaction.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.PubSubGrpc;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;

/**
 * Thousands of Subscribe streams at once, spread over connections of their own ({@value #STREAMS_PER_CHANNEL} per
 * connection, as partner middleware spreads its subscriptions), that record which of the numbered replies each
 * stream received and how long after it was posted. Callbacks run on the transport's threads (they only match a
 * marker and take the time): with the default executor, thousands of streams receiving at once would each take a
 * thread of the generator.
 */
final class SubscriberCrowd implements AutoCloseable {

	static final int STREAMS_PER_CHANNEL = 100;

	private final List<ManagedChannel> channels = new ArrayList<>();

	private final List<Stream> streams = new ArrayList<>();

	private final Pattern marker;

	private final int replies;

	private final AtomicLongArray sentAt;

	private final AtomicIntegerArray seen;

	private final AtomicInteger received = new AtomicInteger();

	private final Latencies latencies;

	/** {@code marker} finds a reply's number (group 1) in an event's payload; {@code replies} are expected. */
	SubscriberCrowd(int streams, int replies, Pattern marker) {
		this.marker = marker;
		this.replies = Math.max(1, replies);
		this.sentAt = new AtomicLongArray(this.replies);
		this.seen = new AtomicIntegerArray(streams * this.replies);
		this.latencies = new Latencies(streams * this.replies);
	}

	/** Opens the streams, each asking for the first request's events. */
	void open(URI grpc, Path certificate, Metadata auth, int count, FetchRequest first) throws IOException {
		for (int i = 0; i < count; i++) {
			if (i % STREAMS_PER_CHANNEL == 0) {
				this.channels.add(channel(grpc, certificate));
			}
			Stream stream = new Stream(i);
			stream.requests = PubSubGrpc.newStub(this.channels.get(this.channels.size() - 1))
				.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth))
				.subscribe(stream);
			stream.request(first);
			this.streams.add(stream);
		}
	}

	private static ManagedChannel channel(URI grpc, Path certificate) throws IOException {
		TlsChannelCredentials.Builder credentials = TlsChannelCredentials.newBuilder()
			.trustManager(certificate.toFile());
		return Grpc.newChannelBuilderForAddress(grpc.getHost(), grpc.getPort(), credentials.build())
			.directExecutor()
			.build();
	}

	int connections() {
		return this.channels.size();
	}

	/** Reply {@code reply} was posted now. */
	void sent(int reply, long nanos) {
		this.sentAt.set(reply, nanos);
	}

	/** Streams that ended (error or completion) before {@link #close()}. */
	long ended() {
		return this.streams.stream().filter((s) -> s.end != null).count();
	}

	/** One of the ends, for the report; null when none ended. */
	String anEnd() {
		return this.streams.stream().map((s) -> s.end).filter((e) -> e != null).findFirst().orElse(null);
	}

	long received() {
		return this.received.get();
	}

	/** From each reply's posting to its arrival, over every stream that received it. */
	Latencies latencies() {
		return this.latencies;
	}

	@Override
	public void close() throws InterruptedException {
		for (ManagedChannel channel : this.channels) {
			channel.shutdownNow();
		}
		for (ManagedChannel channel : this.channels) {
			channel.awaitTermination(10, TimeUnit.SECONDS);
		}
		this.channels.clear();
	}

	private void arrived(int stream, int reply, long nanos) {
		if (reply < this.replies && this.seen.compareAndSet(stream * this.replies + reply, 0, 1)) {
			this.received.incrementAndGet();
			this.latencies.add(nanos - this.sentAt.get(reply));
		}
	}

	/** One Subscribe stream: matches the replies' events; nothing else is kept. */
	private final class Stream implements StreamObserver<FetchResponse> {

		private final int index;

		StreamObserver<FetchRequest> requests;

		volatile String end;

		Stream(int index) {
			this.index = index;
		}

		synchronized void request(FetchRequest request) {
			this.requests.onNext(request);
		}

		@Override
		public void onNext(FetchResponse response) {
			long now = System.nanoTime();
			for (ConsumerEvent event : response.getEventsList()) {
				Matcher found = SubscriberCrowd.this.marker
					.matcher(event.getEvent().getPayload().toString(StandardCharsets.ISO_8859_1));
				if (found.find()) {
					arrived(this.index, Integer.parseInt(found.group(1)), now);
				}
			}
		}

		@Override
		public void onError(Throwable error) {
			this.end = "failed: " + error;
		}

		@Override
		public void onCompleted() {
			this.end = "completed";
		}

	}

}
