package org.byoc.interaction.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock every test application context uses instead of the system clock (see {@link TestClockAutoConfiguration}):
 * it runs with the system clock, shifted by whatever tests added, so a test lets time pass without sleeping.
 */
public final class TestClock extends Clock {

	private static final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

	/** Lets {@code duration} pass at once, for every context of the test JVM. */
	public static void advance(Duration duration) {
		offset.accumulateAndGet(duration, Duration::plus);
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(offset.get());
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
