package org.byoc.archfixture.setup;

import org.byoc.archfixture.conversation.FixtureConversation;

/** Breaks "setup depends on nothing" on purpose (ModuleBoundariesTest). */
public class FixtureOrg {

	public String conversationOf(FixtureConversation conversation) {
		return conversation.id();
	}

}
