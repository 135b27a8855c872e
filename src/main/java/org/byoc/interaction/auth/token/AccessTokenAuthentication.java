package org.byoc.interaction.auth.token;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A verified access token as Spring Security sees it: the {@link AccessTokenPrincipal} it speaks for, with one
 * {@code SCOPE_<scope>} authority per granted scope. Controllers of the partner faces take the principal with
 * {@code @AuthenticationPrincipal AccessTokenPrincipal}.
 */
public final class AccessTokenAuthentication extends AbstractAuthenticationToken {

	/** The authority of the scope every Interaction API call (and every Pub/Sub call) needs. */
	public static final String INTERACTION_API = "SCOPE_" + AccessTokenPrincipal.INTERACTION_API_SCOPE;

	private final AccessTokenPrincipal principal;

	private final String token;

	AccessTokenAuthentication(AccessTokenPrincipal principal, String token) {
		super(principal.scopes().stream().map((scope) -> new SimpleGrantedAuthority("SCOPE_" + scope)).toList());
		this.principal = principal;
		this.token = token;
		setAuthenticated(true);
	}

	@Override
	public AccessTokenPrincipal getPrincipal() {
		return this.principal;
	}

	@Override
	public String getCredentials() {
		return this.token;
	}

	@Override
	public String getName() {
		return this.principal.username();
	}

	/** The scopes, as the token granted them. */
	public List<String> scopes() {
		return this.principal.scopes();
	}

}
