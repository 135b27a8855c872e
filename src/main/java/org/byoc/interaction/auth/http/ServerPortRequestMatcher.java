package org.byoc.interaction.auth.http;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Tells the partner API port from the management port by the port a request arrived on. One filter chain proxy
 * serves both servers (the management server registers the main context's), so paths cannot tell them apart: an
 * admin path on the API port must meet the API port's rules, and the other way round. Until a server has reported
 * its port, no request matches it, so a request in that moment falls through to the deny-all chain.
 */
public final class ServerPortRequestMatcher implements RequestMatcher, ApplicationListener<WebServerInitializedEvent> {

	/** The server namespace Spring Boot gives the management server. */
	static final String MANAGEMENT = "management";

	private final boolean management;

	private volatile int port = -1;

	private ServerPortRequestMatcher(boolean management) {
		this.management = management;
	}

	/** The partner API server ({@code server.port}, 8085 by default). */
	public static ServerPortRequestMatcher apiPort() {
		return new ServerPortRequestMatcher(false);
	}

	/** The management server ({@code management.server.port}, 7080 by default). */
	public static ServerPortRequestMatcher managementPort() {
		return new ServerPortRequestMatcher(true);
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		boolean isManagement = MANAGEMENT.equals(event.getApplicationContext().getServerNamespace());
		if (isManagement == this.management) {
			this.port = event.getWebServer().getPort();
		}
	}

	@Override
	public boolean matches(HttpServletRequest request) {
		int known = this.port;
		return known > 0 && request.getLocalPort() == known;
	}

	@Override
	public String toString() {
		return (this.management ? "management" : "API") + " port " + this.port;
	}

}
