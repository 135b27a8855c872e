package org.byoc.interaction.auth.token;

/**
 * The vendor's 18-character record id form: the 15-character id plus three characters that encode which of its
 * letters are upper case, so the id survives case-insensitive systems. Identity URLs and userinfo use this form,
 * and clients (the Pub/Sub npm client among them) pass it on as-is.
 */
public final class SalesforceIds {

	private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

	private SalesforceIds() {
	}

	/** The 18-character form of a 15-character id; other ids are returned unchanged. */
	public static String to18(String id) {
		if (id == null || id.length() != 15) {
			return id;
		}
		StringBuilder suffix = new StringBuilder(3);
		for (int chunk = 0; chunk < 3; chunk++) {
			int bits = 0;
			for (int i = 0; i < 5; i++) {
				char c = id.charAt(chunk * 5 + i);
				if (c >= 'A' && c <= 'Z') {
					bits |= 1 << i;
				}
			}
			suffix.append(SUFFIX_ALPHABET.charAt(bits));
		}
		return id + suffix;
	}

}
