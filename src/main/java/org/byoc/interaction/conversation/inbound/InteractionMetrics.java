package org.byoc.interaction.conversation.inbound;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import org.byoc.interaction.setup.OrgIds;

/**
 * {@code interactionservice.interactions}: inbound interactions by org, type (entry type, AttachmentInteraction, or
 * unknown when the json part could not be read), outcome (accepted / refused) and contract code.
 */
@Component
class InteractionMetrics {

	private final MeterRegistry registry;

	/** Counters by their tags: building and registering a meter on every request costs more than counting. */
	private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

	InteractionMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void accepted(String orgId, String type) {
		count(orgId, type, "accepted", "0");
	}

	void refused(String orgId, String type, int code) {
		count(orgId, type, "refused", Integer.toString(code));
	}

	static String typeOf(InteractionRequest request) {
		if (request == null) {
			return "unknown";
		}
		return (request.interaction() instanceof EntryInteraction entry) ? entry.entry().entryType().name()
				: "AttachmentInteraction";
	}

	private void count(String orgId, String type, String outcome, String code) {
		String org = OrgIds.key(orgId);
		this.counters.computeIfAbsent(List.of(org, type, outcome, code), (key) -> Counter
			.builder("interactionservice.interactions")
			.description("Inbound interactions by type, outcome and contract code")
			.tag("org", org)
			.tag("type", type)
			.tag("outcome", outcome)
			.tag("code", code)
			.register(this.registry)).increment();
	}

}
