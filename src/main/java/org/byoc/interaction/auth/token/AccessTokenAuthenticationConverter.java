package org.byoc.interaction.auth.token;

import java.util.Arrays;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.jwt.Jwt;

import org.byoc.interaction.setup.OrgIds;

/** Turns a decoded access token into the caller the partner faces work with. */
final class AccessTokenAuthenticationConverter implements Converter<Jwt, AccessTokenAuthentication> {

	@Override
	public AccessTokenAuthentication convert(Jwt jwt) {
		return new AccessTokenAuthentication(principal(jwt), jwt.getTokenValue());
	}

	static AccessTokenPrincipal principal(Jwt jwt) {
		String orgId = jwt.getClaimAsString(AccessTokenIssuer.CLAIM_ORG);
		return new AccessTokenPrincipal(orgId, OrgIds.key(orgId), jwt.getClaimAsString(AccessTokenIssuer.CLAIM_USER_ID),
				jwt.getSubject(), jwt.getClaimAsString(AccessTokenIssuer.CLAIM_CLIENT_ID),
				Arrays.stream(jwt.getClaimAsString(AccessTokenIssuer.CLAIM_SCOPE).split(" "))
					.filter((s) -> !s.isEmpty())
					.toList(),
				jwt.getExpiresAt());
	}

}
