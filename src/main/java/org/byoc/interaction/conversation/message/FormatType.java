package org.byoc.interaction.conversation.message;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every formatType of the contract (§C.3): how a message looks. Which message type may carry which format is kept
 * by {@link MessageType}. {@code Flow} is listed by the vendor but has no schema, so no message type accepts it.
 */
public enum FormatType {

	Text, Attachments, Links, ExperienceType, RichLink, Media, WebView, Application,
	Buttons, QuickReplies, Carousel, ListPicker, TimePicker, MessageDefinition,
	Selections, Inputs, Result, Flow;

	/** The format type spelled exactly as the contract spells it, or empty. */
	public static Optional<FormatType> of(String name) {
		return Arrays.stream(values()).filter((t) -> t.name().equals(name)).findFirst();
	}

}
