package org.byoc.interaction.setup;

import java.security.SecureRandom;

/**
 * New record ids shaped like the vendor's: a 3-character key prefix ({@code 0Mw} messaging session, {@code 0JR}
 * pending service routing, {@code 0Bz} agent work, {@code 0PA} messaging end user) and 12 base-62 characters,
 * 15 in all.
 */
public final class RecordIds {

	private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

	private static final SecureRandom random = new SecureRandom();

	private RecordIds() {
	}

	public static String newId(String prefix) {
		if (prefix.length() != 3) {
			throw new IllegalArgumentException("A key prefix has 3 characters: " + prefix);
		}
		char[] id = new char[15];
		prefix.getChars(0, 3, id, 0);
		for (int i = 3; i < 15; i++) {
			id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
		}
		return new String(id);
	}

	private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

	/**
	 * The vendor's 18-character form of a 15-character id (the REST APIs' form): three characters that encode which
	 * letters are upper case. Other ids are returned unchanged.
	 */
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

	/** True when {@code id} is a 15 or 18 character id with the given key prefix. */
	public static boolean hasPrefix(String id, String prefix) {
		return OrgIds.isWellFormed(id) && id.startsWith(prefix);
	}

}
