package org.byoc.interaction.conversation.capabilities;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import org.byoc.interaction.contract.ApiCaller;
import org.byoc.interaction.contract.CanonicalJson;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonFields;
import org.byoc.interaction.contract.JsonRequestBody;
import org.byoc.interaction.conversation.message.AbstractMessage;
import org.byoc.interaction.conversation.message.FormatType;
import org.byoc.interaction.conversation.message.MessageContent;
import org.byoc.interaction.conversation.message.MessageType;
import org.byoc.interaction.setup.BotIntegration;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.SetupDirectory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a channel (or a bot integration) told us it can render, through {@code PATCH /api/v1/capabilities} (contract
 * §B6), and the rule that honours it: a message for the channel's end users whose message and format type the
 * channel did not register, or that breaks a field restriction it registered, is refused before it is sent. A
 * channel that never registered takes every message, as before the vendor had capabilities.
 */
@Service
public class ChannelCapabilities {

	public static final String CHANNEL_INTEGRATION = "CustomChannelIntegration";

	public static final String BOT_INTEGRATION = "CustomBotIntegration";

	static final int MAX_NAME_LENGTH = 240;

	/** Only the root {@code $} and the child operator {@code .} (§B6). */
	private static final Pattern FIELD_JSON_PATH = Pattern.compile("\\$(\\.[A-Za-z0-9_]+)*");

	private static final Set<String> RESTRICTION_TYPES = Set.of("StringFieldRestriction", "MimeTypeRestriction",
			"FileSizeRestriction", "DimensionRestriction", "ArrayRestriction", "RequiredFieldRestriction",
			"TypeRestriction");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final CapabilityRepository repository;

	private final SetupDirectory setup;

	private final TransactionTemplate transactions;

	ChannelCapabilities(CapabilityRepository repository, SetupDirectory setup, TransactionTemplate transactions) {
		this.repository = repository;
		this.setup = setup;
		this.transactions = transactions;
	}

	/**
	 * Registers the capabilities of the caller's channel or bot integration, or of the integration each
	 * {@code customIntegration} names (which must belong to the caller's app). All or nothing: one fault refuses
	 * the whole request.
	 */
	public void register(ApiCaller caller, byte[] body) {
		JsonFields root = JsonRequestBody.parse(body);
		JsonFields capabilities = root.requireObject("capabilities");
		JsonNode appType = capabilities.raw("appType");
		if (appType == null || !appType.isString() || !"custom".equals(appType.stringValue())) {
			throw ErrorCode.INVALID_APP_TYPE.exception(capabilities.path("appType") + " must be 'custom'.");
		}
		Map<Target, String> registrations = new LinkedHashMap<>();
		for (JsonFields item : capabilities.objects("channelCapabilities", 1, MessageContent.MANY)) {
			Target target = channelCapabilities(caller, item);
			if (registrations.put(target, CanonicalJson.write(item.out())) != null) {
				throw ErrorCode.INVALID_CUSTOM_INTEGRATION_ERROR.exception(
						item.path() + " registers " + target.developerName() + " a second time in this request.");
			}
		}
		this.transactions.executeWithoutResult((status) -> registrations.forEach((target, json) -> this.repository
			.replace(caller.orgKey(), target.integrationType(), target.developerName(), json)));
	}

	/**
	 * Refuses a message for the channel's end users that the channel did not register (10049), or that breaks one
	 * of its registered field restrictions (10089). A channel without registered capabilities takes any message.
	 */
	public void requireRenderable(String orgId, String channelDeveloperName, AbstractMessage message) {
		Optional<String> stored = this.repository.find(OrgIds.key(orgId), CHANNEL_INTEGRATION, channelDeveloperName);
		if (stored.isEmpty()) {
			return;
		}
		JsonNode registered = JSON.readTree(stored.get());
		JsonNode format = null;
		for (JsonNode type : registered.path("messageTypeCapabilities")) {
			if (type.path("messageType").asString().equals(message.messageType().name())) {
				for (JsonNode candidate : type.path("formatTypeCapabilities")) {
					if (candidate.path("formatType").asString().equals(message.formatType().name())) {
						format = candidate;
					}
				}
			}
		}
		if (format == null) {
			throw ErrorCode.INVALID_MESSAGE_TYPE_FORMAT_TYPE_ERROR.exception("Channel " + channelDeveloperName
					+ " did not register the capability to render " + message.messageType() + " with formatType "
					+ message.formatType() + "; it registered " + registeredPairs(registered) + ".");
		}
		FieldRestrictions.check(format.path("capabilityFieldRestriction"), message.tree(), channelDeveloperName);
	}

	/**
	 * Whether the channel registered {@code progressIndicatorTypeCapabilities} with a ProgressUpdateIndicator: only
	 * then may agents and bots send it progress indicators.
	 */
	public boolean rendersProgressIndicators(String orgId, String channelDeveloperName) {
		Optional<String> stored = this.repository.find(OrgIds.key(orgId), CHANNEL_INTEGRATION, channelDeveloperName);
		if (stored.isEmpty()) {
			return false;
		}
		for (JsonNode indicator : JSON.readTree(stored.get()).path("progressIndicatorTypeCapabilities")) {
			if ("ProgressUpdateIndicator".equals(indicator.path("progressIndicatorType").asString(""))) {
				return true;
			}
		}
		return false;
	}

	private Target channelCapabilities(ApiCaller caller, JsonFields item) {
		item.oneOf("channelType", Set.of("custom"));
		Target target = target(caller, item.object("customIntegration"));
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
		return target;
	}

	/** The integration a channelCapabilities item registers: the one it names, or the caller's own. */
	private Target target(ApiCaller caller, JsonFields integration) {
		if (integration == null) {
			return new Target(caller.isBotIntegration() ? BOT_INTEGRATION : CHANNEL_INTEGRATION,
					caller.authorizationContext());
		}
		JsonNode type = integration.raw("customIntegrationType");
		if (type == null || !type.isString()
				|| !Set.of(CHANNEL_INTEGRATION, BOT_INTEGRATION).contains(type.stringValue())) {
			throw ErrorCode.INVALID_CUSTOM_INTEGRATION_ERROR.exception(integration.path("customIntegrationType")
					+ " must be " + CHANNEL_INTEGRATION + " or " + BOT_INTEGRATION + ".");
		}
		integration.string("customIntegrationType");
		integrationName(integration, "integrationNamespace");
		if (type.stringValue().equals(CHANNEL_INTEGRATION)) {
			String name = integrationName(integration, "conversationChannelDefinitionDevName");
			Optional<Channel> channel = this.setup.channel(caller.orgId(), name);
			if (channel.isEmpty() || !channel.get().connectedApp().equals(caller.consumerKey())) {
				throw ErrorCode.INVALID_CUSTOM_INTEGRATION_ERROR.exception(integration.path(
						"conversationChannelDefinitionDevName") + " '" + name + "' is not a channel of the caller's app.");
			}
			return new Target(CHANNEL_INTEGRATION, name);
		}
		String name = integrationName(integration, "extConvParticipantIntegDefDevName");
		Optional<BotIntegration> bot = this.setup.botIntegration(caller.orgId(), name);
		if (bot.isEmpty() || !bot.get().connectedApp().equals(caller.consumerKey())) {
			throw ErrorCode.INVALID_CUSTOM_INTEGRATION_ERROR.exception(integration.path(
					"extConvParticipantIntegDefDevName") + " '" + name + "' is not a bot integration of the caller's app.");
		}
		return new Target(BOT_INTEGRATION, name);
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

	private static List<String> registeredPairs(JsonNode registered) {
		List<String> pairs = new ArrayList<>();
		for (JsonNode type : registered.path("messageTypeCapabilities")) {
			for (JsonNode format : type.path("formatTypeCapabilities")) {
				pairs.add(type.path("messageType").asString() + "/" + format.path("formatType").asString());
			}
		}
		return pairs;
	}

	private record Target(String integrationType, String developerName) {
	}

}
