package org.byoc.interaction.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.CommitReplayRequest;
import com.salesforce.eventbus.protobuf.CommitReplayResponse;
import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ManagedFetchRequest;
import com.salesforce.eventbus.protobuf.ManagedFetchResponse;
import com.salesforce.eventbus.protobuf.PubSubGrpc;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/**
 * A Pub/Sub client the way partner middleware is one: grpc-java over TLS, trusting only the service's certificate
 * file, sending the vendor's auth metadata, decoding 8-byte replay ids and Avro payloads itself.
 */
public final class PubSubTestClient implements AutoCloseable {

	private final ManagedChannel channel;

	private PubSubTestClient(ManagedChannel channel) {
		this.channel = channel;
	}

	/** The channel itself, for services other than Pub/Sub (health). */
	public ManagedChannel channel() {
		return this.channel;
	}

	public static PubSubTestClient connect(String host, int port, Path trustedCertificate) {
		try {
			TlsChannelCredentials.Builder credentials = TlsChannelCredentials.newBuilder()
				.trustManager(trustedCertificate.toFile());
			return new PubSubTestClient(Grpc.newChannelBuilderForAddress(host, port, credentials.build()).build());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static Metadata auth(String accessToken, String tenantId) {
		Metadata headers = new Metadata();
		if (accessToken != null) {
			headers.put(Metadata.Key.of("accessToken", Metadata.ASCII_STRING_MARSHALLER), accessToken);
		}
		headers.put(Metadata.Key.of("instanceUrl", Metadata.ASCII_STRING_MARSHALLER), "https://localhost:8085");
		if (tenantId != null) {
			headers.put(Metadata.Key.of("tenantId", Metadata.ASCII_STRING_MARSHALLER), tenantId);
		}
		return headers;
	}

	public PubSubGrpc.PubSubBlockingStub blocking(Metadata headers) {
		return PubSubGrpc.newBlockingStub(this.channel)
			.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
			.withDeadlineAfter(30, TimeUnit.SECONDS);
	}

	public PubSubGrpc.PubSubStub async(Metadata headers) {
		return PubSubGrpc.newStub(this.channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
	}

	public SubscribeStream subscribe(Metadata headers) {
		SubscribeStream stream = new SubscribeStream();
		stream.requests = async(headers).subscribe(stream);
		return stream;
	}

	public ManagedStream managedSubscribe(Metadata headers) {
		ManagedStream stream = new ManagedStream();
		stream.requests = async(headers).managedSubscribe(stream);
		return stream;
	}

	public static FetchRequest fetch(String topic, ReplayPreset preset, long replayId, int numRequested) {
		FetchRequest.Builder request = FetchRequest.newBuilder().setTopicName(topic).setReplayPreset(preset)
			.setNumRequested(numRequested);
		if (preset == ReplayPreset.CUSTOM) {
			request.setReplayId(replayIdBytes(replayId));
		}
		return request.build();
	}

	public static ByteString replayIdBytes(long replayId) {
		return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(replayId).array());
	}

	/** As the vendor's clients do: an unsigned 64-bit big-endian number from exactly 8 bytes. */
	public static long replayId(ByteString bytes) {
		if (bytes.size() != 8) {
			throw new AssertionError("replay id must be 8 bytes, was " + bytes.size());
		}
		return bytes.asReadOnlyByteBuffer().getLong();
	}

	public static GenericRecord decode(String schemaJson, ByteString payload) {
		Schema schema = new Schema.Parser().parse(schemaJson);
		try {
			return new GenericDatumReader<GenericRecord>(schema).read(null,
					DecoderFactory.get().binaryDecoder(payload.toByteArray(), null));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static String errorCode(StatusRuntimeException error) {
		Metadata trailers = Status.trailersFromThrowable(error);
		return (trailers != null) ? trailers.get(Metadata.Key.of("error-code", Metadata.ASCII_STRING_MARSHALLER)) : null;
	}

	@Override
	public void close() {
		this.channel.shutdownNow();
		try {
			this.channel.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** One ManagedSubscribe call: every response is queued; the end (error or completion) is a future. */
	public static final class ManagedStream implements StreamObserver<ManagedFetchResponse>, AutoCloseable {

		public final BlockingQueue<ManagedFetchResponse> responses = new LinkedBlockingQueue<>();

		public final CompletableFuture<Void> end = new CompletableFuture<>();

		StreamObserver<ManagedFetchRequest> requests;

		public synchronized void request(ManagedFetchRequest request) {
			this.requests.onNext(request);
		}

		/** A request for more events, naming the subscription by id or developer name as the first must. */
		public void request(String subscriptionId, String developerName, int numRequested) {
			ManagedFetchRequest.Builder request = ManagedFetchRequest.newBuilder().setNumRequested(numRequested);
			if (subscriptionId != null) {
				request.setSubscriptionId(subscriptionId);
			}
			if (developerName != null) {
				request.setDeveloperName(developerName);
			}
			request(request.build());
		}

		/** Commits a replay id (naming the subscription again when given); answers the commit request id. */
		public String commit(String subscriptionId, long replayId) {
			String commitRequestId = java.util.UUID.randomUUID().toString();
			ManagedFetchRequest.Builder request = ManagedFetchRequest.newBuilder()
				.setCommitReplayIdRequest(CommitReplayRequest.newBuilder()
					.setCommitRequestId(commitRequestId)
					.setReplayId(replayIdBytes(replayId)));
			if (subscriptionId != null) {
				request.setSubscriptionId(subscriptionId);
			}
			request(request.build());
			return commitRequestId;
		}

		public ManagedFetchResponse next(Duration timeout) {
			try {
				return this.responses.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				throw new AssertionError(ex);
			}
		}

		/**
		 * Collects events until one matches {@code last}, failing after the timeout; keepalives are skipped, every
		 * response's latest replay id must be 8 bytes. Commit answers met on the way are kept in {@link #commits}.
		 */
		public List<ConsumerEvent> eventsUntil(java.util.function.Predicate<ConsumerEvent> last, Duration timeout) {
			List<ConsumerEvent> events = new ArrayList<>();
			long deadline = System.nanoTime() + timeout.toNanos();
			while (events.isEmpty() || !last.test(events.get(events.size() - 1))) {
				long left = deadline - System.nanoTime();
				ManagedFetchResponse response = (left > 0) ? next(Duration.ofNanos(left)) : null;
				if (response == null) {
					throw new AssertionError("the awaited event did not come in " + timeout + "; got " + events.size()
							+ " events" + (this.end.isDone() ? "; the stream ended: " + endCause(this.end) : ""));
				}
				replayId(response.getLatestReplayId());
				if (response.hasCommitResponse()) {
					this.commits.add(response.getCommitResponse());
				}
				if (response.getEventsCount() > 0 && response.getPendingNumRequested() == 0) {
					// like the npm client's "infinite" mode: more credit once the last is used
					request(ManagedFetchRequest.newBuilder().setNumRequested(100).build());
				}
				for (ConsumerEvent event : response.getEventsList()) {
					if (events.isEmpty() || !last.test(events.get(events.size() - 1))) {
						events.add(event);
					}
				}
			}
			return events;
		}

		/** Commit answers seen by {@link #eventsUntil}; {@link #commitResponse} reads on from the stream. */
		public final List<CommitReplayResponse> commits = new ArrayList<>();

		/** The answer to the commit with this request id, skipping events and keepalives. */
		public CommitReplayResponse commitResponse(String commitRequestId, Duration timeout) {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (true) {
				for (CommitReplayResponse seen : this.commits) {
					if (seen.getCommitRequestId().equals(commitRequestId)) {
						return seen;
					}
				}
				long left = deadline - System.nanoTime();
				ManagedFetchResponse response = (left > 0) ? next(Duration.ofNanos(left)) : null;
				if (response == null) {
					throw new AssertionError("no commit response for " + commitRequestId + " in " + timeout
							+ (this.end.isDone() ? "; the stream ended: " + endCause(this.end) : ""));
				}
				replayId(response.getLatestReplayId());
				if (response.hasCommitResponse()) {
					this.commits.add(response.getCommitResponse());
				}
			}
		}

		public StatusRuntimeException awaitError(Duration timeout) {
			return PubSubTestClient.awaitError(this.end, timeout);
		}

		@Override
		public void onNext(ManagedFetchResponse response) {
			this.responses.add(response);
		}

		@Override
		public void onError(Throwable error) {
			this.end.completeExceptionally(error);
		}

		@Override
		public void onCompleted() {
			this.end.complete(null);
		}

		@Override
		public synchronized void close() {
			if (!this.end.isDone()) {
				try {
					this.requests.onError(Status.CANCELLED.withDescription("test done").asRuntimeException());
				}
				catch (RuntimeException ex) {
					// already gone
				}
			}
		}

	}

	static StatusRuntimeException awaitError(CompletableFuture<Void> end, Duration timeout) {
		try {
			end.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			throw new AssertionError("the stream completed without an error");
		}
		catch (ExecutionException ex) {
			return (StatusRuntimeException) ex.getCause();
		}
		catch (InterruptedException | TimeoutException ex) {
			throw new AssertionError("the stream did not end within " + timeout, ex);
		}
	}

	static String endCause(CompletableFuture<Void> end) {
		try {
			end.getNow(null);
			return "completed";
		}
		catch (RuntimeException ex) {
			return String.valueOf(ex.getCause());
		}
	}

	/** One Subscribe call: every response is queued; the end (error or completion) is a future. */
	public static final class SubscribeStream implements StreamObserver<FetchResponse>, AutoCloseable {

		public final BlockingQueue<FetchResponse> responses = new LinkedBlockingQueue<>();

		public final CompletableFuture<Void> end = new CompletableFuture<>();

		StreamObserver<FetchRequest> requests;

		public synchronized void request(FetchRequest request) {
			this.requests.onNext(request);
		}

		public FetchResponse next(Duration timeout) {
			try {
				return this.responses.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				throw new AssertionError(ex);
			}
		}

		/** Collects events until there are {@code count}, failing after the timeout; keepalives are skipped. */
		public List<ConsumerEvent> events(int count, Duration timeout) {
			List<ConsumerEvent> events = new ArrayList<>();
			long deadline = System.nanoTime() + timeout.toNanos();
			while (events.size() < count) {
				long left = deadline - System.nanoTime();
				FetchResponse response = (left > 0) ? next(Duration.ofNanos(left)) : null;
				if (response == null) {
					throw new AssertionError("expected " + count + " events, got " + events.size() + " in " + timeout
							+ (this.end.isDone() ? "; the stream ended: " + endCause() : ""));
				}
				replayId(response.getLatestReplayId());
				events.addAll(response.getEventsList());
			}
			return events;
		}

		public StatusRuntimeException awaitError(Duration timeout) {
			try {
				this.end.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
				throw new AssertionError("the stream completed without an error");
			}
			catch (ExecutionException ex) {
				return (StatusRuntimeException) ex.getCause();
			}
			catch (InterruptedException | TimeoutException ex) {
				throw new AssertionError("the stream did not end within " + timeout, ex);
			}
		}

		private String endCause() {
			try {
				this.end.getNow(null);
				return "completed";
			}
			catch (RuntimeException ex) {
				return String.valueOf(ex.getCause());
			}
		}

		@Override
		public void onNext(FetchResponse response) {
			this.responses.add(response);
		}

		@Override
		public void onError(Throwable error) {
			this.end.completeExceptionally(error);
		}

		@Override
		public void onCompleted() {
			this.end.complete(null);
		}

		@Override
		public synchronized void close() {
			if (!this.end.isDone()) {
				try {
					this.requests.onError(Status.CANCELLED.withDescription("test done").asRuntimeException());
				}
				catch (RuntimeException ex) {
					// already gone
				}
			}
		}

	}

}
