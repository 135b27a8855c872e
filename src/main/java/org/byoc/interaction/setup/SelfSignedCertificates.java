package org.byoc.interaction.setup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Generates an RSA key and a self-signed certificate as PEM files: what the vendor's README does with openssl for a
 * connected app, done for the user (demo org; a development TLS certificate).
 */
public final class SelfSignedCertificates {

	private SelfSignedCertificates() {
	}

	/**
	 * Writes {@code keyFile} (PKCS#8 PEM, owner-only) and {@code certificateFile} unless both already exist.
	 * @return true when new files were written
	 */
	public static boolean createIfAbsent(Path keyFile, Path certificateFile, String commonName,
			List<String> dnsNames, List<String> ipAddresses) {
		if (Files.exists(keyFile) && Files.exists(certificateFile)) {
			return false;
		}
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			X509Certificate certificate = certificate(pair, commonName, dnsNames, ipAddresses);
			Files.createDirectories(keyFile.toAbsolutePath().getParent());
			Files.createDirectories(certificateFile.toAbsolutePath().getParent());
			writeOwnerOnly(keyFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
			Files.writeString(certificateFile, pem("CERTIFICATE", certificate.getEncoded()), StandardCharsets.US_ASCII);
			return true;
		}
		catch (GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException("Cannot generate a self-signed certificate", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + keyFile + " / " + certificateFile, ex);
		}
	}

	private static X509Certificate certificate(KeyPair pair, String commonName, List<String> dnsNames,
			List<String> ipAddresses) throws GeneralSecurityException, OperatorCreationException, IOException {
		X500Name subject = new X500Name("CN=" + commonName);
		Instant now = Instant.now();
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
				BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
				Date.from(now.plus(Duration.ofDays(3650))), subject, pair.getPublic());
		if (!dnsNames.isEmpty() || !ipAddresses.isEmpty()) {
			GeneralName[] names = new GeneralName[dnsNames.size() + ipAddresses.size()];
			int i = 0;
			for (String dns : dnsNames) {
				names[i++] = new GeneralName(GeneralName.dNSName, dns);
			}
			for (String ip : ipAddresses) {
				names[i++] = new GeneralName(GeneralName.iPAddress, ip);
			}
			builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
		}
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
	}

	private static String pem(String type, byte[] der) {
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
	}

	private static void writeOwnerOnly(Path file, String content) throws IOException {
		Files.writeString(file, content, StandardCharsets.US_ASCII);
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// Not a POSIX file system: the key stays readable as the platform decides.
		}
	}

}
