package org.byoc.archfixture.conversation;

import org.byoc.archfixture.conversation.internal.FixtureRepository;
import org.byoc.archfixture.outbound.FixtureEvent;

/** Uses only allowed arrows (conversation → outbound) and its own module's internal package. */
public class FixtureConversation {

	public String id() {
		return new FixtureEvent("x").payload() + new FixtureRepository().find();
	}

}
