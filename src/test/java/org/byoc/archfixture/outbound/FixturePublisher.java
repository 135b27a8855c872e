package org.byoc.archfixture.outbound;

import org.byoc.archfixture.conversation.FixtureConversation;

/** Breaks "outbound never knows conversations" on purpose (ModuleBoundariesTest). */
public class FixturePublisher {

	public void publish(FixtureConversation conversation) {
		conversation.id();
	}

}
