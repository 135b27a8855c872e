package org.byoc.interaction.auth;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The token bucket on a clock the test moves. */
class OrgRateLimiterTest {

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	private final OrgRateLimiter limiter = new OrgRateLimiter(10, 3, this.now::get);

	@Test
	void whenAnIdleOrgSendsABurstThenTheBurstPassesAndTheNextWaitsOneTenthOfASecond() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.limiter.tryAcquire("org")).as("request %d", i).isZero();
		}
		long wait = this.limiter.tryAcquire("org");
		assertThat(wait).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
		assertThat(OrgRateLimiter.retryAfterSeconds(wait)).isEqualTo(1);
	}

	@Test
	void whenTimePassesThenTokensComeBackAtTheRateButNeverAboveTheBurst() {
		for (int i = 0; i < 3; i++) {
			this.limiter.tryAcquire("org");
		}
		this.now.addAndGet(TimeUnit.MILLISECONDS.toNanos(250));
		assertThat(this.limiter.tryAcquire("org")).isZero();
		assertThat(this.limiter.tryAcquire("org")).isZero();
		assertThat(this.limiter.tryAcquire("org")).isEqualTo(TimeUnit.MILLISECONDS.toNanos(50));

		this.now.addAndGet(TimeUnit.HOURS.toNanos(1));
		for (int i = 0; i < 3; i++) {
			assertThat(this.limiter.tryAcquire("org")).isZero();
		}
		assertThat(this.limiter.tryAcquire("org")).isPositive();
	}

	@Test
	void whenOneOrgIsOverItsLimitThenAnotherOrgIsNotAffected() {
		for (int i = 0; i < 10; i++) {
			this.limiter.tryAcquire("busy");
		}
		assertThat(this.limiter.tryAcquire("busy")).isPositive();
		assertThat(this.limiter.tryAcquire("quiet")).isZero();
	}

	@Test
	void whenTheWaitIsPartOfASecondOrSeveralThenRetryAfterRoundsUp() {
		assertThat(OrgRateLimiter.retryAfterSeconds(1)).isEqualTo(1);
		assertThat(OrgRateLimiter.retryAfterSeconds(TimeUnit.SECONDS.toNanos(1))).isEqualTo(1);
		assertThat(OrgRateLimiter.retryAfterSeconds(TimeUnit.SECONDS.toNanos(1) + 1)).isEqualTo(2);
		OrgRateLimiter slow = new OrgRateLimiter(1, 1, this.now::get);
		slow.tryAcquire("org");
		this.now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
		assertThat(OrgRateLimiter.retryAfterSeconds(slow.tryAcquire("org"))).isEqualTo(1);
	}

}
