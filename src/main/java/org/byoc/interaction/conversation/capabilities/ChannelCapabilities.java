package org.byoc.interaction.conversation.capabilities;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.conversation.message.AbstractMessage;
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

	private final CapabilityRepository repository;

	private final SetupDirectory setup;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	ChannelCapabilities(CapabilityRepository repository, SetupDirectory setup, TransactionTemplate transactions,
			JsonMapper json) {
		this.json = json;
		this.repository = repository;
		this.setup = setup;
		this.transactions = transactions;
	}

	/**
	 * Registers the capabilities of the caller's channel or bot integration, or of the integration each
	 * {@code customIntegration} names (which must belong to the caller's app). All or nothing: one fault refuses
	 * the whole request.
	 */
	public void register(Registrant caller, RegisterCapabilities request) {
		Map<Target, String> registrations = new LinkedHashMap<>();
		for (RegisterCapabilities.Registration registration : request.registrations()) {
			Target target = target(caller, registration.integration());
			if (registrations.put(target, registration.capabilitiesJson()) != null) {
				throw ErrorCode.INVALID_CUSTOM_INTEGRATION_ERROR.exception(registration.path() + " registers "
						+ target.developerName() + " a second time in this request.");
			}
		}
		this.transactions.executeWithoutResult((status) -> registrations.forEach((target, json) -> this.repository
			.replace(caller.orgKey(), target.integrationType(), target.developerName(), json)));
	}

	/** The integration a channelCapabilities item registers: the one it names, or the caller's own. */
	private Target target(Registrant caller, RegisterCapabilities.Integration integration) {
		if (integration == null) {
			return new Target(caller.integrationType(), caller.developerName());
		}
		String name = integration.developerName();
		if (integration.integrationType().equals(CHANNEL_INTEGRATION)) {
			Optional<Channel> channel = this.setup.channel(caller.orgId(), name);
			if (channel.isEmpty() || !channel.get().connectedApp().equals(caller.consumerKey())) {
				throw ErrorCode.INVALID_CUSTOM_INTEGRATION_ERROR.exception(
						integration.namePath() + " '" + name + "' is not a channel of the caller's app.");
			}
			return new Target(CHANNEL_INTEGRATION, name);
		}
		Optional<BotIntegration> bot = this.setup.botIntegration(caller.orgId(), name);
		if (bot.isEmpty() || !bot.get().connectedApp().equals(caller.consumerKey())) {
			throw ErrorCode.INVALID_CUSTOM_INTEGRATION_ERROR.exception(
					integration.namePath() + " '" + name + "' is not a bot integration of the caller's app.");
		}
		return new Target(BOT_INTEGRATION, name);
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
		JsonNode registered = this.json.readTree(stored.get());
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
		for (JsonNode indicator : this.json.readTree(stored.get()).path("progressIndicatorTypeCapabilities")) {
			if ("ProgressUpdateIndicator".equals(indicator.path("progressIndicatorType").asString(""))) {
				return true;
			}
		}
		return false;
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

	/**
	 * Who registers: the caller's org, its connected app, and its own integration (a channel or a bot integration,
	 * as its AuthorizationContext says).
	 */
	public record Registrant(String orgId, String orgKey, String consumerKey, String integrationType,
			String developerName) {
	}

	private record Target(String integrationType, String developerName) {
	}

}
