package org.byoc.interaction.contract;

/** The contract's plain acknowledgement of a write: {@code {"success": true}}. */
public record Success(boolean success) {

	public static final Success TRUE = new Success(true);

}
