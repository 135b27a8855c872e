package org.byoc.interaction.conversation.message;

import java.util.Set;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonFields;

/**
 * The inbound schema of an end user's abstractMessage (contract §C): message type, its content object with the
 * format type, and every building block an inbound format uses. Structural faults inside the message are 10045
 * (the entry format is invalid); the message and format type checks have their own codes (10047, 10062, 10048,
 * 10049). Recursion (list and composite values) is bounded by the parser's nesting limit.
 */
public final class MessageContent {

	public static final ErrorCode INVALID = ErrorCode.INVALID_MESSAGE_ENTRY;

	public static final int MANY = Integer.MAX_VALUE;

	private static final Set<String> CUSTOM_HANDLING_TYPES = Set.of("None", "Survey");

	private static final Set<String> TITLE_ITEM_TYPES = Set.of("TitleItem", "TitleImageItem", "TitleVideoItem");

	private static final Set<String> UPLOAD_RESULT_TYPES = Set.of("CompletedAttachmentUploadResult",
			"PendingAttachmentUploadResult", "ErrorAttachmentUploadResult");

	private static final Set<String> UPLOAD_ERROR_TYPES = Set.of("StorageLimitExceeded", "AttachmentTooLarge",
			"AttachmentNotFound", "AttachmentUploadNotEnabled", "AttachmentUploadNotAllowed", "InternalServerError");

	private static final Set<String> INPUT_VALUE_TYPES = Set.of("SingleInputValue", "SelectedOptionsInputValue");

	private static final Set<String> FORM_RESULT_TYPES = Set.of("FormRecordsResult", "FormErrorResult");

	private static final Set<String> FORM_ERROR_TYPES = Set.of("InvalidFormResponse", "FormRequestExpired",
			"ApiResultErrorCode", "InternalServerError");

	/** Value types an end user may send; StructuredValue exists on the outbound side only. */
	private static final Set<String> VALUE_TYPES = Set.of("TextValue", "BooleanValue", "IntegerValue", "DoubleValue",
			"UrlValue", "DateValue", "DateTimeValue", "ReferenceValue", "ImageReferenceValue", "AssetReferenceValue",
			"ListValue", "CompositeValue", "LocationValue", "ExperienceTypeValue");

	private MessageContent() {
	}

	/**
	 * Validates an end user's abstractMessage whose id has already been read into {@code message}, and rebuilds the
	 * rest of it.
	 */
	public static AbstractMessage read(JsonFields message, String id) {
		return read(message, id, false);
	}

	/**
	 * Validates an external bot's abstractMessage (bring-your-own-bot, history transcripts): StaticContentMessage
	 * with any format of the contract, ChoicesMessage or FormMessage (§B12, §C.2).
	 */
	static AbstractMessage readFromBot(JsonFields message, String id) {
		return read(message, id, true);
	}

	private static AbstractMessage read(JsonFields message, String id, boolean bot) {
		MessageType messageType = messageType(message, bot);
		message.string("inReplyToMessageId");
		message.oneOf("customHandlingType", CUSTOM_HANDLING_TYPES);
		for (JsonFields reference : message.objects("references", 0, MANY)) {
			reference.requireString("recordId");
			reference.requireString("id");
		}
		JsonFields content = message.requireObject(messageType.contentField());
		FormatType formatType = formatType(content, messageType, bot);
		String text;
		if (bot) {
			text = switch (formatType) {
				case Text -> BotMessageFormats.text(content);
				case Attachments -> attachments(content);
				case Links -> links(content);
				case ExperienceType -> experienceType(content);
				default -> BotMessageFormats.read(messageType, formatType, content);
			};
		}
		else {
			text = switch (formatType) {
				case Text -> content.requireString("text");
				case Attachments -> attachments(content);
				case Links -> links(content);
				case ExperienceType -> experienceType(content);
				case Selections -> selections(content);
				case Inputs -> formInputs(content);
				case Result -> formResult(content);
				default -> throw new IllegalStateException("No inbound schema for " + formatType);
			};
		}
		return new AbstractMessage(id, messageType, formatType, message.out(), text);
	}

	private static MessageType messageType(JsonFields message, boolean bot) {
		String path = message.path("messageType");
		if (message.raw("messageType") == null || !message.raw("messageType").isString()) {
			throw ErrorCode.INVALID_MESSAGE_TYPE_ERROR.exception(path + " is required and must be a string.");
		}
		String name = message.string("messageType");
		MessageType type = MessageType.of(name)
			.orElseThrow(() -> ErrorCode.INVALID_MESSAGE_TYPE_ERROR
				.exception(path + " '" + name + "' is not a message type."));
		if (bot && type.sentByEndUser() && type != MessageType.StaticContentMessage) {
			throw ErrorCode.INVALID_MESSAGE_TYPE_ERROR.exception(path + " '" + name
					+ "' cannot be sent by a bot; use StaticContentMessage, ChoicesMessage or FormMessage.");
		}
		if (!bot && !type.sentByEndUser()) {
			throw ErrorCode.END_USER_MESSAGE_TYPE_INVALID.exception(path + " '" + name
					+ "' cannot be sent by an end user; use StaticContentMessage, ChoicesResponseMessage or FormResponseMessage.");
		}
		return type;
	}

	private static FormatType formatType(JsonFields content, MessageType messageType, boolean bot) {
		String path = content.path("formatType");
		if (content.raw("formatType") == null || !content.raw("formatType").isString()) {
			throw ErrorCode.INVALID_FORMAT_TYPE_ERROR.exception(path + " is required and must be a string.");
		}
		String name = content.string("formatType");
		FormatType type = FormatType.of(name)
			.orElseThrow(() -> ErrorCode.INVALID_FORMAT_TYPE_ERROR.exception(path + " '" + name + "' is not a format type."));
		Set<FormatType> allowed = bot ? messageType.formatTypes() : messageType.endUserFormatTypes();
		if (!allowed.contains(type)) {
			throw ErrorCode.INVALID_MESSAGE_TYPE_FORMAT_TYPE_ERROR.exception(path + " '" + name + "' is not allowed for "
					+ messageType + (bot ? "" : " sent by an end user") + "; allowed: "
					+ allowed.stream().sorted().toList() + ".");
		}
		return type;
	}

	/** StaticContent Attachments: files the end user's client already hosts. The caption is the text. */
	static String attachments(JsonFields content) {
		String text = content.string("text");
		for (JsonFields attachment : content.objects("attachments", 1, MANY)) {
			attachment.requireString("id");
			attachment.requireString("name");
			attachment.requireString("mimeType");
			attachment.requireString("url");
			attachment.string("referenceId");
			JsonFields result = attachment.object("attachmentUploadResult");
			if (result != null) {
				String type = result.requireOneOf("resultType", UPLOAD_RESULT_TYPES);
				if (type.equals("PendingAttachmentUploadResult")) {
					result.requireString("referenceId");
				}
				else if (type.equals("ErrorAttachmentUploadResult")) {
					result.requireOneOf("errorType", UPLOAD_ERROR_TYPES);
					result.string("errorMessage");
				}
			}
		}
		return text;
	}

	static String links(JsonFields content) {
		for (JsonFields link : content.objects("links", 1, 1)) {
			link.requireString("url");
		}
		return null;
	}

	static String experienceType(JsonFields content) {
		for (JsonFields value : content.objects("values", 1, MANY)) {
			value.oneOf("valueType", Set.of("ExperienceTypeValue"));
			experienceTypeValueFields(value);
		}
		return content.string("message");
	}

	private static String selections(JsonFields content) {
		for (JsonFields option : content.objects("selectedOptions", 1, MANY)) {
			selectedOption(option);
		}
		return null;
	}

	private static String formInputs(JsonFields content) {
		JsonFields formTitle = content.object("formTitle");
		if (formTitle != null) {
			titleItem(formTitle);
		}
		if (content.raw("inputValues") == null) {
			throw INVALID.exception(content.path("inputValues") + " is required.");
		}
		for (JsonFields inputValue : content.objects("inputValues", 0, MANY)) {
			String type = inputValue.requireOneOf("inputValueType", INPUT_VALUE_TYPES);
			inputValue.requireString("inputId");
			JsonFields label = inputValue.object("inputlabel");
			if (label != null) {
				titleItem(label);
			}
			if (type.equals("SingleInputValue")) {
				value(inputValue.requireObject("value"));
				inputValue.string("displayValue");
			}
			else {
				if (inputValue.raw("selectedOptions") == null) {
					throw INVALID.exception(inputValue.path("selectedOptions") + " is required.");
				}
				for (JsonFields option : inputValue.objects("selectedOptions", 0, MANY)) {
					selectedOption(option);
				}
			}
		}
		return null;
	}

	private static String formResult(JsonFields content) {
		JsonFields result = content.requireObject("result");
		String type = result.requireOneOf("resultType", FORM_RESULT_TYPES);
		if (type.equals("FormRecordsResult")) {
			for (JsonFields record : result.objects("records", 1, 1)) {
				record.requireString("recordReferenceId");
				record.requireBool("isCreated");
				record.string("resultMessage");
			}
		}
		else {
			for (JsonFields error : result.objects("errors", 1, MANY)) {
				error.requireString("errorMessage");
				error.requireOneOf("errorType", FORM_ERROR_TYPES);
				error.string("errorCode");
			}
		}
		return null;
	}

	static void selectedOption(JsonFields option) {
		option.requireString("optionIdentifier");
		JsonFields title = option.object("optionTitle");
		if (title != null) {
			titleItem(title);
		}
	}

	static void titleItem(JsonFields item) {
		String type = item.requireOneOf("itemType", TITLE_ITEM_TYPES);
		item.requireString("title");
		item.string("subTitle");
		item.string("secondarySubTitle");
		item.string("tertiarySubTitle");
		item.string("referenceId");
		if (type.equals("TitleImageItem")) {
			item.requireString("imageId");
			item.string("imageSubTitle");
		}
		else if (type.equals("TitleVideoItem")) {
			item.requireString("videoId");
			item.string("imageId");
		}
	}

	/** An AbstractValue (§C.7), discriminated by valueType. */
	static void value(JsonFields value) {
		String type = value.requireOneOf("valueType", VALUE_TYPES);
		switch (type) {
			case "TextValue" -> value.requireString("textValue");
			case "BooleanValue" -> value.requireBool("booleanValue");
			case "IntegerValue" -> value.requireInteger("integerValue");
			case "DoubleValue" -> value.requireNumber("doubleValue");
			case "UrlValue" -> value.requireString("urlValue");
			case "DateValue" -> value.requireString("dateValue");
			case "DateTimeValue" -> value.requireString("dateTimeValue");
			case "ReferenceValue" -> value.requireString("referenceId");
			case "ImageReferenceValue" -> value.requireString("imageReferenceId");
			case "AssetReferenceValue" -> value.requireString("assetReferenceId");
			case "ListValue" -> value.objects("items", 1, MANY).forEach(MessageContent::value);
			case "CompositeValue" -> value.objects("items", 1, MANY).forEach((named) -> {
				named.requireString("name");
				value(named.requireObject("value"));
			});
			case "LocationValue" -> location(value.requireObject("location"));
			case "ExperienceTypeValue" -> experienceTypeValueFields(value);
			default -> throw new IllegalStateException("Unhandled value type " + type);
		}
	}

	private static void experienceTypeValueFields(JsonFields value) {
		value.requireString("type");
		value.requireAnyValue("value");
	}

	static void location(JsonFields location) {
		location.requireOneOf("itemType", Set.of("LocationItem"));
		location.requireString("name");
		location.number("latitude");
		location.number("longitude");
		location.number("radius");
		location.string("referenceId");
	}

}
