package org.byoc.interaction.pubsub;

import org.byoc.interaction.support.PubSubTestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.support.PubSubTestClient.SubscribeStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gap-safety proof: many writers append in transactions of varying length while a subscriber reads the tail.
 * One transaction appends first and commits last, long after later-appended events were delivered. A log that
 * numbered events at insert time would hand the subscriber a position past that event and lose it; ours must
 * deliver every event exactly once, in replay-id order, the late one included.
 */
class EventLogConcurrentWritersTest extends PubSubTestSupport {

	private static final Logger log = LoggerFactory.getLogger(EventLogConcurrentWritersTest.class);

	static final int WRITERS = 6;

	static final int TRANSACTIONS_PER_WRITER = 20;

	@Test
	void whenManyTransactionsCommitOutOfOrderThenTheSubscriberSeesEveryEventExactlyOnceInReplayOrder()
			throws Exception {
		try (SubscribeStream stream = this.client.subscribe(acme())) {
			stream.request(PubSubTestClient.fetch(ACME_TOPIC, ReplayPreset.LATEST, 0, 100));
			PubSubSubscribeTest.awaitKeepalive(stream);

			ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 2);
			Map<String, Long> receivedAt = new java.util.concurrent.ConcurrentHashMap<>();
			java.util.concurrent.atomic.AtomicInteger total = new java.util.concurrent.atomic.AtomicInteger(-1);
			List<String> published = Collections.synchronizedList(new ArrayList<>());
			Map<String, Long> committedAt = Collections.synchronizedMap(new HashMap<>());
			CountDownLatch lateAppended = new CountDownLatch(1);
			java.util.concurrent.atomic.AtomicLong lateCommitStarts = new java.util.concurrent.atomic.AtomicLong();
			Future<String> late = pool.submit(() -> this.transactions.execute((status) -> {
				String id = append("late");
				lateAppended.countDown();
				sleep(1500);
				lateCommitStarts.set(System.nanoTime());
				return id;
			}));
			assertThat(lateAppended.await(10, TimeUnit.SECONDS)).isTrue();
			// the subscriber reads the tail all along, concurrently with the writers
			Future<List<ConsumerEvent>> reader = pool.submit(() -> receiveAll(stream, total, receivedAt));
			List<Future<?>> writers = new ArrayList<>();
			for (int w = 0; w < WRITERS; w++) {
				writers.add(pool.submit(() -> {
					for (int t = 0; t < TRANSACTIONS_PER_WRITER; t++) {
						int events = 1 + ThreadLocalRandom.current().nextInt(3);
						List<String> ids = this.transactions.execute((status) -> {
							List<String> appended = new ArrayList<>();
							for (int e = 0; e < events; e++) {
								appended.add(append("w"));
								sleep(ThreadLocalRandom.current().nextInt(15));
							}
							return appended;
						});
						long now = System.nanoTime();
						ids.forEach((id) -> committedAt.put(id, now));
						published.addAll(ids);
					}
					return null;
				}));
			}
			for (Future<?> writer : writers) {
				writer.get(60, TimeUnit.SECONDS);
			}
			String lateId = late.get(60, TimeUnit.SECONDS);
			long lateCommitted = System.nanoTime();
			committedAt.put(lateId, lateCommitted);
			published.add(lateId);
			total.set(published.size());
			List<ConsumerEvent> received = reader.get(90, TimeUnit.SECONDS);
			pool.shutdown();

			List<String> ids = received.stream().map((e) -> e.getEvent().getId()).toList();
			assertThat(new HashSet<>(ids)).as("no duplicates").hasSize(ids.size());
			assertThat(ids).containsExactlyInAnyOrderElementsOf(published);
			PubSubSubscribeTest.assertIncreasing(received);
			assertThat(receivedAt.values().stream().filter((at) -> at < lateCommitted).count())
				.as("events delivered while the late transaction was still open").isGreaterThan(0);
			// the late commit is numbered after every event appended after it but committed before it
			List<String> committedEarlier = published.stream()
				.filter((id) -> committedAt.get(id) < lateCommitStarts.get())
				.toList();
			assertThat(committedEarlier).isNotEmpty();
			int latePosition = ids.indexOf(lateId);
			assertThat(committedEarlier).allSatisfy((id) -> assertThat(ids.indexOf(id)).isLessThan(latePosition));
			logLatency(committedAt, receivedAt);
		}
	}

	private String append(String text) {
		return this.outboundEvents.publishInteraction(acmeChannel(), UUID.randomUUID().toString(), ACME_ADDRESS,
				Participant.endUser("end-user-1"), textEntry(text)).eventId();
	}

	/** Reads until {@code total} (set once all writers are done) distinct events arrived. */
	private static List<ConsumerEvent> receiveAll(SubscribeStream stream, java.util.concurrent.atomic.AtomicInteger total,
			Map<String, Long> receivedAt) {
		List<ConsumerEvent> received = new ArrayList<>();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		Set<String> seen = new HashSet<>();
		while ((total.get() < 0 || seen.size() < total.get()) && System.nanoTime() < deadline) {
			FetchResponse response = stream.next(Duration.ofMillis(200));
			if (response == null) {
				continue;
			}
			long now = System.nanoTime();
			for (ConsumerEvent event : response.getEventsList()) {
				received.add(event);
				seen.add(event.getEvent().getId());
				receivedAt.putIfAbsent(event.getEvent().getId(), now);
			}
			if (response.getPendingNumRequested() == 0) {
				stream.request(FetchRequest.newBuilder().setNumRequested(100).build());
			}
		}
		// anything extra (a duplicate) would arrive right behind: give it a moment
		FetchResponse extra = stream.next(Duration.ofMillis(300));
		if (extra != null) {
			received.addAll(extra.getEventsList());
		}
		return received;
	}

	private static void logLatency(Map<String, Long> committedAt, Map<String, Long> receivedAt) {
		List<Long> micros = new ArrayList<>();
		committedAt.forEach((id, committed) -> {
			Long got = receivedAt.get(id);
			if (got != null) {
				micros.add(Math.max(0, (got - committed) / 1000));
			}
		});
		Collections.sort(micros);
		log.info("commit-to-subscriber latency over {} events: p50 {} ms, p99 {} ms", micros.size(),
				micros.get(micros.size() / 2) / 1000.0, micros.get((int) (micros.size() * 0.99)) / 1000.0);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
