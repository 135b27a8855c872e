package org.byoc.archfixture.conversation.internal;

/** A module's internal class: its own module may use it, no other (ModuleBoundariesTest). */
public class FixtureRepository {

	public String find() {
		return "x";
	}

}
