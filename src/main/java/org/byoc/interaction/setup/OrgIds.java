package org.byoc.interaction.setup;

/**
 * Vendor record ids come in a 15-character case-sensitive form and an 18-character form with a checksum suffix.
 * Both name the same record, so comparisons use the 15-character prefix.
 */
public final class OrgIds {

	private OrgIds() {
	}

	public static String key(String id) {
		if (id == null) {
			return null;
		}
		return (id.length() == 18) ? id.substring(0, 15) : id;
	}

	public static boolean sameId(String a, String b) {
		return a != null && b != null && key(a).equals(key(b));
	}

	public static boolean isWellFormed(String id) {
		return id != null && (id.length() == 15 || id.length() == 18) && id.chars().allMatch(Character::isLetterOrDigit);
	}

}
