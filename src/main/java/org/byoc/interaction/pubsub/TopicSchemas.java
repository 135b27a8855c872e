package org.byoc.interaction.pubsub;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import org.byoc.interaction.outbound.EventLog;

/**
 * Which schemas a subscriber may read: those of events its own org has a topic for. A schema is named after its
 * event ({@code My_Event__e}, topic {@code /event/My_Event__e}); schema ids are computable from event and field names,
 * so without this check any org could read another org's event definitions.
 */
final class TopicSchemas {

	private TopicSchemas() {
	}

	static boolean isOfOrgTopic(EventLog eventLog, Subscriber subscriber, String schemaJson) {
		try {
			String eventName = new Schema.Parser().parse(schemaJson).getName();
			return eventLog.topic(subscriber.orgId(), "/event/" + eventName).isPresent();
		}
		catch (SchemaParseException ex) {
			return false;
		}
	}

}
