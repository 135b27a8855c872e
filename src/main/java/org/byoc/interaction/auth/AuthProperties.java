package org.byoc.interaction.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code interactionservice.auth.*}. Unset values have defaults that depend on other properties (data directory,
 * public URL), so they are resolved where they are used.
 *
 * @param audiences accepted {@code aud} values of JWT-bearer assertions; unset means the vendor's login hosts plus
 * the service's own public URL
 * @param tokenSigningKeyFile JWK set with the access-token signing key(s); unset means
 * {@code <data-dir>/keys/access-token-key.json}, generated on first start
 * @param tokenLifetime how long an issued access token stays valid
 */
@ConfigurationProperties("interactionservice.auth")
public record AuthProperties(List<String> audiences, Path tokenSigningKeyFile, @DefaultValue("2h") Duration tokenLifetime) {

}
