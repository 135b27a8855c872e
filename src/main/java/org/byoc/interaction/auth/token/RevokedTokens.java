package org.byoc.interaction.auth.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Admin tokens signed out of the console: refused until they expire, after which the signature check refuses them
 * anyway and they are forgotten. Kept by their SHA-256, so the tokens themselves are not stored. With a database
 * (the service's wiring) sign-outs are written to the table {@code revoked_admin_token}, so they survive a restart.
 * Several nodes read the table on every check, so a sign-out on one node holds on every node at once; a single node
 * reads it once and then knows every sign-out itself, which spares each admin call a database round trip. Without
 * a database (tools, tests) the list stays in memory. While the database does not answer, the node's own sign-outs
 * still hold and the request goes on to be answered 503 by whatever it needs from the database, rather than 500
 * from the check.
 */
public final class RevokedTokens {

	private final Clock clock;

	private final @Nullable JdbcClient jdbc;

	private final boolean shared;

	private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

	private volatile boolean loaded;

	public RevokedTokens(Clock clock) {
		this(clock, null, false);
	}

	/** {@code shared}: other nodes sign tokens out in the same database (read it on every check). */
	public RevokedTokens(Clock clock, @Nullable JdbcClient jdbc, boolean shared) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.shared = shared;
	}

	public void revoke(String token, Instant until) {
		Instant now = this.clock.instant();
		String hash = hash(token);
		this.revoked.values().removeIf((expiry) -> !now.isBefore(expiry));
		this.revoked.put(hash, until);
		if (this.jdbc != null) {
			this.jdbc.sql("delete from revoked_admin_token where expires_at <= ?").param(now.toEpochMilli()).update();
			try {
				this.jdbc.sql("insert into revoked_admin_token (token_hash, expires_at) values (?, ?)")
					.params(hash, until.toEpochMilli())
					.update();
			}
			catch (DuplicateKeyException alreadySignedOut) {
				// signed out twice (two tabs, two nodes): once is enough
			}
		}
	}

	public boolean isRevoked(String token) {
		if (this.jdbc != null && !this.shared) {
			load(this.jdbc);
		}
		else if (this.jdbc != null) {
			try {
				return this.jdbc.sql("select count(*) from revoked_admin_token where token_hash = ? and expires_at > ?")
					.params(hash(token), this.clock.millis())
					.query(Long.class)
					.single() > 0;
			}
			catch (DataAccessException databaseAway) {
				return isRevokedHere(token);
			}
		}
		return isRevokedHere(token);
	}

	/** The sign-outs made before this node started; tried again on the next check while the database is away. */
	private void load(JdbcClient database) {
		if (this.loaded) {
			return;
		}
		synchronized (this) {
			if (this.loaded) {
				return;
			}
			try {
				database.sql("select token_hash, expires_at from revoked_admin_token where expires_at > ?")
					.param(this.clock.millis())
					.query((rs, row) -> this.revoked.putIfAbsent(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))))
					.list();
				this.loaded = true;
			}
			catch (DataAccessException databaseAway) {
				// this node's own sign-outs hold meanwhile
			}
		}
	}

	private boolean isRevokedHere(String token) {
		if (this.revoked.isEmpty()) {
			return false;
		}
		Instant until = this.revoked.get(hash(token));
		return until != null && this.clock.instant().isBefore(until);
	}

	private static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.strip().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
