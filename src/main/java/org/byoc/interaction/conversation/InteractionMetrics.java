package org.byoc.interaction.conversation;

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
		Counter.builder("interactionservice.interactions")
			.description("Inbound interactions by type, outcome and contract code")
			.tag("org", OrgIds.key(orgId))
			.tag("type", type)
			.tag("outcome", outcome)
			.tag("code", code)
			.register(this.registry)
			.increment();
	}

}
