package org.byoc.interaction.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's CSRF token as a browser gets it: the sign-in page sets the token cookie and shows the page's token
 * (meta {@code csrf-token}); an unsafe console request sends both, the token as a header or a form field.
 *
 * @param cookie the {@code XSRF-TOKEN=...} pair for a {@code Cookie} header
 * @param header the header name to send the token in
 * @param parameter the form field name to send the token in
 * @param token the page's token
 */
public record ConsoleCsrf(String cookie, String header, String parameter, String token) {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final Pattern META = Pattern.compile("<meta name=\"csrf-(token|header)\" content=\"([^\"]+)\"");

	public static ConsoleCsrf fetch(int managementPort) {
		try {
			HttpResponse<String> page = HTTP.send(
					HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/console/sign-in"))
						.header("Accept", "text/html")
						.build(),
					HttpResponse.BodyHandlers.ofString());
			String cookie = page.headers()
				.allValues("Set-Cookie")
				.stream()
				.filter((c) -> c.startsWith("XSRF-TOKEN="))
				.map((c) -> c.substring(0, c.indexOf(';')))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("The sign-in page set no XSRF-TOKEN cookie"));
			String token = null;
			String header = null;
			Matcher meta = META.matcher(page.body());
			while (meta.find()) {
				if (meta.group(1).equals("token")) {
					token = meta.group(2);
				}
				else {
					header = meta.group(2);
				}
			}
			if (token == null || header == null) {
				throw new IllegalStateException("The sign-in page shows no CSRF token");
			}
			return new ConsoleCsrf(cookie, header, "_csrf", token);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The token as a form field, URL-encoded, to append to a form body. */
	public String formField() {
		return this.parameter + "=" + java.net.URLEncoder.encode(this.token, java.nio.charset.StandardCharsets.UTF_8);
	}

}
