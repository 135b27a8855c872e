package org.byoc.interaction.outbound;

/**
 * How many subscribers are reading a topic right now (open Subscribe streams, on this node). The Pub/Sub face
 * counts them; operators' views read the count here, so they need not know the face.
 */
public interface LiveSubscribers {

	/** Open subscriptions to the topic ({@code /event/<Name>__e}) of the org with this 15-character key. */
	int count(String orgKey, String topicName);

}
