package org.byoc.interaction.pubsub;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import org.byoc.interaction.outbound.EventLog;

/**
 * Which schemas a subscriber may read: those its own org's topics use or have used. A schema is named after its
 * event ({@code My_Event__e}, topic {@code /event/My_Event__e}), and schema ids are computable from event and field
 * names, so the name alone is not enough: two orgs may define an event of the same name with different fields, and
 * neither may read the other's definition.
 */
final class TopicSchemas {

	private TopicSchemas() {
	}

	static boolean isOfOrgTopic(EventLog eventLog, Subscriber subscriber, String schemaId, String schemaJson) {
		String eventName;
		try {
			eventName = new Schema.Parser().parse(schemaJson).getName();
		}
		catch (SchemaParseException ex) {
			return false;
		}
		return eventLog.topic(subscriber.orgId(), "/event/" + eventName)
			.filter((topic) -> topic.schemaId().equals(schemaId)
					|| eventLog.carriedSchema(topic.orgKey(), topic.topicName(), schemaId))
			.isPresent();
	}

}
