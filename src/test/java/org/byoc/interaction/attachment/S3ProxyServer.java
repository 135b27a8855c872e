package org.byoc.interaction.attachment;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * S3Proxy in this JVM with signature checks on and a filesystem backend (so stored objects do not sit in the heap
 * the heap test measures). One shared server per test JVM, started on first use; {@link #startNew()} gives a
 * private one a test may stop.
 */
final class S3ProxyServer {

	static final String ACCESS_KEY = "test";

	static final String SECRET_KEY = "test-secret";

	private static S3Proxy shared;

	private S3ProxyServer() {
	}

	static synchronized URI sharedEndpoint() {
		useTestCredentials();
		if (shared == null) {
			shared = startNew();
		}
		return endpoint(shared);
	}

	static URI endpoint(S3Proxy proxy) {
		return URI.create("http://127.0.0.1:" + proxy.getPort());
	}

	static S3Proxy startNew() {
		useTestCredentials();
		try {
			Path dir = Files.createDirectories(Path.of("target", "test-data", "s3proxy-" + UUID.randomUUID()));
			Properties properties = new Properties();
			properties.setProperty("jclouds.filesystem.basedir", dir.toAbsolutePath().toString());
			S3Proxy proxy = S3Proxy.builder()
				.blobStore(BlobStores.create("filesystem", properties))
				.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
				.endpoint(URI.create("http://127.0.0.1:0"))
				.build();
			proxy.start();
			long deadline = System.nanoTime() + 10_000_000_000L;
			while (!"STARTED".equals(proxy.getState())) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("S3Proxy did not start");
				}
				Thread.sleep(5);
			}
			return proxy;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not start S3Proxy", ex);
		}
	}

	/**
	 * The store takes credentials from the SDK's default chain, whose first source is these system properties;
	 * every S3 test in this JVM uses the same pair, LocalStack included (it accepts any).
	 */
	static void useTestCredentials() {
		System.setProperty("aws.accessKeyId", ACCESS_KEY);
		System.setProperty("aws.secretAccessKey", SECRET_KEY);
	}

}
