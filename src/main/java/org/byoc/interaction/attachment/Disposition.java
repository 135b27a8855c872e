package org.byoc.interaction.attachment;

import java.nio.charset.StandardCharsets;

/**
 * The Content-Disposition of a download: the stored name as an ASCII fallback (anything risky replaced) plus the
 * exact name in RFC 5987 form for clients that read it.
 */
final class Disposition {

	private static final String ATTR_CHARS = "!#$&+-.^_`|~";

	private Disposition() {
	}

	static String attachment(String fileName) {
		String name = AttachmentReceiver.displayName(fileName);
		StringBuilder ascii = new StringBuilder();
		StringBuilder encoded = new StringBuilder();
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			ascii.append((c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != ';') ? c : '_');
		}
		for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xFF;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| ATTR_CHARS.indexOf(c) >= 0) {
				encoded.append((char) c);
			}
			else {
				encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
			}
		}
		return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
	}

}
