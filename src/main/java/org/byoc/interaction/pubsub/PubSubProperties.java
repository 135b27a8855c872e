package org.byoc.interaction.pubsub;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code interactionservice.pubsub.*}: the keepalive interval of idle Subscribe streams (the vendor's clients expect
 * one at least every 270 s) and the TLS certificate and PKCS#8 private key (PEM files) of the gRPC port. With no
 * certificate configured, a self-signed one for localhost is generated into the data directory.
 */
@ConfigurationProperties("interactionservice.pubsub")
record PubSubProperties(Duration keepaliveInterval, Tls tls) {

	static final Duration MAX_KEEPALIVE = Duration.ofSeconds(270);

	public PubSubProperties {
		keepaliveInterval = (keepaliveInterval != null) ? keepaliveInterval : MAX_KEEPALIVE;
		if (keepaliveInterval.isNegative() || keepaliveInterval.isZero() || keepaliveInterval.compareTo(MAX_KEEPALIVE) > 0) {
			throw new IllegalArgumentException("interactionservice.pubsub.keepalive-interval must be more than 0 and at most "
					+ "270s (the vendor's clients give up on a silent stream after that), was " + keepaliveInterval);
		}
		tls = (tls != null) ? tls : new Tls(null, null);
	}

	public record Tls(String certificate, String privateKey) {

		boolean configured() {
			return has(this.certificate) || has(this.privateKey);
		}

		private static boolean has(String value) {
			return value != null && !value.isBlank();
		}

	}

}
