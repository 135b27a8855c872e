package org.byoc.interaction.auth.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.core.env.Environment;

/**
 * The service's public base URL ({@code interactionservice.public-url}) and the assertion audiences it accepts.
 * Without a configured URL the base is {@code http://localhost:<port>}, read late so that the port is the one the
 * server actually bound (a random port in tests, {@code server.port=0}).
 */
public final class ServiceUrls {

	static final List<String> VENDOR_LOGIN_AUDIENCES = List.of("https://login.salesforce.com",
			"https://test.salesforce.com");

	private final Environment environment;

	private final List<String> configuredAudiences;

	public ServiceUrls(Environment environment, List<String> configuredAudiences) {
		this.environment = environment;
		this.configuredAudiences = (configuredAudiences == null) ? List.of()
				: configuredAudiences.stream().map(String::trim).filter((a) -> !a.isEmpty()).toList();
	}

	String publicUrl() {
		String configured = this.environment.getProperty("interactionservice.public-url");
		if (configured != null && !configured.isBlank()) {
			return withoutTrailingSlash(configured.trim());
		}
		String port = this.environment.getProperty("local.server.port",
				this.environment.getProperty("server.port", "8085"));
		return "http://localhost:" + port;
	}

	List<String> acceptedAudiences() {
		if (!this.configuredAudiences.isEmpty()) {
			return this.configuredAudiences;
		}
		List<String> audiences = new ArrayList<>(VENDOR_LOGIN_AUDIENCES);
		audiences.add(publicUrl());
		return audiences;
	}

	/** Hosts are case-insensitive and a trailing slash is a common slip, so neither makes an audience differ. */
	boolean isAcceptedAudience(String audience) {
		String candidate = normalize(audience);
		return acceptedAudiences().stream().anyMatch((a) -> normalize(a).equals(candidate));
	}

	private static String normalize(String url) {
		return withoutTrailingSlash(url.trim()).toLowerCase(Locale.ROOT);
	}

	private static String withoutTrailingSlash(String url) {
		String result = url;
		while (result.endsWith("/")) {
			result = result.substring(0, result.length() - 1);
		}
		return result;
	}

}
