package org.byoc.interaction.conversation.inbound;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The validated {@code json} part of {@code POST /api/v1/interactions}: the channel address {@code to}, the end
 * user's client id {@code from}, the routing attributes as sent (check them against the channel with
 * {@link RoutingAttributes#check}), and the single interaction.
 */
public record InteractionRequest(String to, String from, Map<String, String> routingAttributes,
		Interaction interaction) {

	public InteractionRequest {
		Objects.requireNonNull(to, "to");
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(interaction, "interaction");
		routingAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(routingAttributes));
	}

}
