package org.byoc.interaction.conversation.capabilities;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.byoc.interaction.contract.CanonicalJson;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonFields;
import org.byoc.interaction.conversation.message.FormatType;
import org.byoc.interaction.conversation.message.MessageContent;
import org.byoc.interaction.conversation.message.MessageType;
import tools.jackson.databind.JsonNode;

import static org.byoc.interaction.conversation.capabilities.ChannelCapabilities.BOT_INTEGRATION;
import static org.byoc.interaction.conversation.capabilities.ChannelCapabilities.CHANNEL_INTEGRATION;

/**
 * The command of {@code PATCH /api/v1/capabilities} (contract §B6): each {@code channelCapabilities} item, read and
 * checked with the contract's codes (appType not custom 10037, message type 10047, format type 10048, a format the
 * message type does not have 10049, a malformed customIntegration 10050, an empty progress indicator list 10098,
 * field restrictions 10089), and kept as the canonical JSON of what it registers. Whose integration it is is decided
 * by {@link ChannelCapabilities}.
 */
public record RegisterCapabilities(List<Registration> registrations) {

	static final int MAX_NAME_LENGTH = 240;

	/** Only the root {@code $} and the child operator {@code .} (§B6). */
	private static final Pattern FIELD_JSON_PATH = Pattern.compile("\\$(\\.[A-Za-z0-9_]+)*");

	private static final Set<String> RESTRICTION_TYPES = Set.of("StringFieldRestriction", "MimeTypeRestriction",
			"FileSizeRestriction", "DimensionRestriction", "ArrayRestriction", "RequiredFieldRestriction",
			"TypeRestriction");

	public static RegisterCapabilities read(JsonFields root) {
		JsonFields capabilities = root.requireObject("capabilities");
		JsonNode appType = capabilities.raw("appType");
		if (appType == null || !appType.isString() || !"custom".equals(appType.stringValue())) {
			throw ErrorCode.INVALID_APP_TYPE.exception(capabilities.path("appType") + " must be 'custom'.");
		}
		List<Registration> registrations = new ArrayList<>();
		for (JsonFields item : capabilities.objects("channelCapabilities", 1, MessageContent.MANY)) {
			registrations.add(registration(item));
		}
		return new RegisterCapabilities(List.copyOf(registrations));
	}

	private static Registration registration(JsonFields item) {
		item.oneOf("channelType", Set.of("custom"));
		Integration integration = integration(item.object("customIntegration"));
		Set<MessageType> seen = new HashSet<>();
		for (JsonFields type : item.objects("messageTypeCapabilities", 1, MessageContent.MANY)) {
			MessageType messageType = messageType(type);
			if (!seen.add(messageType)) {
				throw ErrorCode.INVALID_PARAMETERS.exception(type.path("messageType") + " '" + messageType
						+ "' appears twice; list all its format types in one entry.");
			}
			for (JsonFields format : type.objects("formatTypeCapabilities", 1, MessageContent.MANY)) {
				FormatType formatType = formatType(format);
				if (!messageType.formatTypes().contains(formatType)) {
					throw ErrorCode.INVALID_MESSAGE_TYPE_FORMAT_TYPE_ERROR.exception(format.path("formatType") + " '"
							+ formatType + "' is not a format of " + messageType + "; allowed: "
							+ messageType.formatTypes().stream().sorted().toList() + ".");
				}
				for (JsonFields restriction : format.objects("capabilityFieldRestriction", 0, MessageContent.MANY)) {
					fieldRestriction(restriction);
				}
			}
		}
		JsonNode indicators = item.raw("progressIndicatorTypeCapabilities");
		if (indicators != null && indicators.isArray() && indicators.isEmpty()) {
			throw ErrorCode.PROGRESS_INDICATOR_CAPABILITIES_EMPTY.exception(
					item.path("progressIndicatorTypeCapabilities") + " is empty; leave it out or list an indicator.");
		}
		for (JsonFields indicator : item.objects("progressIndicatorTypeCapabilities", 0, MessageContent.MANY)) {
			indicator.requireOneOf("progressIndicatorType", Set.of("ProgressUpdateIndicator"));
			for (JsonFields format : indicator.objects("formatTypeCapabilities", 1, MessageContent.MANY)) {
				if (formatType(format) != FormatType.Text) {
					throw ErrorCode.INVALID_MESSAGE_TYPE_FORMAT_TYPE_ERROR
						.exception(format.path("formatType") + " must be Text for a progress indicator.");
				}
			}
		}
		return new Registration(item.path(), integration, CanonicalJson.write(item.out()));
	}

	/** The integration an item names in {@code customIntegration}, or null for the caller's own. */
	private static Integration integration(JsonFields integration) {
		if (integration == null) {
			return null;
		}
		JsonNode type = integration.raw("customIntegrationType");
		if (type == null || !type.isString()
				|| !Set.of(CHANNEL_INTEGRATION, BOT_INTEGRATION).contains(type.stringValue())) {
			throw ErrorCode.INVALID_CUSTOM_INTEGRATION_ERROR.exception(integration.path("customIntegrationType")
					+ " must be " + CHANNEL_INTEGRATION + " or " + BOT_INTEGRATION + ".");
		}
		integration.string("customIntegrationType");
		integrationName(integration, "integrationNamespace");
		String nameField = type.stringValue().equals(CHANNEL_INTEGRATION) ? "conversationChannelDefinitionDevName"
				: "extConvParticipantIntegDefDevName";
		return new Integration(type.stringValue(), integrationName(integration, nameField),
				integration.path(nameField));
	}

	private static String integrationName(JsonFields integration, String name) {
		JsonNode value = integration.raw(name);
		if (value == null || !value.isString() || value.stringValue().isBlank()
				|| value.stringValue().length() > MAX_NAME_LENGTH) {
			throw ErrorCode.INVALID_CUSTOM_INTEGRATION_ERROR.exception(integration.path(name)
					+ " is required and must be a non-blank string of at most " + MAX_NAME_LENGTH + " characters.");
		}
		return integration.string(name);
	}

	private static MessageType messageType(JsonFields type) {
		JsonNode value = type.raw("messageType");
		String name = (value != null && value.isString()) ? value.stringValue() : null;
		MessageType messageType = MessageType.of(name)
			.orElseThrow(() -> ErrorCode.INVALID_MESSAGE_TYPE_ERROR.exception(type.path("messageType") + " '" + name
					+ "' is not one of " + List.of(MessageType.values()) + "."));
		type.string("messageType");
		return messageType;
	}

	private static FormatType formatType(JsonFields format) {
		JsonNode value = format.raw("formatType");
		String name = (value != null && value.isString()) ? value.stringValue() : null;
		FormatType formatType = FormatType.of(name)
			.orElseThrow(() -> ErrorCode.INVALID_FORMAT_TYPE_ERROR
				.exception(format.path("formatType") + " '" + name + "' is not a format type."));
		format.string("formatType");
		return formatType;
	}

	private static void fieldRestriction(JsonFields restriction) {
		String path = restriction.requireString("fieldJsonPath");
		if (!FIELD_JSON_PATH.matcher(path).matches()) {
			throw ErrorCode.INVALID_PARAMETERS.exception(restriction.path("fieldJsonPath") + " '" + path
					+ "' may use only the root $ and the child operator . (e.g. $.staticContent.text).");
		}
		JsonFields rule = restriction.requireObject("restriction");
		switch (rule.requireOneOf("fieldRestrictionType", RESTRICTION_TYPES)) {
			case "StringFieldRestriction" -> {
				rule.requireOneOf("encoding", Set.of("UTF8", "GSM", "UCS2"));
				nonNegative(rule, "maxLength");
			}
			case "MimeTypeRestriction" -> rule.requireString("mimeType");
			case "FileSizeRestriction" -> nonNegative(rule, "maxSizeInKb");
			case "DimensionRestriction" -> {
				rule.requireNumber("x");
				rule.requireNumber("y");
				rule.requireOneOf("dimensionType", Set.of("PIXEL", "RATIO"));
			}
			case "ArrayRestriction" -> nonNegative(rule, "maxItems");
			case "RequiredFieldRestriction" -> rule.requireBool("fieldRequired");
			case "TypeRestriction" -> rule.requireString("type");
			default -> throw new IllegalStateException("Unhandled restriction type");
		}
	}

	private static void nonNegative(JsonFields rule, String name) {
		if (rule.requireInteger(name) < 0) {
			throw ErrorCode.INVALID_PARAMETERS.exception(rule.path(name) + " must not be negative.");
		}
	}

	/**
	 * One channelCapabilities item.
	 * @param path where it is in the request, for refusals
	 * @param integration the integration it names, or null for the caller's own
	 * @param capabilitiesJson the canonical JSON of what it registers
	 */
	public record Registration(String path, Integration integration, String capabilitiesJson) {
	}

	/** A named integration: its type, developer name and the path of that name in the request. */
	public record Integration(String integrationType, String developerName, String namePath) {
	}

}
