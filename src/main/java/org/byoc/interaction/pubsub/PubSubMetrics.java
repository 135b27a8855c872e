package org.byoc.interaction.pubsub;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import org.byoc.interaction.outbound.LiveSubscribers;

/**
 * Subscribers per org and topic ({@code interactionservice.pubsub.subscribers}) and how long an event took from
 * the change that caused it to its subscriber ({@code interactionservice.events.delivery.lag}). The subscriber
 * counts are also readable as {@link LiveSubscribers} (the console's operator view).
 */
@Component
class PubSubMetrics implements LiveSubscribers {

	private final MeterRegistry registry;

	private final Map<String, AtomicInteger> subscribers = new ConcurrentHashMap<>();

	private final Map<String, Timer> lags = new ConcurrentHashMap<>();

	PubSubMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public int count(String orgKey, String topicName) {
		AtomicInteger count = this.subscribers.get(orgKey + topicName);
		return (count != null) ? count.get() : 0;
	}

	void subscribed(String orgKey, String topic) {
		counter(orgKey, topic).incrementAndGet();
	}

	void unsubscribed(String orgKey, String topic) {
		counter(orgKey, topic).decrementAndGet();
	}

	void delivered(String orgKey, String topic, long createdAtMillis) {
		long lag = Math.max(0, System.currentTimeMillis() - createdAtMillis);
		this.lags.computeIfAbsent(orgKey + topic, (key) -> Timer.builder("interactionservice.events.delivery.lag")
			.description("From the change that caused an event to its delivery to a subscriber")
			.tag("org", orgKey)
			.tag("topic", topic)
			.publishPercentiles(0.5, 0.99)
			.register(this.registry)).record(Duration.ofMillis(lag));
	}

	private AtomicInteger counter(String orgKey, String topic) {
		return this.subscribers.computeIfAbsent(orgKey + topic, (key) -> {
			AtomicInteger count = new AtomicInteger();
			Gauge.builder("interactionservice.pubsub.subscribers", count, AtomicInteger::get)
				.description("Open Subscribe streams")
				.tag("org", orgKey)
				.tag("topic", topic)
				.register(this.registry);
			return count;
		});
	}

}
