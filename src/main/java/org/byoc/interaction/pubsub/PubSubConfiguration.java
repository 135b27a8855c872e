package org.byoc.interaction.pubsub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.byoc.interaction.setup.SelfSignedCertificates;

/**
 * Wiring of the gRPC face: the TLS bundle the server uses
 * ({@code spring.grpc.server.ssl.bundle=interactionservice-pubsub}). Its security is
 * {@link PubSubSecurityConfiguration}'s.
 */
@Configuration(proxyBeanMethods = false)
class PubSubConfiguration {

	static final String TLS_BUNDLE = "interactionservice-pubsub";

	private static final Logger log = LoggerFactory.getLogger(PubSubConfiguration.class);

	@Bean
	SslBundleRegistrar pubSubTlsBundle(PubSubProperties properties,
			@Value("${interactionservice.data-dir:./data}") Path dataDir) {
		return (registry) -> registry.registerBundle(TLS_BUNDLE, tlsBundle(properties.tls(), dataDir));
	}

	private static SslBundle tlsBundle(PubSubProperties.Tls tls, Path dataDir) {
		Path certificate;
		Path key;
		if (tls.configured()) {
			if (tls.certificate() == null || tls.certificate().isBlank() || tls.privateKey() == null
					|| tls.privateKey().isBlank()) {
				throw new IllegalStateException("Set both interactionservice.pubsub.tls.certificate and "
						+ "interactionservice.pubsub.tls.private-key (PEM files), or neither for a generated one");
			}
			certificate = Path.of(tls.certificate());
			key = Path.of(tls.privateKey());
			log.info("gRPC Pub/Sub TLS certificate: {}", certificate.toAbsolutePath().normalize());
		}
		else {
			certificate = dataDir.resolve("tls").resolve("pubsub.crt");
			key = dataDir.resolve("tls").resolve("pubsub.key");
			boolean created = SelfSignedCertificates.createIfAbsent(key, certificate, "localhost", List.of("localhost"),
					List.of("127.0.0.1"));
			log.info("gRPC Pub/Sub TLS: {} self-signed certificate {} (SAN DNS:localhost, IP:127.0.0.1); "
					+ "clients must trust it, or set interactionservice.pubsub.tls.certificate/private-key",
					created ? "generated the" : "using the", certificate.toAbsolutePath().normalize());
		}
		PemSslStoreDetails keyStore = PemSslStoreDetails.forCertificate(read(certificate)).withPrivateKey(read(key));
		return SslBundle.of(new PemSslStoreBundle(keyStore, null));
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the gRPC TLS file " + file, ex);
		}
	}

}
