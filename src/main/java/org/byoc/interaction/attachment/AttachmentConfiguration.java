package org.byoc.interaction.attachment;

import java.nio.file.Path;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.StringUtils;

import org.byoc.interaction.setup.cluster.ClusterMode;

/**
 * Chooses the attachment store: S3 when {@code interactionservice.inbound.files.bucket} is set, otherwise the
 * filesystem under the data directory, which several nodes may use only when it is declared shared.
 */
@Configuration(proxyBeanMethods = false)
class AttachmentConfiguration {

	private static final Logger log = LoggerFactory.getLogger(AttachmentConfiguration.class);

	@Bean
	SignedLinks attachmentSignedLinks(@Value("${interactionservice.data-dir}") Path dataDir,
			InboundFilesProperties files, Environment environment) {
		byte[] key = SignedLinks.loadOrCreateKey(dataDir.resolve("keys").resolve("attachment-links.key"));
		return new SignedLinks(key, () -> publicBaseUrl(environment), files.presignTtl(), Clock.systemUTC());
	}

	@Bean
	AttachmentStore attachmentStore(InboundFilesProperties files, @Value("${interactionservice.data-dir}") Path dataDir,
			SignedLinks links, ClusterMode cluster,
			@Value("${interactionservice.inbound.files.shared-directory:false}") boolean sharedDirectory) {
		if (files.usesS3()) {
			log.info("Attachments go to S3 bucket {} (region {}{})", files.bucket(), files.region(),
					(files.endpoint() != null) ? ", endpoint " + files.endpoint() : "");
			return S3AttachmentStore.create(files);
		}
		Path root = dataDir.resolve("attachments");
		if (cluster.multiNode() && !sharedDirectory) {
			// a file received on one node would be missing on the others: refuse rather than lose it later
			throw new IllegalStateException("Several nodes (interactionservice.cluster.nodes=" + cluster.nodes()
					+ ") cannot keep files in the node's own folder " + root.toAbsolutePath().normalize()
					+ ": store them in S3 (interactionservice.inbound.files.bucket), or mount one folder on every node"
					+ " as the data directory and declare it with interactionservice.inbound.files.shared-directory=true"
					+ " (docs/operations.md, Several nodes).");
		}
		log.info("Attachments go to the filesystem under {}", root.toAbsolutePath().normalize());
		return new FileSystemAttachmentStore(root, links);
	}

	@Bean
	Attachments attachments(AttachmentStore store, AttachmentProperties limits, InboundFilesProperties files,
			JdbcClient jdbc, io.micrometer.core.instrument.MeterRegistry meters) {
		AttachmentReceiver receiver = new AttachmentReceiver(store, new ContentTypes(), limits.maxSize().toBytes(),
				files.prefix(), Clock.systemUTC());
		return new Attachments(receiver, store, new AttachmentRepository(jdbc), meters);
	}

	/**
	 * Links must point at the API port as partners reach it. Behind a proxy set
	 * {@code interactionservice.public-url}; otherwise the link names this host and the port the server got.
	 */
	private static String publicBaseUrl(Environment environment) {
		String configured = environment.getProperty("interactionservice.public-url");
		if (StringUtils.hasText(configured)) {
			return configured;
		}
		String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8085"));
		return "http://localhost:" + port;
	}

}
