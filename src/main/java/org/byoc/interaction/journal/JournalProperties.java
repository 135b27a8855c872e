package org.byoc.interaction.journal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.jspecify.annotations.Nullable;

/**
 * {@code interactionservice.journal.*}: whether partner calls are journaled, and how many the journal keeps per
 * org (the oldest go first). Faults and strict mode work either way.
 */
@ConfigurationProperties("interactionservice.journal")
record JournalProperties(@Nullable Boolean enabled, @Nullable Integer size) {

	static final int DEFAULT_SIZE = 1000;

	JournalProperties {
		enabled = (enabled != null) ? enabled : Boolean.TRUE;
		size = (size != null && size > 0) ? size : DEFAULT_SIZE;
	}

}
