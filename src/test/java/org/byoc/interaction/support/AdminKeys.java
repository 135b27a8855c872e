package org.byoc.interaction.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Runs the real generate_admin_key.sh (as an operator would) and mints variations of its tokens. */
public final class AdminKeys {

	/** The repository root: surefire runs tests with the project directory as working directory. */
	public static final Path SCRIPT = Path.of("generate_admin_key.sh").toAbsolutePath();

	private AdminKeys() {
	}

	public static Path freshDir(String purpose) {
		return Path.of("target", "test-data", purpose + "-" + UUID.randomUUID()).toAbsolutePath();
	}

	public record ScriptRun(int exitCode, String stdout, String stderr) {

		/** The token: the script's last line on standard output. */
		public String token() {
			String[] lines = this.stdout.strip().split("\n");
			return lines[lines.length - 1].strip();
		}

	}

	/** Runs the script in {@code workingDir} with the given arguments, as an operator would from a shell. */
	public static ScriptRun run(Path workingDir, String... args) {
		try {
			Files.createDirectories(workingDir);
			List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
			command.addAll(List.of(args));
			Path stderr = Files.createTempFile(workingDir, "stderr", ".txt");
			Process process = new ProcessBuilder(command).directory(workingDir.toFile())
				.redirectError(stderr.toFile())
				.start();
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("generate_admin_key.sh " + String.join(" ", args) + " hung");
			}
			String err = Files.readString(stderr);
			Files.delete(stderr);
			return new ScriptRun(process.exitValue(), out, err);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Runs the script and answers the printed token, failing if the script fails. */
	public static String runScript(Path workingDir, String... args) {
		ScriptRun run = run(workingDir, args);
		if (run.exitCode() != 0) {
			throw new IllegalStateException("generate_admin_key.sh " + String.join(" ", args) + " failed: "
					+ run.stderr());
		}
		return run.token();
	}

	public static String tokenFor(Path keyDir, String ttl) {
		return runScript(keyDir.getParent(), "--dir", keyDir.toString(), "--ttl", ttl);
	}

	public static PrivateKey privateKey(Path keyDir) {
		try {
			String pem = Files.readString(keyDir.resolve("admin_private.pem"), StandardCharsets.US_ASCII);
			String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "");
			byte[] der = Base64.getMimeDecoder().decode(base64);
			return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String mint(Path keyDir, String subject, String scope, Instant expiry) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject)
			.issueTime(java.util.Date.from(Instant.now().minusSeconds(7200)));
		if (scope != null) {
			claims.claim("scope", scope);
		}
		if (expiry != null) {
			claims.expirationTime(java.util.Date.from(expiry));
		}
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
		try {
			jwt.sign(new RSASSASigner(privateKey(keyDir)));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

}
