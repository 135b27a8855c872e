package org.byoc.interaction.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL (zonky embedded binaries, no Docker) started once per test JVM; each caller gets a database
 * of its own so test classes never see each other's rows.
 */
public final class EmbeddedPostgres {

	private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

	private EmbeddedPostgres() {
	}

	/** Creates a fresh database and points {@code spring.datasource.*} at it. */
	public static void registerNewDatabase(DynamicPropertyRegistry registry) {
		String database = createDatabase();
		registry.add("spring.datasource.url", () -> server().getJdbcUrl("postgres", database));
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
	}

	/** Creates a fresh database; answers the command-line arguments that point the service at it. */
	public static String[] newDatabaseArguments() {
		String database = createDatabase();
		return new String[] { "--spring.datasource.url=" + server().getJdbcUrl("postgres", database),
				"--spring.datasource.username=postgres", "--spring.datasource.password=" };
	}

	/** A fresh, empty database on the shared server; answers its name. */
	public static String newDatabase() {
		return createDatabase();
	}

	/** The port the shared server listens on (localhost, user postgres, no password). */
	public static int port() {
		return server().getPort();
	}

	private static String createDatabase() {
		String database = "it_" + UUID.randomUUID().toString().replace("-", "");
		try (Connection connection = server().getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create database " + database);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create test database " + database, ex);
		}
		return database;
	}

	private static synchronized io.zonky.test.db.postgres.embedded.EmbeddedPostgres server() {
		if (server == null) {
			try {
				server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot start embedded PostgreSQL", ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					server.close();
				}
				catch (IOException ex) {
					// the JVM is going away; the temporary cluster directory is removed by zonky
				}
			}));
		}
		return server;
	}

}
