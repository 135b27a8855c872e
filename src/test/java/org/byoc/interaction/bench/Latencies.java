package org.byoc.interaction.bench;

import java.util.Arrays;

/** Latencies in nanoseconds, kept whole (runs are bounded), and the percentiles the tables show. */
final class Latencies {

	private long[] values;

	private int size;

	Latencies(int capacity) {
		this.values = new long[Math.max(16, capacity)];
	}

	synchronized void add(long nanos) {
		if (this.size == this.values.length) {
			this.values = Arrays.copyOf(this.values, this.size * 2);
		}
		this.values[this.size++] = nanos;
	}

	synchronized void addAll(Latencies other) {
		long[] theirs;
		int count;
		synchronized (other) {
			theirs = other.values;
			count = other.size;
		}
		for (int i = 0; i < count; i++) {
			add(theirs[i]);
		}
	}

	synchronized int count() {
		return this.size;
	}

	/** The value at quantile q (0..1) in milliseconds, nearest-rank; NaN when empty. */
	synchronized double millis(double q) {
		if (this.size == 0) {
			return Double.NaN;
		}
		long[] sorted = Arrays.copyOf(this.values, this.size);
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(q * sorted.length);
		return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] / 1_000_000.0;
	}

	static String ms(double millis) {
		if (Double.isNaN(millis)) {
			return "–";
		}
		return (millis < 10) ? String.format("%.2f", millis) : String.format("%.0f", millis);
	}

}
