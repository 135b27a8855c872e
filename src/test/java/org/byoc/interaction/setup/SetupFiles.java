package org.byoc.interaction.setup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/** Lays out the README's example setup file, with a freshly generated certificate beside it, in a test folder. */
public final class SetupFiles {

	private SetupFiles() {
	}

	public static Path newTestDir(String name) {
		Path dir = Path.of("target", "test-data", name + "-" + UUID.randomUUID()).toAbsolutePath();
		try {
			Files.createDirectories(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return dir;
	}

	/** Copies acme-setup.yaml into {@code dir} and writes certs/server.crt (and server.key) next to it. */
	public static Path acmeSetup(Path dir) {
		try (InputStream in = SetupFiles.class.getResourceAsStream("/setup/acme-setup.yaml")) {
			Path file = dir.resolve("acme-setup.yaml");
			Files.write(file, in.readAllBytes());
			SelfSignedCertificates.createIfAbsent(dir.resolve("certs/server.key"), dir.resolve("certs/server.crt"),
					"test app", List.of(), List.of());
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
