package org.byoc.interaction.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import org.byoc.interaction.auth.token.JwtBearerGrant;

/** What a caller puts into an assertion reaches our log quoted, cut short, and without line breaks or escapes. */
class LoggedClaimsTest {

	@Test
	void whenAnAssertionCarriesAForgedLogLineThenItIsLoggedAsOneQuotedLine() {
		String forged = "3MVG9\n2026-12-03 INFO Issued an access token to admin\u001b[31m";

		String logged = JwtBearerGrant.loggable(forged);

		assertThat(logged).doesNotContain("\n").doesNotContain("\u001b").startsWith("\"3MVG9?2026").endsWith("?[31m\"");
	}

	@Test
	void whenAClaimIsLongThenOnlyItsStartIsLogged() {
		assertThat(JwtBearerGrant.loggable("x".repeat(10_000))).hasSize(105);
	}

}
