package org.byoc.interaction.journal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.SetupDirectory;

/**
 * Which orgs are strict: the setup's {@code strict:} unless the admin API switched it since (in memory, per node;
 * applying a setup again keeps the switch).
 */
@Component
public class StrictModes {

	private final SetupDirectory setup;

	private final Map<String, Boolean> switched = new ConcurrentHashMap<>();

	StrictModes(SetupDirectory setup) {
		this.setup = setup;
	}

	/** @param orgKey the org's 15-character key */
	public boolean isStrict(String orgKey) {
		Boolean strict = this.switched.get(orgKey);
		if (strict != null) {
			return strict;
		}
		return this.setup.org(orgKey).map(Org::testKit).map(Org.TestKit::strict).orElse(false);
	}

	void switchTo(String orgKey, boolean strict) {
		this.switched.put(orgKey, strict);
	}

}
