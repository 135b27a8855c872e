package org.byoc.interaction.auth;

import java.nio.file.Path;
import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.context.annotation.Bean;

import org.byoc.interaction.web.ErrorResponses;

/**
 * The admin token filter of the management port. It lives in the management child context (listed in
 * META-INF/spring/...ManagementContextConfiguration.imports), so its filter is registered on the management server
 * only and never touches the partner API port.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
public class AdminSecurityConfiguration {

	static final String DEFAULT_PUBLIC_KEY = "config/admin/admin_public.pem";

	@Bean
	AdminTokenVerifier adminTokenVerifier(
			@Value("${interactionservice.admin.public-key:" + DEFAULT_PUBLIC_KEY + "}") Path publicKey) {
		return new AdminTokenVerifier(publicKey, Clock.systemUTC());
	}

	@Bean
	AdminTokenFilter adminTokenFilter(AdminTokenVerifier verifier, ErrorResponses errors,
			ObjectProvider<PathMappedEndpoints> endpoints) {
		PathMappedEndpoints mapped = endpoints.getIfAvailable();
		String health = (mapped != null) ? mapped.getPath(EndpointId.of("health")) : null;
		return new AdminTokenFilter(verifier, errors, (health != null) ? health : "/actuator/health");
	}

}
