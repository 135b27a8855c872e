package org.byoc.interaction.auth.token;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * The one way the service decides who an access token belongs to, on every face: the resource-server
 * {@link AuthenticationManager} over {@link AccessTokenDecoder}, answering {@link AccessTokenAuthentication}. The HTTP
 * chains of the API port and the gRPC Pub/Sub interceptor take it from here. It is deliberately not an
 * {@code AuthenticationManager} bean: the admin token has one of its own, and neither may become the parent the
 * other falls back to.
 */
public final class AccessTokens {

	private final JwtDecoder decoder;

	private final AuthenticationManager authenticationManager;

	public AccessTokens(JwtDecoder decoder) {
		this.decoder = decoder;
		JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
		provider.setJwtAuthenticationConverter(new AccessTokenAuthenticationConverter());
		this.authenticationManager = new ProviderManager(provider);
	}

	public AuthenticationManager authenticationManager() {
		return this.authenticationManager;
	}

	JwtDecoder decoder() {
		return this.decoder;
	}

}
