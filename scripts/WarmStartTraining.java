import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.PubSubGrpc;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;

/**
 * The training run of scripts/warm-start.sh: partner traffic against a service that records what it loads and
 * runs (JDK 25 AOT cache with method profiles, or an AppCDS archive on JDK 17), so that the next start begins
 * where this one ended. It needs only the service's own jars on its class path (grpc-java, the generated Pub/Sub
 * classes), so a JRE image can run it compiled. What it sends is what the bench and a partner's CI send: text
 * messages from returning and first-time end users on several connections, typing, a file, agent replies received
 * by a Pub/Sub subscriber over TLS, reads on the admin API, a few refusals. Exits 0 when every request was
 * answered as expected and every reply's event arrived; prints what it did.
 */
public class WarmStartTraining {

	/** A 1×1 PNG: the file of the AttachmentInteractions. */
	private static final byte[] PNG = Base64.getDecoder()
		.decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4P5MBAAQzAZncH4SNAAAAAElFTkSuQmCC");

	private static final String BOUNDARY = "----warm-start-4c1e9a";

	private static final Pattern CONVERSATION = Pattern.compile("\"conversationIdentifier\"\\s*:\\s*\"([^\"]+)\"");

	private final Map<String, String> options;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String run = Long.toString(System.nanoTime() % 100_000);

	private final Map<String, AtomicInteger> unexpected = new ConcurrentHashMap<>();

	private final AtomicInteger answered = new AtomicInteger();

	WarmStartTraining(Map<String, String> options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		options.put("org-id", "00D5g000004SWby");
		options.put("authorization-context", "Partner_ChannelDefinition");
		options.put("address", "b0ffeafe-0d89-4338-b14a-172ad203f22a");
		options.put("agent-user", "0055g00000AgEnT");
		options.put("topic", "/event/BYOC_Outbound__e");
		options.put("requests", "1000");
		options.put("connections", "8");
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		for (String required : List.of("api", "management", "grpc", "grpc-cert", "token", "admin-token")) {
			if (!options.containsKey(required)) {
				System.err.println("WarmStartTraining: --" + required + " is required");
				System.exit(2);
			}
		}
		int status = new WarmStartTraining(options).train();
		System.exit(status);
	}

	int train() throws Exception {
		int requests = Integer.parseInt(this.options.get("requests"));
		int connections = Integer.parseInt(this.options.get("connections"));
		String[] grpc = this.options.get("grpc").split(":");
		ManagedChannel channel = Grpc.newChannelBuilderForAddress(grpc[0], Integer.parseInt(grpc[1]),
				TlsChannelCredentials.newBuilder().trustManager(new File(this.options.get("grpc-cert"))).build())
			.build();
		try {
			Subscriber subscriber = new Subscriber(channel);
			List<String> conversations = interactions(requests, connections);
			subscriber.awaitSubscribed(this, conversations.get(0));
			int replies = Math.max(20, requests / 5);
			replies(conversations, replies, connections);
			reads(conversations);
			refusals();
			boolean allEvents = subscriber.await(replies, Duration.ofSeconds(30));
			System.out.printf("warm-start training: %d requests answered as expected, %d agent replies' events "
					+ "received of %d%s%n", this.answered.get(), subscriber.received.get(), replies,
					this.unexpected.isEmpty() ? "" : "; unexpected answers: " + this.unexpected);
			return (allEvents && this.unexpected.isEmpty()) ? 0 : 1;
		}
		finally {
			channel.shutdownNow();
			channel.awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	/** Text messages (every 20th from a first-time writer), typing and files; answers the conversations' ids. */
	private List<String> interactions(int count, int connections) throws Exception {
		List<String> conversations = new ArrayList<>();
		ExecutorService workers = Executors.newFixedThreadPool(connections);
		try {
			List<Future<String>> answers = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int n = i;
				answers.add(workers.submit(() -> {
					String from = (n % 20 == 19) ? "+1666" + this.run + n : "+1555" + this.run + (n % 50);
					String answer = partner(jsonPart(from, text("Training message " + n)), null);
					if (n % 25 == 0) {
						partner(jsonPart(from, indicator("TypingStartedIndicator")), null);
						partner(jsonPart(from, indicator("TypingStoppedIndicator")), null);
					}
					if (n % 50 == 0) {
						partner(jsonPart(from, attachment()), PNG);
					}
					return answer;
				}));
			}
			for (Future<String> answer : answers) {
				Matcher id = CONVERSATION.matcher(answer.get(120, TimeUnit.SECONDS));
				if (id.find() && conversations.size() < 20 && !conversations.contains(id.group(1))) {
					conversations.add(id.group(1));
				}
			}
		}
		finally {
			workers.shutdownNow();
		}
		if (conversations.isEmpty()) {
			throw new IllegalStateException("no interaction was accepted: " + this.unexpected);
		}
		return conversations;
	}

	private void replies(List<String> conversations, int count, int connections) throws Exception {
		ExecutorService workers = Executors.newFixedThreadPool(connections);
		try {
			List<Future<?>> sent = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int n = i;
				sent.add(workers.submit(() -> reply(conversations.get(n % conversations.size()), "n" + n)));
			}
			for (Future<?> reply : sent) {
				reply.get(120, TimeUnit.SECONDS);
			}
		}
		finally {
			workers.shutdownNow();
		}
	}

	void reply(String conversation, String tag) {
		String body = "{\"senderUserId\":\"" + this.options.get("agent-user") + "\",\"text\":\"Training reply wst"
				+ this.run + tag + "x\"}";
		send(HttpRequest.newBuilder(URI.create(this.options.get("management") + "/admin/api/conversations/"
				+ conversation + "/messages"))
			.header("Authorization", "Bearer " + this.options.get("admin-token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), 201, "agent reply");
	}

	private void reads(List<String> conversations) {
		String admin = "Bearer " + this.options.get("admin-token");
		for (int i = 0; i < 10; i++) {
			send(HttpRequest.newBuilder(URI.create(this.options.get("management") + "/admin/api/conversations/"
					+ conversations.get(i % conversations.size())))
				.header("Authorization", admin)
				.build(), 200, "admin conversation");
		}
		send(HttpRequest.newBuilder(URI.create(this.options.get("management") + "/actuator/prometheus"))
			.header("Authorization", admin)
			.build(), 200, "prometheus");
		send(HttpRequest.newBuilder(URI.create(this.options.get("management") + "/actuator/health/readiness")).build(),
				200, "readiness");
	}

	/** What partners get wrong: a wrong token, a missing header, a body that is not JSON. */
	private void refusals() {
		for (int i = 0; i < 5; i++) {
			send(partnerRequest(jsonPart("+1555" + this.run, text("no token")), null)
				.setHeader("Authorization", "Bearer " + this.options.get("org-id") + "!not-a-token")
				.build(), 401, "bad token");
			send(partnerRequest("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"json\"\r\n"
					+ "Content-Type: application/json\r\n\r\n{not json\r\n", null).build(), 400, "bad json");
		}
	}

	/** POST /api/v1/interactions with the json part (and a file); answers the body. */
	String partner(String jsonPart, byte[] file) {
		return send(partnerRequest(jsonPart, file).build(), 202, "interaction");
	}

	private HttpRequest.Builder partnerRequest(String jsonPart, byte[] file) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(jsonPart.getBytes(StandardCharsets.UTF_8));
		if (file != null) {
			body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"attachments\"; "
					+ "filename=\"training.png\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			body.writeBytes(file);
			body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		return HttpRequest.newBuilder(URI.create(this.options.get("api") + "/api/v1/interactions"))
			.header("Authorization", "Bearer " + this.options.get("token"))
			.header("OrgId", this.options.get("org-id"))
			.header("AuthorizationContext", this.options.get("authorization-context"))
			.header("RequestId", UUID.randomUUID().toString())
			.header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
	}

	private String jsonPart(String from, String interaction) {
		return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"json\"\r\nContent-Type: application/json"
				+ "\r\n\r\n{\"to\":\"" + this.options.get("address") + "\",\"from\":\"" + from + "\",\"interactions\":["
				+ interaction + "]}\r\n";
	}

	private static String text(String text) {
		String id = UUID.randomUUID().toString();
		return "{\"timestamp\":" + System.currentTimeMillis() + ",\"interactionType\":\"EntryInteraction\","
				+ "\"payload\":{\"id\":\"" + id + "\",\"entryType\":\"Message\",\"abstractMessage\":{\"messageType\":"
				+ "\"StaticContentMessage\",\"id\":\"" + id + "\",\"staticContent\":{\"formatType\":\"Text\",\"text\":\""
				+ text + "\"}}}}";
	}

	private static String indicator(String entryType) {
		return "{\"timestamp\":" + System.currentTimeMillis() + ",\"interactionType\":\"EntryInteraction\","
				+ "\"payload\":{\"id\":\"" + UUID.randomUUID() + "\",\"entryType\":\"" + entryType
				+ "\",\"timestamp\":" + System.currentTimeMillis() + "}}";
	}

	private static String attachment() {
		return "{\"timestamp\":" + System.currentTimeMillis() + ",\"interactionType\":\"AttachmentInteraction\","
				+ "\"id\":\"" + UUID.randomUUID() + "\",\"attachmentIndex\":0,\"contentLength\":" + PNG.length
				+ ",\"text\":\"A file\"}";
	}

	private String send(HttpRequest request, int expected, String what) {
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != expected) {
				this.unexpected.computeIfAbsent(what + ": HTTP " + response.statusCode(), (k) -> new AtomicInteger())
					.incrementAndGet();
			}
			else {
				this.answered.incrementAndGet();
			}
			return response.body();
		}
		catch (Exception ex) {
			this.unexpected.computeIfAbsent(what + ": " + ex, (k) -> new AtomicInteger()).incrementAndGet();
			return "";
		}
	}

	/** One Subscribe stream from LATEST, its credit kept topped up; counts the training replies' events. */
	private final class Subscriber implements StreamObserver<FetchResponse> {

		final AtomicInteger received = new AtomicInteger();

		private final Pattern marker = Pattern.compile("wst" + WarmStartTraining.this.run + "n\\d+x");

		private final AtomicInteger probes = new AtomicInteger();

		private final StreamObserver<FetchRequest> requests;

		private volatile String end;

		Subscriber(ManagedChannel channel) {
			Metadata headers = new Metadata();
			headers.put(Metadata.Key.of("accesstoken", Metadata.ASCII_STRING_MARSHALLER),
					WarmStartTraining.this.options.get("token"));
			headers.put(Metadata.Key.of("instanceurl", Metadata.ASCII_STRING_MARSHALLER),
					WarmStartTraining.this.options.get("api"));
			headers.put(Metadata.Key.of("tenantid", Metadata.ASCII_STRING_MARSHALLER),
					WarmStartTraining.this.options.get("org-id"));
			this.requests = PubSubGrpc.newStub(channel)
				.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
				.subscribe(this);
			request(FetchRequest.newBuilder()
				.setTopicName(WarmStartTraining.this.options.get("topic"))
				.setReplayPreset(ReplayPreset.LATEST)
				.setNumRequested(100)
				.build());
		}

		/** LATEST starts where the log is when the service gets to the request: probe until a reply arrives. */
		void awaitSubscribed(WarmStartTraining training, String conversation) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (this.probes.get() == 0 && this.end == null && System.nanoTime() < deadline) {
				training.reply(conversation, "probe");
				Thread.sleep(200);
			}
			if (this.probes.get() == 0) {
				throw new IllegalStateException("the subscriber heard nothing: " + this.end);
			}
		}

		boolean await(int count, Duration timeout) throws InterruptedException {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (this.received.get() < count && this.end == null && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			return this.received.get() >= count;
		}

		private synchronized void request(FetchRequest request) {
			this.requests.onNext(request);
		}

		@Override
		public void onNext(FetchResponse response) {
			for (ConsumerEvent event : response.getEventsList()) {
				String payload = event.getEvent().getPayload().toString(StandardCharsets.ISO_8859_1);
				if (payload.contains("wst" + WarmStartTraining.this.run + "probex")) {
					this.probes.incrementAndGet();
				}
				else if (this.marker.matcher(payload).find()) {
					this.received.incrementAndGet();
				}
			}
			if (response.getEventsCount() > 0) {
				request(FetchRequest.newBuilder()
					.setTopicName(WarmStartTraining.this.options.get("topic"))
					.setNumRequested(response.getEventsCount())
					.build());
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
