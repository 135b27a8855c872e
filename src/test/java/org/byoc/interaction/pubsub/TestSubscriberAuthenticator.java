package org.byoc.interaction.pubsub;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.byoc.interaction.setup.OrgIds;

/**
 * TEST ONLY, until the auth module's access-token verifier is on main: tokens shaped like ours
 * ({@code <orgId15>!<opaque>}) that this authenticator issued itself. The interceptor's tenant comparison, metadata
 * handling and error trailers are the real ones.
 */
final class TestSubscriberAuthenticator implements SubscriberAuthenticator {

	private final Map<String, Subscriber> issued = new ConcurrentHashMap<>();

	String issue(String orgId, String userId) {
		String token = OrgIds.key(orgId) + "!" + UUID.randomUUID();
		this.issued.put(token, new Subscriber(orgId, OrgIds.key(orgId), userId));
		return token;
	}

	@Override
	public Optional<Subscriber> authenticate(String accessToken) {
		return Optional.ofNullable(this.issued.get(accessToken));
	}

}
