package org.byoc.interaction.conversation;

import java.util.Map;

/**
 * Published (synchronously, inside the recording transaction) when an end user's entry is recorded for the first
 * time, so other modules can react without the conversation module knowing them: e.g. routing opens a pending
 * service routing for a Salesforce-routed channel. A listener's failure rolls the entry back.
 *
 * @param routingAttributes the request's routing attributes, checked against the channel's variables
 */
public record EndUserEntryRecorded(String orgId, String channelDeveloperName, Conversation conversation,
		TranscriptEntry entry, Map<String, String> routingAttributes) {

}
