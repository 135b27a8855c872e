package org.byoc.interaction.setup;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/** PEM X.509 certificates of connected apps. */
public final class Certificates {

	private Certificates() {
	}

	public static boolean looksLikePem(String value) {
		return value.contains("-----BEGIN CERTIFICATE-----");
	}

	/** Parses a PEM certificate; throws {@link IllegalArgumentException} with a readable reason. */
	public static X509Certificate parse(String pem) {
		try {
			CertificateFactory factory = CertificateFactory.getInstance("X.509");
			return (X509Certificate) factory
				.generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (CertificateException | RuntimeException ex) {
			throw new IllegalArgumentException("is not a readable PEM X.509 certificate");
		}
	}

}
