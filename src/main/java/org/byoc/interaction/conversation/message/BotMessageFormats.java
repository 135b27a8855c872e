package org.byoc.interaction.conversation.message;

import java.util.Set;

import tools.jackson.databind.JsonNode;

import static org.byoc.interaction.conversation.message.MessageContent.INVALID;
import static org.byoc.interaction.conversation.message.MessageContent.MANY;

import org.byoc.interaction.contract.JsonFields;

/**
 * The schema of the formats only rep and bot messages use (contract §C.4 outbound static content, §C.5 choices,
 * §C.6 forms, §C.7 building blocks, §C.8 citations), for messages an external bot sends. Structural faults are 10045
 * like an end user's. Where the contract names a title without saying whether it is text or a TitleItem, both are
 * taken.
 */
final class BotMessageFormats {

	private static final Set<String> ASSET_TYPES = Set.of("ImageAsset", "VideoAsset", "DocumentAsset");

	private static final Set<String> INPUT_TYPES = Set.of("SelectInput", "SelectNavigationInput", "OptionPickerInput",
			"DatePickerInput", "DateTimePickerInput", "TextInput", "StaticFooter", "StaticTitle");

	private static final Set<String> KEYBOARD_TYPES = Set.of("Default", "AsciiCapable", "NumbersAndPunctuation", "URL",
			"NumberPad", "PhonePad", "NamePhonePad", "EmailAddress", "DecimalPad", "Twitter", "WebSearch");

	private static final Set<String> SELECTION_DISPLAYS = Set.of("Dropdown", "RadioButtons", "Checkboxes",
			"ChipsSelector");

	private BotMessageFormats() {
	}

	/** StaticContent Text, with the citations a generated answer may carry. */
	static String text(JsonFields content) {
		String text = content.requireString("text");
		JsonFields citations = content.object("citationContent");
		if (citations != null) {
			for (JsonFields citation : citations.objects("citations", 1, MANY)) {
				JsonFields reference = citation.requireObject("citedReference");
				reference.requireOneOf("citedReferenceType", Set.of("Link"));
				reference.requireObject("link").requireString("url");
				reference.string("recordId");
				reference.string("label");
				JsonFields details = citation.object("citedDetails");
				if (details != null) {
					details.requireOneOf("citedDetailsType", Set.of("InlineMetadata"));
					for (JsonFields metadata : details.objects("inlineMetadata", 1, MANY)) {
						metadata.requireInteger("citedLocationOffset");
						JsonFields claim = metadata.object("claim");
						if (claim != null) {
							claim.requireInteger("claimStartOffset");
							claim.requireInteger("claimEndOffset");
						}
					}
				}
			}
		}
		return text;
	}

	/** Every other bot format; answers the message's human-readable text where it has one. */
	static String read(MessageType messageType, FormatType formatType, JsonFields content) {
		return switch (formatType) {
			case RichLink -> richLink(content);
			case Media -> media(content);
			case WebView -> webView(content);
			case Application -> application(content);
			case Buttons, QuickReplies -> optionList(content);
			case ListPicker -> listPicker(content);
			case Carousel -> carousel(content);
			case TimePicker -> timePicker(content);
			case MessageDefinition -> messageDefinition(content, messageType == MessageType.ChoicesMessage);
			case Inputs -> form(content);
			default -> throw new IllegalStateException("No bot schema for " + messageType + "/" + formatType);
		};
	}

	private static String richLink(JsonFields content) {
		titleLinkItem(content.requireObject("linkItem"));
		optionalAsset(content, "image");
		optionalAsset(content, "video");
		return content.string("text");
	}

	private static String media(JsonFields content) {
		asset(content.requireObject("mediaAsset"));
		content.objects("linkItems", 0, MANY).forEach(BotMessageFormats::titleLinkItem);
		return null;
	}

	private static String webView(JsonFields content) {
		content.requireString("url");
		JsonFields title = content.object("title");
		if (title != null) {
			MessageContent.titleItem(title);
		}
		namedValues(content, "parameters");
		content.oneOf("displayType", Set.of("AutoOverlay"));
		return null;
	}

	private static String application(JsonFields content) {
		JsonFields application = content.requireObject("application");
		application.requireOneOf("applicationType", Set.of("ExternalApplication"));
		application.string("name");
		application.string("identifier");
		application.requireString("developerId");
		namedValues(application, "arguments");
		assets(application, "images");
		application.string("iconImageId");
		titleLike(application, "message", false);
		titleLike(application, "reply", false);
		application.string("bundle");
		application.bool("useLiveLayout");
		return null;
	}

	/** Buttons and QuickReplies: a text and the options to pick from. */
	private static String optionList(JsonFields content) {
		String text = content.requireString("text");
		content.objects("optionItems", 1, MANY).forEach(BotMessageFormats::titleOptionItem);
		assets(content, "images");
		return text;
	}

	private static String listPicker(JsonFields content) {
		titleLike(content, "title", true);
		content.objects("optionItems", 1, MANY).forEach(BotMessageFormats::titleOptionItem);
		assets(content, "images");
		titleLike(content, "message", false);
		titleLike(content, "reply", false);
		return null;
	}

	private static String carousel(JsonFields content) {
		for (JsonFields item : content.objects("items", 1, MANY)) {
			MessageContent.titleItem(item.requireObject("titleItem"));
			item.objects("interactionItems", 1, MANY).forEach(BotMessageFormats::interactionItem);
		}
		titleLike(content, "title", false);
		assets(content, "images");
		return null;
	}

	private static String timePicker(JsonFields content) {
		JsonFields event = content.requireObject("calendarEvent");
		event.oneOf("itemType", Set.of("CalendarEventOptionsItem"));
		event.requireString("identifier");
		titleLike(event, "title", true);
		for (JsonFields slot : event.objects("timeSlotOptionItems", 1, MANY)) {
			slot.oneOf("itemType", Set.of("TimeSlotOptionItem"));
			slot.requireString("startTime");
			slot.requireInteger("duration");
			slot.requireString("optionIdentifier");
			slot.string("referenceId");
		}
		JsonFields location = event.object("location");
		if (location != null) {
			MessageContent.location(location);
		}
		event.string("imageId");
		event.number("timezoneOffset");
		event.string("referenceId");
		assets(content, "images");
		titleLike(content, "message", false);
		titleLike(content, "reply", false);
		return null;
	}

	private static String messageDefinition(JsonFields content, boolean choices) {
		content.requireString("messageDefinitionNameOrId");
		if (choices) {
			for (JsonFields option : content.objects("options", 1, MANY)) {
				option.requireString("optionIdentifier");
				value(option.requireObject("value"));
			}
			content.string("messageDefinitionId");
			for (JsonFields reference : content.objects("optionReferences", 0, MANY)) {
				reference.string("optionId");
				reference.string("referenceId");
			}
		}
		content.string("targetLocale");
		namedValues(content, "parameters");
		return null;
	}

	private static String form(JsonFields content) {
		MessageContent.titleItem(content.requireObject("formTitle"));
		for (JsonFields section : content.objects("sections", 1, MANY)) {
			section.requireOneOf("sectionType", Set.of("SingleInputSection"));
			input(section.requireObject("input"));
			section.string("nextSectionInputId");
			section.bool("submitForm");
		}
		JsonFields intro = content.object("introScreen");
		if (intro != null) {
			intro.requireString("buttonLabel");
			titleLike(intro, "title", false);
			intro.string("text");
			intro.string("imageId");
		}
		assets(content, "images");
		titleLike(content, "message", false);
		titleLike(content, "reply", false);
		return null;
	}

	private static void input(JsonFields input) {
		String type = input.requireOneOf("inputType", INPUT_TYPES);
		switch (type) {
			case "StaticFooter" -> input.requireString("buttonLabel");
			case "StaticTitle" -> {
				JsonFields title = input.object("titleItem");
				if (title != null) {
					MessageContent.titleItem(title);
				}
			}
			default -> {
				input.requireString("id");
				titleLike(input, "label", false);
				titleLike(input, "hintText", false);
				input.bool("required");
				inputFields(type, input);
			}
		}
	}

	private static void inputFields(String type, JsonFields input) {
		switch (type) {
			case "SelectInput" -> {
				input.objects("optionItems", 1, MANY).forEach(BotMessageFormats::titleOptionItem);
				input.bool("multipleSelection");
				input.oneOf("selectionDisplay", SELECTION_DISPLAYS);
			}
			case "SelectNavigationInput" -> {
				for (JsonFields item : input.objects("optionItems", 1, MANY)) {
					item.string("nextInputId");
					titleOptionItem(item.requireObject("optionItem"));
				}
			}
			case "OptionPickerInput" -> {
				input.objects("optionItems", 1, MANY).forEach(BotMessageFormats::titleOptionItem);
				input.integer("selectedOptionIndex", INVALID);
			}
			case "DatePickerInput" -> {
				input.string("minimumDate");
				input.string("maximumDate");
				input.string("startDate");
				input.string("dateFormat");
			}
			case "DateTimePickerInput" -> {
				input.string("startDateTime");
				input.string("minimumDateTime");
				input.string("maximumDateTime");
				input.string("dateTimeFormat");
			}
			case "TextInput" -> {
				input.string("regEx");
				input.string("prefixText");
				input.integer("maximumCharacterCount", INVALID);
				input.oneOf("keyboardType", KEYBOARD_TYPES);
				input.oneOf("textInputType", Set.of("Singleline", "Multiline"));
				input.string("textContentType");
				input.string("placeholder");
			}
			default -> throw new IllegalStateException("Unhandled input type " + type);
		}
	}

	private static void titleOptionItem(JsonFields item) {
		item.requireOneOf("itemType", Set.of("TitleOptionItem"));
		MessageContent.titleItem(item.requireObject("titleItem"));
		item.requireString("optionIdentifier");
		item.string("referenceId");
	}

	private static void titleLinkItem(JsonFields item) {
		item.requireOneOf("itemType", Set.of("TitleLinkItem"));
		MessageContent.titleItem(item.requireObject("titleItem"));
		item.requireString("url");
		item.string("referenceId");
	}

	private static void interactionItem(JsonFields item) {
		JsonNode type = item.raw("itemType");
		if (type != null && type.isString() && type.stringValue().equals("TitleLinkItem")) {
			titleLinkItem(item);
		}
		else {
			titleOptionItem(item);
		}
	}

	private static void assets(JsonFields parent, String name) {
		parent.objects(name, 0, MANY).forEach(BotMessageFormats::asset);
	}

	private static void optionalAsset(JsonFields parent, String name) {
		JsonFields asset = parent.object(name);
		if (asset != null) {
			asset(asset);
		}
	}

	private static void asset(JsonFields asset) {
		asset.requireOneOf("assetType", ASSET_TYPES);
		asset.string("id");
		asset.string("mimeType");
		asset.requireString("assetUrl");
		asset.string("description");
		asset.string("referenceId");
		asset.string("assetHandle");
	}

	private static void namedValues(JsonFields parent, String name) {
		for (JsonFields named : parent.objects(name, 0, MANY)) {
			named.requireString("name");
			value(named.requireObject("value"));
		}
	}

	/** An AbstractValue as reps and bots may send it: StructuredValue exists on their side only. */
	private static void value(JsonFields value) {
		JsonNode type = value.raw("valueType");
		if (type != null && type.isString() && type.stringValue().equals("StructuredValue")) {
			value.string("valueType");
			JsonNode structured = value.raw("value");
			if (structured != null && !structured.isObject()) {
				throw INVALID.exception(value.path("value") + " must be a JSON object.");
			}
			value.anyValue("value");
			return;
		}
		MessageContent.value(value);
	}

	/** A title given as text or as a TitleItem. */
	private static void titleLike(JsonFields parent, String name, boolean required) {
		JsonNode value = parent.raw(name);
		if (value == null) {
			if (required) {
				throw INVALID.exception(parent.path(name) + " is required.");
			}
			return;
		}
		if (value.isObject()) {
			MessageContent.titleItem(parent.object(name));
		}
		else {
			parent.string(name);
		}
	}

}
