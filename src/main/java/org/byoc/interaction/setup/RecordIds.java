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

	/** True when {@code id} is a 15 or 18 character id with the given key prefix. */
	public static boolean hasPrefix(String id, String prefix) {
		return OrgIds.isWellFormed(id) && id.startsWith(prefix);
	}

}
