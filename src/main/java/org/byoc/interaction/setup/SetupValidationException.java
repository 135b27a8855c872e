package org.byoc.interaction.setup;

/** A setup that cannot be applied; the message names the source (file) and the offending key. */
public final class SetupValidationException extends RuntimeException {

	private final String source;

	private final String key;

	public SetupValidationException(String source, String key, String problem) {
		super(source + ": " + key + ": " + problem);
		this.source = source;
		this.key = key;
	}

	public String source() {
		return this.source;
	}

	public String key() {
		return this.key;
	}

}
