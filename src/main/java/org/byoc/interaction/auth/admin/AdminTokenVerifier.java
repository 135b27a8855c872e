package org.byoc.interaction.auth.admin;

import java.nio.file.Path;
import java.time.Clock;

import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import org.byoc.interaction.auth.http.AdminRefusalHandler;
import org.byoc.interaction.auth.http.OrgBearerTokenResolver;
import org.byoc.interaction.auth.token.RevokedTokens;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.InteractionApiException;

/**
 * Checks an {@code Authorization} header value for an admin token by the same {@link AdminTokenDecoder} the
 * management port's resource server uses, for code that holds the header outside the security filters.
 */
public final class AdminTokenVerifier {

	private final JwtDecoder decoder;

	public AdminTokenVerifier(Path publicKeyFile, Clock clock) {
		this(new AdminTokenDecoder(new AdminPublicKeys(publicKeyFile), clock, new RevokedTokens(clock)));
	}

	AdminTokenVerifier(JwtDecoder decoder) {
		this.decoder = decoder;
	}

	/**
	 * Accepts the value of an {@code Authorization} header if it carries a valid admin token.
	 * @throws InteractionApiException with {@link ErrorCode#ADMIN_TOKEN_INVALID} otherwise
	 */
	public void verify(String authorizationHeader) {
		String token = OrgBearerTokenResolver.token(authorizationHeader);
		if (token == null) {
			throw ErrorCode.ADMIN_TOKEN_INVALID.exception(AdminRefusalHandler.TOKEN_REQUIRED);
		}
		try {
			this.decoder.decode(token);
		}
		catch (JwtException ex) {
			throw ErrorCode.ADMIN_TOKEN_INVALID.exception(ex.getMessage());
		}
	}

}
