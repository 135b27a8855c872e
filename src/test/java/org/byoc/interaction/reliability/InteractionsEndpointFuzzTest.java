package org.byoc.interaction.reliability;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerApiTestBase;
import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Jazzer on {@code POST /api/v1/interactions} over HTTP, against the running service (the context of the partner
 * API tests, random port, real tokens): whatever the {@code json} part, and whatever the whole multipart body, the
 * answer comes within 30 s and is 2xx or a contract refusal of the 4xx class ({@code {code, message}}), never a 5xx;
 * and no request thread is left working once the inputs are done.
 * <p>
 * {@code ./mvnw verify} runs the committed seed corpus (valid requests) in regression mode. A fuzzing session:
 * {@code JAZZER_FUZZ=1 ./mvnw test -Dtest='InteractionsEndpointFuzzTest#jsonPart'} (or {@code #multipartBody});
 * {@code maxDuration} bounds it, findings are written next to the seeds and then replay in every build.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InteractionsEndpointFuzzTest extends PartnerApiTestBase {

	@Autowired
	MeterRegistry meters;

	static final String BOUNDARY = "fuzz-boundary";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Map<Integer, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

	@FuzzTest(maxDuration = "5m")
	void jsonPart(byte[] json) throws Exception {
		Multipart body = Multipart.of().field("json", "application/json", json);
		check(post(body.contentType(), body.bytes()));
	}

	@FuzzTest(maxDuration = "5m")
	void multipartBody(byte[] body) throws Exception {
		check(post("multipart/form-data; boundary=" + BOUNDARY, body));
	}

	/**
	 * Requests still being handled, by the server's own count (virtual threads included) and, where requests run on
	 * platform threads, by the stacks of Tomcat's workers.
	 */
	@AfterAll
	void noRequestIsLeftRunning() throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		List<String> busy;
		do {
			busy = busyRequestThreads();
			double active = this.meters.find("http.server.requests.active").longTaskTimers().stream()
				.mapToDouble(LongTaskTimer::activeTasks)
				.sum();
			if (busy.isEmpty() && active == 0) {
				return;
			}
			busy.add(0, active + " requests active");
			Thread.sleep(200);
		}
		while (System.nanoTime() < deadline);
		fail("requests still running after the fuzz inputs:\n" + String.join("\n", busy));
	}

	private HttpResponse<String> post(String contentType, byte[] body) throws Exception {
		// the fuzzer's SSRF detector refuses every connection not allowed here: this test's own, to the service
		try (SilentCloseable allowed = BugDetectors.allowNetworkConnections(this::isTheService)) {
			return send(contentType, body);
		}
	}

	private boolean isTheService(String host, Integer port) {
		return ("localhost".equals(host) || "127.0.0.1".equals(host)) && port == this.port;
	}

	private HttpResponse<String> send(String contentType, byte[] body) throws Exception {
		PartnerFixture.App partner = fixture.partnerA();
		String token = tokens.computeIfAbsent(this.port, (port) -> accessToken(partner));
		try {
			return http.send(apiRequest("/api/v1/interactions", partner, token).header("Content-Type", contentType)
				.header("RequestId", "fuzz-" + UUID.randomUUID())
				.timeout(TIMEOUT)
				.POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (HttpTimeoutException ex) {
			throw new AssertionError("no answer within " + TIMEOUT, ex);
		}
	}

	private static void check(HttpResponse<String> response) throws IOException {
		int status = response.statusCode();
		assertThat(status).as(response.body()).isLessThan(500);
		if (status >= 400) {
			JsonNode error = json(response);
			assertThat(error.get("code").isInt()).as(response.body()).isTrue();
			assertThat(error.get("code").asInt()).as(response.body()).isNotEqualTo(500);
			assertThat(error.get("message").asString()).as(response.body()).isNotBlank();
		}
		else {
			assertThat(status).as(response.body()).isEqualTo(202);
		}
	}

	/** Tomcat worker threads whose stack is inside the service's own code: a request still being handled. */
	private static List<String> busyRequestThreads() {
		List<String> busy = new ArrayList<>();
		Thread.getAllStackTraces().forEach((thread, stack) -> {
			if (!thread.getName().contains("-exec-")) {
				return;
			}
			for (StackTraceElement frame : stack) {
				if (frame.getClassName().startsWith("org.byoc.interaction.")) {
					busy.add(thread.getName() + " at " + frame);
					return;
				}
			}
		});
		return busy;
	}

}
