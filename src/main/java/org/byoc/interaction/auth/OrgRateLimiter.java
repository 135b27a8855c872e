package org.byoc.interaction.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket per org: {@code burst} tokens at most, refilled at {@code requestsPerSecond}; a request takes one.
 * Only orgs whose access token was verified get a bucket, so the map is bounded by the orgs of the setup. Counted in
 * this process: the limit of a single node on H2 (on PostgreSQL the nodes share {@link ClusterOrgRateLimiter}).
 */
final class OrgRateLimiter implements OrgRateLimit {

	private final double tokensPerNano;

	private final double capacity;

	private final LongSupplier nanoTime;

	private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

	OrgRateLimiter(int requestsPerSecond, int burst, LongSupplier nanoTime) {
		if (requestsPerSecond < 1 || burst < 1) {
			throw new IllegalArgumentException("requestsPerSecond and burst must be at least 1");
		}
		this.tokensPerNano = requestsPerSecond / (double) TimeUnit.SECONDS.toNanos(1);
		this.capacity = burst;
		this.nanoTime = nanoTime;
	}

	@Override
	public long tryAcquire(String orgKey) {
		return this.buckets.computeIfAbsent(orgKey, (key) -> new Bucket(this.capacity, this.nanoTime.getAsLong()))
			.take(this.nanoTime.getAsLong());
	}

	/** Whole seconds to wait, rounded up, at least 1: the {@code Retry-After} value for a refusal. */
	static long retryAfterSeconds(long waitNanos) {
		return Math.max(1, (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
	}

	private final class Bucket {

		private double tokens;

		private long refilledAt;

		Bucket(double tokens, long now) {
			this.tokens = tokens;
			this.refilledAt = now;
		}

		synchronized long take(long now) {
			long elapsed = now - this.refilledAt;
			if (elapsed > 0) {
				this.tokens = Math.min(OrgRateLimiter.this.capacity,
						this.tokens + elapsed * OrgRateLimiter.this.tokensPerNano);
				this.refilledAt = now;
			}
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return 0;
			}
			return Math.max(1, (long) Math.ceil((1 - this.tokens) / OrgRateLimiter.this.tokensPerNano));
		}

	}

}
