package org.byoc.interaction.setup.cluster;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How many nodes the operator says serve this database ({@code interactionservice.cluster.nodes}, default 1). With
 * more than one, what nodes must agree on goes through the database (signals, the shared rate limit), and what a
 * node keeps on its own disk must be shared or elsewhere: each such store checks {@link #multiNode()} at start and
 * refuses to start otherwise. H2 (a file of one process) refuses at once. A single node keeps all of it in memory
 * and pays no database round trip for it.
 */
@Component
public class ClusterMode {

	private final int nodes;

	ClusterMode(@Value("${interactionservice.cluster.nodes:1}") int nodes, DataSource dataSource) {
		if (nodes < 1) {
			throw new IllegalStateException("interactionservice.cluster.nodes must be at least 1, not " + nodes);
		}
		if (nodes > 1 && !isPostgres(dataSource)) {
			throw new IllegalStateException("interactionservice.cluster.nodes=" + nodes
					+ " needs a database the nodes share: the embedded H2 file belongs to one process. Point"
					+ " spring.datasource.url at PostgreSQL (docs/operations.md, Several nodes).");
		}
		this.nodes = nodes;
	}

	private static boolean isPostgres(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot inspect the database for the cluster mode", ex);
		}
	}

	public int nodes() {
		return this.nodes;
	}

	/** Several nodes share the database: node-local state must be shared too. */
	public boolean multiNode() {
		return this.nodes > 1;
	}

}
