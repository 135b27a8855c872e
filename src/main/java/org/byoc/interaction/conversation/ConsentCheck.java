package org.byoc.interaction.conversation;

/**
 * Whether anything may be sent to a conversation's end user: not after they opted out on its channel address
 * (15103). Consent is kept by routing, which depends on this module; senders here (bots) ask through this port.
 */
public interface ConsentCheck {

	/** Refuses with 15103 when the end user opted out of messages on the conversation's channel address. */
	void requireOptedIn(Conversation conversation);

}
