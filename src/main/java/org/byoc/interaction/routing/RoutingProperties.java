package org.byoc.interaction.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code interactionservice.routing.*}: how long a rep has to accept work the router offered before it goes back to
 * the queue (the vendor's push time-out; 60 s), and how often each node looks for time-outs and waiting work.
 */
@ConfigurationProperties("interactionservice.routing")
record RoutingProperties(Duration offerTimeout, Duration sweepInterval) {

	RoutingProperties {
		offerTimeout = (offerTimeout != null) ? offerTimeout : Duration.ofSeconds(60);
		sweepInterval = (sweepInterval != null) ? sweepInterval : Duration.ofSeconds(1);
		if (offerTimeout.isNegative() || offerTimeout.isZero()) {
			throw new IllegalArgumentException("interactionservice.routing.offer-timeout must be positive");
		}
	}

}
