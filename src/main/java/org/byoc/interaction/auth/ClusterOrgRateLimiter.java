package org.byoc.interaction.auth;

import java.time.Duration;

import javax.sql.DataSource;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;

/**
 * The per-org token bucket shared by every node on one PostgreSQL: Bucket4j keeps each org's bucket state in a row
 * of {@code rate_limit_bucket} and takes a token under {@code SELECT ... FOR UPDATE}, so N nodes together admit
 * the limit once, not N times. Same capacity and refill as {@link OrgRateLimiter}, one short transaction per
 * request (which is its cost: see docs/operations.md, capacity).
 */
final class ClusterOrgRateLimiter implements OrgRateLimit {

	private final ProxyManager<String> buckets;

	private final BucketConfiguration configuration;

	ClusterOrgRateLimiter(DataSource dataSource, int requestsPerSecond, int burst) {
		if (requestsPerSecond < 1 || burst < 1) {
			throw new IllegalArgumentException("requestsPerSecond and burst must be at least 1");
		}
		this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
			.primaryKeyMapper(PrimaryKeyMapper.STRING)
			.table("rate_limit_bucket")
			.idColumn("id")
			.stateColumn("state")
			.build();
		this.configuration = BucketConfiguration.builder()
			.addLimit((limit) -> limit.capacity(burst).refillGreedy(requestsPerSecond, Duration.ofSeconds(1)))
			.build();
	}

	@Override
	public long tryAcquire(String orgKey) {
		ConsumptionProbe probe = this.buckets.getProxy(orgKey, () -> this.configuration)
			.tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
	}

}
