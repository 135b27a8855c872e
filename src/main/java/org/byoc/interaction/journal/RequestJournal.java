package org.byoc.interaction.journal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The request journal: per org a bounded ring of the partner's calls, newest last; when full the oldest goes. A
 * ring's lock is held only to add or copy, never while a request is served. In memory, per node.
 */
@Component
public class RequestJournal {

	private final Map<String, Ring> rings = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private final boolean enabled;

	private final int size;

	RequestJournal(JournalProperties properties) {
		this.enabled = Objects.requireNonNull(properties.enabled());
		this.size = Objects.requireNonNull(properties.size());
	}

	public boolean enabled() {
		return this.enabled;
	}

	/** The most entries kept per org. */
	public int size() {
		return this.size;
	}

	long nextId() {
		return this.ids.incrementAndGet();
	}

	void record(String orgKey, JournalEntry entry) {
		if (this.enabled) {
			this.rings.computeIfAbsent(orgKey, (key) -> new Ring(this.size)).add(entry);
		}
	}

	/** The org's entries that match, newest first, one page of them; and how many matched in all. */
	public Page find(String orgKey, JournalQuery query, int page, int pageSize) {
		List<JournalEntry> matching = matching(orgKey, query);
		int from = (int) Math.min((long) page * pageSize, matching.size());
		int to = Math.min(from + pageSize, matching.size());
		return new Page(matching.size(), List.copyOf(matching.subList(from, to)));
	}

	public int count(String orgKey, JournalQuery query) {
		return matching(orgKey, query).size();
	}

	public void clear(String orgKey) {
		Ring ring = this.rings.get(orgKey);
		if (ring != null) {
			ring.clear();
		}
	}

	/** The newest earlier entry of the org with this RequestId, if the ring still holds one. */
	@Nullable JournalEntry withRequestId(String orgKey, String requestId) {
		Ring ring = this.rings.get(orgKey);
		return (ring != null) ? ring.withRequestId(requestId) : null;
	}

	private List<JournalEntry> matching(String orgKey, JournalQuery query) {
		Ring ring = this.rings.get(orgKey);
		List<JournalEntry> newestFirst = (ring != null) ? ring.newestFirst() : List.of();
		List<JournalEntry> matching = new ArrayList<>();
		for (JournalEntry entry : newestFirst) {
			if (query.matches(entry)) {
				matching.add(entry);
			}
		}
		return matching;
	}

	/** One page of entries and the number of all that matched. */
	public record Page(int total, List<JournalEntry> entries) {
	}

	private static final class Ring {

		private final ArrayDeque<JournalEntry> entries;

		private final Map<String, JournalEntry> byRequestId = new java.util.HashMap<>();

		private final int capacity;

		Ring(int capacity) {
			this.capacity = capacity;
			this.entries = new ArrayDeque<>(Math.min(capacity, 64));
		}

		synchronized void add(JournalEntry entry) {
			if (this.entries.size() == this.capacity) {
				JournalEntry oldest = this.entries.pollFirst();
				if (oldest != null && oldest.requestId() != null) {
					this.byRequestId.remove(oldest.requestId(), oldest);
				}
			}
			this.entries.addLast(entry);
			if (entry.requestId() != null) {
				this.byRequestId.put(entry.requestId(), entry);
			}
		}

		synchronized void clear() {
			this.entries.clear();
			this.byRequestId.clear();
		}

		synchronized List<JournalEntry> newestFirst() {
			List<JournalEntry> copy = new ArrayList<>(this.entries.size());
			Iterator<JournalEntry> newest = this.entries.descendingIterator();
			while (newest.hasNext()) {
				copy.add(newest.next());
			}
			return copy;
		}

		synchronized @Nullable JournalEntry withRequestId(String requestId) {
			return this.byRequestId.get(requestId);
		}

	}

}
