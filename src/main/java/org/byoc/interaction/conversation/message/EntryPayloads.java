package org.byoc.interaction.conversation.message;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The fields every entry payload opens with (§D.5). */
final class EntryPayloads {

	private EntryPayloads() {
	}

	static ObjectNode start(Entry entry) {
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		payload.put("entryType", entry.entryType().name());
		payload.put("id", entry.id());
		return payload;
	}

}
