package org.byoc.interaction.setup;

import java.util.List;
import java.util.Map;

/**
 * Applying and exporting setups: used at start-up (setup file, demo org) and by the admin API. A setup applies
 * idempotently, org by org: an org whose content did not change is left untouched.
 */
public interface SetupAdministration {

	/** Parses a YAML or JSON setup text; relative certificate paths resolve against {@code baseDir}. */
	SetupDocument parse(String text, java.nio.file.Path baseDir, String sourceName);

	ApplyResult apply(SetupDocument document);

	SetupDocument export();

	/**
	 * Changes one org's setup as a tree (the setup file's keys) and applies the result with every check an applied
	 * setup gets; changes of one node never interleave. Returns the org as applied.
	 * @throws SetupValidationException when the org does not exist or the changed setup is invalid
	 */
	Org updateOrg(String orgId, java.util.function.UnaryOperator<Map<String, Object>> change, String sourceName);

	/** The document as plain maps and lists, keyed as in the setup file, ready to be written as YAML or JSON. */
	Map<String, Object> toTree(SetupDocument document);

	record ApplyResult(List<String> createdOrgs, List<String> updatedOrgs, List<String> unchangedOrgs) {

		public boolean changedNothing() {
			return this.createdOrgs.isEmpty() && this.updatedOrgs.isEmpty();
		}

	}

}
