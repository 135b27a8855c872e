package org.byoc.interaction.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code interactionservice.ratelimit.*}: how many Interaction API requests one org may make (contract §A.1: 2,000
 * requests per second per org).
 *
 * @param requestsPerSecond the sustained rate per org; 0 switches the limit off
 * @param burst how many requests an idle org may send at once; unset means one second's worth
 * @param shared whether the nodes on one database share each org's bucket (in the database); unset means yes when
 * several nodes serve it ({@code interactionservice.cluster.nodes} above 1, PostgreSQL), else the bucket stays in
 * memory
 */
@ConfigurationProperties("interactionservice.ratelimit")
record RateLimitProperties(@DefaultValue("2000") int requestsPerSecond, Integer burst, Boolean shared) {

	RateLimitProperties {
		if (requestsPerSecond < 0) {
			throw new IllegalArgumentException("interactionservice.ratelimit.requests-per-second must not be negative");
		}
		if (burst != null && burst < 1) {
			throw new IllegalArgumentException("interactionservice.ratelimit.burst must be at least 1");
		}
	}

	boolean enabled() {
		return this.requestsPerSecond > 0;
	}

	int effectiveBurst() {
		return (this.burst != null) ? this.burst : this.requestsPerSecond;
	}

}
