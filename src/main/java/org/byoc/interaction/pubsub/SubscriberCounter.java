package org.byoc.interaction.pubsub;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.stereotype.Component;

import org.byoc.interaction.outbound.EventLog;
import org.byoc.interaction.outbound.LiveSubscribers;

/** Counts this node's open Subscribe streams per topic: a stream counts from its first FetchRequest until it ends. */
@Component
public final class SubscriberCounter implements LiveSubscribers {

	private final ConcurrentMap<String, Integer> counts = new ConcurrentHashMap<>();

	@Override
	public int count(String orgKey, String topicName) {
		return this.counts.getOrDefault(EventLog.topicKey(orgKey, topicName), 0);
	}

	void opened(String topicKey) {
		this.counts.merge(topicKey, 1, Integer::sum);
	}

	void closed(String topicKey) {
		this.counts.computeIfPresent(topicKey, (key, count) -> (count <= 1) ? null : count - 1);
	}

}
