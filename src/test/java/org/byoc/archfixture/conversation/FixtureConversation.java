package org.byoc.archfixture.conversation;

import org.byoc.archfixture.outbound.FixtureEvent;

/** Uses only allowed arrows (conversation → outbound). */
public class FixtureConversation {

	public String id() {
		return new FixtureEvent("x").payload();
	}

}
