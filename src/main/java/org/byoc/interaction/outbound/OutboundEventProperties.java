package org.byoc.interaction.outbound;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code interactionservice.events.*}: how long events are kept, and how quickly the sequencer notices commits made
 * on other nodes (commits on this node wake it at once).
 */
@ConfigurationProperties("interactionservice.events")
record OutboundEventProperties(Duration retention, Duration retentionCheckInterval, Duration pollInterval,
		String defaultCreatedById) {

	public OutboundEventProperties {
		retention = (retention != null) ? retention : Duration.ofHours(72);
		retentionCheckInterval = (retentionCheckInterval != null) ? retentionCheckInterval : Duration.ofMinutes(1);
		pollInterval = (pollInterval != null) ? pollInterval : Duration.ofMillis(50);
		defaultCreatedById = (defaultCreatedById != null && !defaultCreatedById.isBlank()) ? defaultCreatedById
				: "005000000000000AAA";
	}

}
