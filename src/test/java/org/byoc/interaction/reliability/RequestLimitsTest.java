package org.byoc.interaction.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import org.byoc.interaction.support.Multipart;
import org.byoc.interaction.support.PartnerApiTestBase;
import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests built to exhaust the service: many parts, a huge or deeply nested {@code json} part, an oversized part
 * header, a stalled upload, a polyglot file. Each gets the contract's 4xx code in bounded time, never a 500, and
 * the service goes on serving. The read timeout is 2 s here so the stalled upload stays short (20 s by default).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "server.tomcat.connection-timeout=2s")
class RequestLimitsTest extends PartnerApiTestBase {

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

	@Autowired
	JdbcClient jdbc;

	private String token;

	private String token() {
		if (this.token == null) {
			this.token = accessToken(partner());
		}
		return this.token;
	}

	private static PartnerFixture.App partner() {
		return fixture.partnerA();
	}

	@Test
	void whenTheBodyHasAThousandPartsThenItIsRefusedWith10089() {
		String id = UUID.randomUUID().toString();
		Multipart body = Multipart.of().json(message(newEndUser(), id, "many parts"));
		for (int i = 0; i < 999; i++) {
			body.field("extra" + i, null, "x".getBytes(StandardCharsets.US_ASCII));
		}
		assertRefused(post(body), 400, 10089, "parts");
		assertThat(entries(id)).isZero();
	}

	@Test
	void whenAThousandFilesAreAttachedThenItIsRefusedWith10089() {
		String id = UUID.randomUUID().toString();
		Multipart body = Multipart.of().json(attachment(newEndUser(), id, 8));
		for (int i = 0; i < 1000; i++) {
			body.file("attachments", "f" + i + ".png", "image/png", PNG_SIGNATURE);
		}
		assertRefused(post(body), 400, 10089, "parts");
		assertThat(entries(id)).isZero();
	}

	@Test
	void whenTheJsonPartIsEightMegabytesThenItIsRefusedWith10089() {
		String padding = " ".repeat(8 * 1024 * 1024);
		assertRefused(post(Multipart.of().json(message(newEndUser(), UUID.randomUUID().toString(), "big") + padding)),
				400, 10089, "larger than");
		// sent as a file part, the same json is streamed to the decoder, which reads no more than its cap
		byte[] asFile = (message(newEndUser(), UUID.randomUUID().toString(), "big") + padding)
			.getBytes(StandardCharsets.UTF_8);
		assertRefused(post(Multipart.of().file("json", "json.json", "application/json", asFile)), 400, 10089,
				"larger than");
	}

	@Test
	void whenTheJsonPartNestsAHundredThousandLevelsThenItIsRefusedWith10089() {
		String deep = "[".repeat(100_000) + "]".repeat(100_000);
		String json = message(newEndUser(), UUID.randomUUID().toString(), "deep").replaceFirst("\\{",
				"{\"unknown\": " + deep + ", ");
		assertRefused(post(Multipart.of().json(json)), 400, 10089, "nested");
	}

	@Test
	void whenAPartHeaderIsHugeThenItIsRefusedWithoutA500() {
		String id = UUID.randomUUID().toString();
		Multipart body = Multipart.of()
			.json(attachment(newEndUser(), id, PNG_SIGNATURE.length))
			.file("attachments", "n".repeat(16 * 1024) + ".png", "image/png", PNG_SIGNATURE);
		assertRefused(post(body), 400, 10089, "headers");
		assertThat(entries(id)).isZero();
	}

	@Test
	void whenAnUploadStallsThenTheServiceGivesUpAfterItsReadTimeoutAndServesOthers() throws Exception {
		byte[] head = ("--b\r\nContent-Disposition: form-data; name=\"json\"\r\n\r\n"
				+ message(newEndUser(), UUID.randomUUID().toString(), "stalled")
				+ "\r\n--b\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"a.png\"\r\n"
				+ "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8);
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(15_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/v1/interactions HTTP/1.1\r\nHost: localhost\r\n" + "Authorization: Bearer " + token()
					+ "\r\nOrgId: " + partner().orgKey() + "\r\nAuthorizationContext: " + partner().channel()
					+ "\r\nRequestId: stalled-upload\r\nContent-Type: multipart/form-data; boundary=b\r\n"
					+ "Content-Length: " + (head.length + 1_000_000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(head);
			out.write(PNG_SIGNATURE);
			out.flush();
			long started = System.nanoTime();
			// and then nothing more
			String answer = readAll(socket.getInputStream());
			long seconds = (System.nanoTime() - started) / 1_000_000_000L;
			assertThat(seconds).as("the service let go of the stalled upload").isLessThan(12);
			assertThat(answer).doesNotContain(" 500 ");
		}
		HttpResponse<String> next = post(Multipart.of().json(message(newEndUser(), UUID.randomUUID().toString(), "next")));
		assertThat(next.statusCode()).as(next.body()).isEqualTo(202);
	}

	@Test
	void whenAPngCarriesAZipThenThePngHeaderDecidesAndItIsStoredAsAPng() throws Exception {
		byte[] polyglot = concat(png(), zip());
		HttpResponse<String> response = upload(polyglot, "holiday.png");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		assertThat(mimeTypeOf(json(response))).isEqualTo("image/png");
	}

	@Test
	void whenAPdfCarriesAZipThenThePdfHeaderDecidesAndItIsStoredAsAPdf() throws Exception {
		byte[] pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
		HttpResponse<String> response = upload(concat(pdf, zip()), "terms.pdf");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		assertThat(mimeTypeOf(json(response))).isEqualTo("application/pdf");
	}

	@Test
	void whenAZipIsNamedLikeAPictureThenItIsRefusedWith10095() throws Exception {
		assertRefused(upload(zip(), "picture.png"), 400, 10095, "application/zip");
	}

	private HttpResponse<String> upload(byte[] file, String name) {
		return post(Multipart.of()
			.json(attachment(newEndUser(), UUID.randomUUID().toString(), file.length))
			.file("attachments", name, "image/png", file));
	}

	private String mimeTypeOf(JsonNode accepted) {
		return this.jdbc.sql("select mime_type from attachment where conversation_identifier = ?")
			.param(accepted.get("conversationIdentifier").asString())
			.query(String.class)
			.single();
	}

	private HttpResponse<String> post(Multipart body) {
		return send(apiRequest("/api/v1/interactions", partner(), token()).header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build());
	}

	private long entries(String entryId) {
		return this.jdbc.sql("select count(*) from conversation_entry where entry_id = ?")
			.param(entryId)
			.query(Long.class)
			.single();
	}

	private static void assertRefused(HttpResponse<String> response, int status, int code, String reason) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		JsonNode body = json(response);
		assertThat(body.get("code").asInt()).as(response.body()).isEqualTo(code);
		assertThat(body.get("message").asString()).contains(reason);
	}

	private static String message(String endUser, String id, String text) {
		return """
				{"to": "%s", "from": "%s", "interactions": [{"timestamp": 1688190840000, "interactionType":
				 "EntryInteraction", "payload": {"id": "%s", "entryType": "Message", "abstractMessage": {"messageType":
				 "StaticContentMessage", "id": "%s", "staticContent": {"formatType": "Text", "text": "%s"}}}}]}"""
			.formatted(partner().address(), endUser, id, id, text);
	}

	private static String attachment(String endUser, String id, long contentLength) {
		return """
				{"to": "%s", "from": "%s", "interactions": [{"timestamp": 1688190840000, "interactionType":
				 "AttachmentInteraction", "id": "%s", "attachmentIndex": 0, "contentLength": %d}]}"""
			.formatted(partner().address(), endUser, id, contentLength);
	}

	private static String newEndUser() {
		return "+1555" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** A real (1×1) PNG. */
	private static byte[] png() throws IOException {
		java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(1, 1,
				java.awt.image.BufferedImage.TYPE_INT_RGB);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		javax.imageio.ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	private static byte[] zip() throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry("payload.sh"));
			zip.write("#!/bin/sh\necho hello\n".getBytes(StandardCharsets.US_ASCII));
			zip.closeEntry();
		}
		return bytes.toByteArray();
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = new byte[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	/** Reads until the server closes the connection, or until the socket's read timeout. */
	private static String readAll(InputStream in) throws IOException {
		ByteArrayOutputStream answer = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			int n;
			while ((n = in.read(buffer)) != -1) {
				answer.write(buffer, 0, n);
			}
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("the service held the stalled upload open: " + answer, ex);
		}
		catch (IOException ex) {
			// reset by the service: it gave up, which is the point
		}
		return answer.toString(StandardCharsets.ISO_8859_1);
	}

}
