package org.byoc.interaction.setup;

import java.util.List;

/** A whole setup: what the setup YAML file and the admin API's {@code /admin/api/setup} carry. */
public record SetupDocument(List<Org> orgs) {

	public SetupDocument {
		orgs = List.copyOf(orgs);
	}

}
