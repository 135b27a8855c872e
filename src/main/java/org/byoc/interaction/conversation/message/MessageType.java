package org.byoc.interaction.conversation.message;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static org.byoc.interaction.conversation.message.FormatType.*;

/**
 * The messageType of an abstractMessage (contract §C.2, §C.3): what a message does, the field that carries its
 * content, the format types it may have, and whether an end user may send it.
 */
public enum MessageType {

	StaticContentMessage("staticContent", EnumSet.of(Text, Attachments, Links, ExperienceType, RichLink, Media, WebView,
			Application), EnumSet.of(Text, Attachments, Links, ExperienceType)),

	ChoicesMessage("choices", EnumSet.of(Buttons, QuickReplies, Carousel, ListPicker, TimePicker, MessageDefinition),
			EnumSet.noneOf(FormatType.class)),

	ChoicesResponseMessage("choicesResponse", EnumSet.of(Selections), EnumSet.of(Selections)),

	FormMessage("form", EnumSet.of(Inputs, MessageDefinition), EnumSet.noneOf(FormatType.class)),

	FormResponseMessage("formResponse", EnumSet.of(Inputs, Result), EnumSet.of(Inputs, Result));

	private final String contentField;

	private final Set<FormatType> formatTypes;

	private final Set<FormatType> endUserFormatTypes;

	MessageType(String contentField, Set<FormatType> formatTypes, Set<FormatType> endUserFormatTypes) {
		this.contentField = contentField;
		this.formatTypes = Set.copyOf(formatTypes);
		this.endUserFormatTypes = Set.copyOf(endUserFormatTypes);
	}

	/** The message type spelled exactly as the contract spells it, or empty. */
	public static Optional<MessageType> of(String name) {
		return Arrays.stream(values()).filter((t) -> t.name().equals(name)).findFirst();
	}

	/** The abstractMessage field that holds the content, e.g. {@code staticContent}. */
	public String contentField() {
		return this.contentField;
	}

	/** Every format type the contract pairs with this message type, in either direction (§C.3). */
	public Set<FormatType> formatTypes() {
		return this.formatTypes;
	}

	/**
	 * The format types an end user may send with this message type: the inbound schema knows only these (RichLink,
	 * Media, WebView and Application exist on the outbound side only).
	 */
	public Set<FormatType> endUserFormatTypes() {
		return this.endUserFormatTypes;
	}

	/** End users may send only StaticContentMessage, ChoicesResponseMessage and FormResponseMessage (10062). */
	public boolean sentByEndUser() {
		return !this.endUserFormatTypes.isEmpty();
	}

}
