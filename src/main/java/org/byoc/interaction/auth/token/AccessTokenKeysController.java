package org.byoc.interaction.auth.token;

import java.time.Instant;

import org.springframework.web.bind.annotation.PostMapping;

import org.byoc.interaction.auth.AuthProperties;
import org.byoc.interaction.web.AdminEndpoint;

/**
 * Rotating the access-token signing key from the admin API: a new key signs from now on, the previous one keeps
 * verifying for one token lifetime. Every node sharing the key file follows within a second.
 */
@AdminEndpoint
class AccessTokenKeysController {

	private final AccessTokenKeys keys;

	private final AuthProperties properties;

	AccessTokenKeysController(AccessTokenKeys keys, AuthProperties properties) {
		this.keys = keys;
		this.properties = properties;
	}

	@PostMapping("/admin/api/access-token-keys/rotate")
	Rotated rotate() {
		String previous = this.keys.signingKey().getKeyID();
		String signing = this.keys.rotate(this.properties.tokenLifetime());
		return new Rotated(signing, previous, Instant.now().plus(this.properties.tokenLifetime()).toString());
	}

	/**
	 * @param signingKey the {@code kid} new tokens carry
	 * @param previousKey the {@code kid} that only verifies now
	 * @param previousKeyRetiresAt when the previous key stops verifying (its last token has expired by then)
	 */
	record Rotated(String signingKey, String previousKey, String previousKeyRetiresAt) {
	}

}
