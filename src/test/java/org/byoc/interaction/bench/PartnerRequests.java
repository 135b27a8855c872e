package org.byoc.interaction.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The partner's requests as bytes: {@code POST /api/v1/interactions}-shaped multipart bodies (a {@code json} part,
 * optionally one file) with the four API headers, each with fresh entry and request ids.
 */
final class PartnerRequests {

	static final String BOUNDARY = "----bench-7d1f0c2a9e4b";

	private final String hostHeader;

	private final String fixedHeaders;

	private final String address;

	PartnerRequests(URI api, String token, String orgId, String authorizationContext, String address) {
		this.hostHeader = api.getHost() + ":" + api.getPort();
		this.fixedHeaders = "Authorization: Bearer " + token + "\r\nOrgId: " + orgId + "\r\nAuthorizationContext: "
				+ authorizationContext + "\r\n";
		this.address = address;
	}

	/** The partner's requests to the API the options name, as the token, org and channel they give. */
	static PartnerRequests of(BenchOptions options) {
		return new PartnerRequests(options.api(), options.token(), options.orgId(), options.authorizationContext(),
				options.address());
	}

	/** A load runner for the partner API the options name, expecting {@code status} for every request. */
	static LoadRunner runner(BenchOptions options, int status) {
		return new LoadRunner(options.api().getHost(), options.api().getPort(), status, options.pid());
	}

	/**
	 * Starts {@code count} conversations (end users {@code prefix + i}, one text message each) on the options' API;
	 * answers their ids.
	 */
	static List<String> startConversations(BenchOptions options, String prefix, int count) throws IOException {
		PartnerRequests requests = of(options);
		Pattern id = Pattern.compile("\"conversationIdentifier\"\\s*:\\s*\"([^\"]+)\"");
		List<String> conversations = new ArrayList<>();
		try (HttpConnection http = new HttpConnection(options.api().getHost(), options.api().getPort())) {
			for (int i = 0; i < count; i++) {
				LoadRunner.Request request = requests.textMessage("/api/v1/interactions", prefix + i, "I need an agent");
				HttpConnection.Response response = http.exchange(request.head(), request.body());
				Matcher found = id.matcher(response.text());
				if (response.status() != 202 || !found.find()) {
					throw new IllegalStateException("could not start a conversation: HTTP " + response.status() + " "
							+ response.text());
				}
				conversations.add(found.group(1));
			}
		}
		return conversations;
	}

	/** An agent reply on the admin API ({@code POST /admin/api/conversations/{id}/messages}) with this text. */
	static LoadRunner.Request agentReply(BenchOptions options, String conversation, String text) {
		String host = options.management().getHost() + ":" + options.management().getPort();
		byte[] body = ("{\"senderUserId\":\"" + options.agentUserId() + "\",\"text\":\"" + text + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		byte[] head = ("POST /admin/api/conversations/" + conversation + "/messages HTTP/1.1\r\nHost: " + host
				+ "\r\nAuthorization: Bearer " + options.adminToken()
				+ "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		return new LoadRunner.Request(head, new byte[][] { body });
	}

	/** A text message from {@code from} (a new entry id every call) to the path given. */
	LoadRunner.Request textMessage(String path, String from, String text) {
		String entryId = uuid();
		String json = "{\"to\":\"" + this.address + "\",\"from\":\"" + from + "\",\"interactions\":[{\"timestamp\":"
				+ System.currentTimeMillis() + ",\"interactionType\":\"EntryInteraction\",\"payload\":{\"id\":\""
				+ entryId + "\",\"entryType\":\"Message\",\"abstractMessage\":{\"messageType\":\"StaticContentMessage\","
				+ "\"id\":\"" + entryId + "\",\"staticContent\":{\"formatType\":\"Text\",\"text\":\"" + text
				+ "\"}}}}]}";
		byte[] body = (jsonPart(json) + "--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
		return new LoadRunner.Request(head(path, body.length), new byte[][] { body });
	}

	/** An AttachmentInteraction with {@code file} (shared, never copied) as its one attachment. */
	LoadRunner.Request attachment(String path, String from, byte[] file, String fileName, String contentType) {
		String json = "{\"to\":\"" + this.address + "\",\"from\":\"" + from + "\",\"interactions\":[{\"timestamp\":"
				+ System.currentTimeMillis() + ",\"interactionType\":\"AttachmentInteraction\",\"id\":\"" + uuid()
				+ "\",\"attachmentIndex\":0,\"contentLength\":" + file.length + ",\"text\":\"A file\"}]}";
		byte[] before = (jsonPart(json) + "--" + BOUNDARY
				+ "\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] after = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
		long length = (long) before.length + file.length + after.length;
		return new LoadRunner.Request(head(path, length), new byte[][] { before, file, after });
	}

	private static String jsonPart(String json) {
		return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"json\"\r\n"
				+ "Content-Type: application/json\r\n\r\n" + json + "\r\n";
	}

	private byte[] head(String path, long contentLength) {
		return ("POST " + path + " HTTP/1.1\r\nHost: " + this.hostHeader + "\r\n" + this.fixedHeaders + "RequestId: "
				+ uuid() + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: "
				+ contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
	}

	/** A version 4 UUID without SecureRandom: the generator must stay cheap, and these ids need no secrecy. */
	static String uuid() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(high, low).toString();
	}

}
