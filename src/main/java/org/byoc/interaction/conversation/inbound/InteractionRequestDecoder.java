package org.byoc.interaction.conversation.inbound;

import org.byoc.interaction.contract.JsonFields;
import org.byoc.interaction.conversation.message.Entry;
import org.byoc.interaction.conversation.message.EntryType;
import org.byoc.interaction.conversation.message.Message;
import org.byoc.interaction.conversation.message.MessageContent;
import org.byoc.interaction.conversation.message.MessageDeliveryFailed;
import org.byoc.interaction.conversation.message.TypingStartedIndicator;
import org.byoc.interaction.conversation.message.TypingStoppedIndicator;
import org.byoc.interaction.outbound.Participant;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.byoc.interaction.contract.ContractFindings;
import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.Leniency;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decodes and validates the {@code json} part of {@code POST /api/v1/interactions} (contract §B1, §C) into an
 * {@link InteractionRequest}, or refuses it with the contract's code. Checks that need the channel (address known,
 * active, allowed for the AuthorizationContext; routing attribute lengths) or the files (count, size, type) are the
 * caller's.
 * <p>
 * Which code for which fault, where the contract leaves a choice:
 * <ul>
 * <li>empty part: 10100; larger than the cap, not JSON, not an object, beyond a parser limit: 10089;</li>
 * <li>{@code to} / {@code from} missing, not a string, blank or too long: 10027 / 10028 (an integral number is
 * taken as its digits, as the vendor's Jackson does);</li>
 * <li>{@code routingAttributes} not an object of strings: 10089 (null values are dropped); their lengths are
 * checked against the channel by {@link RoutingAttributes#check};</li>
 * <li>{@code interactions} missing or not one element: 10029, empty: 20003; the interaction itself (not an object,
 * {@code interactionType} missing or unknown, {@code timestamp} missing or not a non-negative integer): 10029;</li>
 * <li>EntryInteraction: {@code payload} missing, {@code entryType} missing or not one of this endpoint's four:
 * 10045; {@code payload.id} or {@code abstractMessage.id} missing: 10059; they differ: 10060; any id longer than
 * {@value #MAX_ID_LENGTH}: 10089;</li>
 * <li>Message: messageType 10047 / 10062, formatType 10048 / 10049, anything else wrong inside the message
 * (missing {@code abstractMessage}, a required format field missing or mistyped): 10045;</li>
 * <li>Typing indicators without {@code payload.timestamp}, MessageDeliveryFailed without {@code recipient},
 * {@code recipient.subject} or {@code errorCode}: 10089; recipient appType not {@code custom}: 10037, role not
 * {@code EndUser}: 10038 (both compared exactly); the subject is not compared with {@code from};</li>
 * <li>AttachmentInteraction: {@code id} missing or blank 10007, {@code contentLength} missing 10010 (not a
 * non-negative integer 10089), {@code attachmentIndex} missing, not an integer or negative 10011, {@code text}
 * not a string 10089.</li>
 * </ul>
 * Unknown fields are ignored everywhere and dropped from the rebuilt payloads; those of the json part and its
 * interaction are reported as leniencies ({@link ContractFindings}), refused in strict mode. Thread-safe.
 */
public final class InteractionRequestDecoder {

	/** The default cap on the size of the json part: 1 MiB, far above any real message. */
	public static final int DEFAULT_MAX_JSON_BYTES = 1024 * 1024;

	/** Deeper JSON is refused before it is parsed further; real messages nest about a dozen levels. */
	public static final int MAX_NESTING_DEPTH = 64;

	/** The longest accepted entry, message or attachment id (the vendor's are 36-character UUIDs). */
	public static final int MAX_ID_LENGTH = 255;

	static final int MAX_TO_LENGTH = 240;

	static final int MAX_FROM_LENGTH = 255;

	private static final int MAX_NAME_LENGTH = 1000;

	private static final int MAX_NUMBER_LENGTH = 100;

	private static final long MAX_TOKEN_COUNT = 100_000;

	private final int maxJsonBytes;

	private final JsonMapper mapper;

	public InteractionRequestDecoder() {
		this(DEFAULT_MAX_JSON_BYTES);
	}

	/** @param maxJsonBytes the largest json part accepted, in bytes */
	public InteractionRequestDecoder(int maxJsonBytes) {
		if (maxJsonBytes < 1 || maxJsonBytes == Integer.MAX_VALUE) {
			throw new IllegalArgumentException("maxJsonBytes must be between 1 and " + (Integer.MAX_VALUE - 1));
		}
		this.maxJsonBytes = maxJsonBytes;
		StreamReadConstraints constraints = StreamReadConstraints.builder()
			.maxNestingDepth(MAX_NESTING_DEPTH)
			.maxDocumentLength(maxJsonBytes)
			.maxStringLength(maxJsonBytes)
			.maxNameLength(MAX_NAME_LENGTH)
			.maxNumberLength(MAX_NUMBER_LENGTH)
			.maxTokenCount(MAX_TOKEN_COUNT)
			.build();
		this.mapper = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(constraints).build())
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.build();
	}

	public int maxJsonBytes() {
		return this.maxJsonBytes;
	}

	/** Reads at most one byte more than the cap, so an oversized part is refused without being held whole. */
	public InteractionRequest decode(InputStream json) throws IOException {
		return decode(json.readNBytes(this.maxJsonBytes + 1));
	}

	public InteractionRequest decode(byte[] json) {
		if (json == null || json.length == 0) {
			throw ErrorCode.REQUEST_BODY_MISSING.exception("The json part is empty.");
		}
		if (json.length > this.maxJsonBytes) {
			throw ErrorCode.INVALID_PARAMETERS
				.exception("The json part is larger than " + this.maxJsonBytes + " bytes.");
		}
		ContractFindings.body(json);
		JsonFields root = JsonFields.of(parse(json), "", ErrorCode.INVALID_PARAMETERS);
		unknownFields(root, "", ROOT_FIELDS);
		String to = address(root, "to", MAX_TO_LENGTH, ErrorCode.TO_FIELD_INVALID);
		String from = address(root, "from", MAX_FROM_LENGTH, ErrorCode.FROM_FIELD_INVALID);
		JsonNode interactions = root.raw("interactions");
		if (interactions == null || !interactions.isArray()) {
			throw ErrorCode.INTERACTION_LIST_INVALID.exception("interactions is required and must be a JSON array.");
		}
		if (interactions.isEmpty()) {
			throw ErrorCode.INTERACTION_LIST_EMPTY.exception("interactions is empty; send exactly one interaction.");
		}
		if (interactions.size() > 1) {
			throw ErrorCode.INTERACTION_LIST_INVALID
				.exception("interactions has " + interactions.size() + " elements; send exactly one interaction.");
		}
		Map<String, String> routingAttributes = routingAttributes(root.raw("routingAttributes"));
		return new InteractionRequest(to, from, routingAttributes, interaction(interactions.get(0)));
	}

	private JsonNode parse(byte[] json) {
		JsonNode root;
		try {
			root = this.mapper.readTree(json);
		}
		catch (StreamConstraintsException ex) {
			throw ErrorCode.INVALID_PARAMETERS.exception("The json part is nested deeper than " + MAX_NESTING_DEPTH
					+ " levels or has a name, number or token count beyond the service's limits.");
		}
		catch (JacksonException ex) {
			throw ErrorCode.INVALID_PARAMETERS.exception("The json part is not valid JSON" + where(ex) + ".");
		}
		if (root == null || root.isMissingNode()) {
			throw ErrorCode.REQUEST_BODY_MISSING.exception("The json part is empty.");
		}
		if (!root.isObject()) {
			throw ErrorCode.INVALID_PARAMETERS.exception("The json part must be a JSON object.");
		}
		return root;
	}

	private static String where(JacksonException ex) {
		TokenStreamLocation location = ex.getLocation();
		if (location == null || location.getLineNr() < 1) {
			return "";
		}
		return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
	}

	private static String address(JsonFields root, String name, int maxLength, ErrorCode code) {
		JsonNode value = root.raw(name);
		String text = (value != null && (value.isString() || value.isIntegralNumber())) ? value.asString() : null;
		if (text == null || text.isBlank()) {
			throw code.exception(name + " is required and must be a non-blank string.");
		}
		if (text.length() > maxLength) {
			throw code.exception(name + " must be at most " + maxLength + " characters long, not " + text.length() + ".");
		}
		return text;
	}

	public static Map<String, String> routingAttributes(JsonNode value) {
		Map<String, String> attributes = new LinkedHashMap<>();
		if (value == null) {
			return attributes;
		}
		if (!value.isObject()) {
			throw ErrorCode.INVALID_PARAMETERS.exception("routingAttributes must be a JSON object of strings.");
		}
		for (Map.Entry<String, JsonNode> attribute : value.properties()) {
			JsonNode text = attribute.getValue();
			if (text.isNull()) {
				continue;
			}
			if (!text.isString() && !text.isIntegralNumber()) {
				throw ErrorCode.INVALID_PARAMETERS
					.exception("routingAttributes." + attribute.getKey() + " must be a string.");
			}
			attributes.put(attribute.getKey(), text.asString());
		}
		return attributes;
	}

	/** The fields of the json part and of its interaction this endpoint reads; the rest is reported, then ignored. */
	private static final Set<String> ROOT_FIELDS = Set.of("to", "from", "interactions", "routingAttributes");

	private static final Set<String> INTERACTION_FIELDS = Set.of("interactionType", "timestamp", "payload", "id",
			"attachmentIndex", "contentLength", "text");

	/**
	 * A leniency (refused in strict mode) for every field the endpoint does not know; the legacy {@code id} at the
	 * top (the request id before it became the RequestId header) is named as such.
	 */
	private static void unknownFields(JsonFields fields, String prefix, Set<String> known) {
		for (String name : fields.node().propertyNames()) {
			if (known.contains(name)) {
				continue;
			}
			if (prefix.isEmpty() && "id".equals(name)) {
				ContractFindings.warn(Leniency.LEGACY_STRUCTURE,
						"the json part has the January 2024 field 'id'; send the request id as the RequestId header");
			}
			else {
				ContractFindings.warn(Leniency.UNKNOWN_FIELD, "unknown field " + prefix + name + " is ignored");
			}
		}
	}

	private static Interaction interaction(JsonNode node) {
		JsonFields interaction = JsonFields.of(node, "interactions[0]", ErrorCode.INTERACTION_LIST_INVALID);
		unknownFields(interaction, "interactions[0].", INTERACTION_FIELDS);
		JsonNode type = interaction.raw("interactionType");
		if (type == null || !type.isString()) {
			throw ErrorCode.INTERACTION_LIST_INVALID
				.exception("interactions[0].interactionType is required and must be a string.");
		}
		long timestamp = interaction.requireInteger("timestamp");
		if (timestamp < 0) {
			throw ErrorCode.INTERACTION_LIST_INVALID.exception("interactions[0].timestamp must not be negative.");
		}
		return switch (type.stringValue()) {
			case "EntryInteraction" -> new EntryInteraction(timestamp, entry(interaction));
			case "AttachmentInteraction" -> attachment(interaction, timestamp);
			default -> throw ErrorCode.INTERACTION_LIST_INVALID.exception("interactions[0].interactionType '"
					+ type.stringValue() + "' is not one of AttachmentInteraction, EntryInteraction.");
		};
	}

	private static Entry entry(JsonFields interaction) {
		JsonNode raw = interaction.raw("payload");
		if (raw == null || !raw.isObject()) {
			throw ErrorCode.INVALID_MESSAGE_ENTRY.exception("interactions[0].payload is required and must be a JSON object.");
		}
		JsonFields payload = JsonFields.of(raw, "interactions[0].payload",
				ErrorCode.INVALID_PARAMETERS);
		JsonNode typeName = payload.raw("entryType");
		EntryType type = (typeName != null && typeName.isString()) ? EntryType.of(typeName.stringValue()).orElse(null)
				: null;
		if (type == null) {
			throw ErrorCode.INVALID_MESSAGE_ENTRY.exception(payload.path("entryType") + " is required and must be one of "
					+ "Message, MessageDeliveryFailed, TypingStartedIndicator, TypingStoppedIndicator.");
		}
		String id = payload.requireNonBlank("id", ErrorCode.ENTRY_ID_MISSING, MAX_ID_LENGTH);
		return switch (type) {
			case Message -> message(payload, id);
			case TypingStartedIndicator -> new TypingStartedIndicator(id, payload.requireInteger("timestamp"));
			case TypingStoppedIndicator -> new TypingStoppedIndicator(id, payload.requireInteger("timestamp"));
			case MessageDeliveryFailed -> deliveryFailed(payload, id);
		};
	}

	private static Message message(JsonFields payload, String id) {
		JsonFields message = payload.requireObject("abstractMessage", MessageContent.INVALID);
		String messageId = message.requireNonBlank("id", ErrorCode.ENTRY_ID_MISSING, MAX_ID_LENGTH);
		if (!messageId.equals(id)) {
			throw ErrorCode.ENTRY_ID_MISMATCH.exception("interactions[0].payload.id '" + id
					+ "' and abstractMessage.id '" + messageId + "' must be equal.");
		}
		return new Message(id, MessageContent.read(message, id));
	}

	private static MessageDeliveryFailed deliveryFailed(JsonFields payload, String id) {
		JsonFields recipient = payload.requireObject("recipient");
		JsonNode appType = recipient.raw("appType");
		if (appType == null || !appType.isString() || !Participant.CUSTOM.equals(appType.stringValue())) {
			throw ErrorCode.INVALID_APP_TYPE.exception(recipient.path("appType") + " must be '" + Participant.CUSTOM
					+ "': a delivery failure is reported for the end user.");
		}
		JsonNode role = recipient.raw("role");
		if (role == null || !role.isString() || !Participant.END_USER.equals(role.stringValue())) {
			throw ErrorCode.INVALID_PARTICIPANT_ROLE.exception(recipient.path("role") + " must be '"
					+ Participant.END_USER + "': a delivery failure is reported for the end user.");
		}
		String subject = recipient.requireString("subject");
		String errorCode = payload.requireString("errorCode");
		String errorMessage = payload.string("errorMessage");
		return new MessageDeliveryFailed(id, Participant.endUser(subject), errorCode, errorMessage,
				failedEntry(payload));
	}

	/**
	 * The documented {@code failedConversationEntryIdentifier}, or {@code failedChannelEntryIdentifier}, the name
	 * the vendor's own demo app sends: read (and stored) as the documented field. Both with different values is
	 * a contradiction, refused rather than guessed.
	 */
	private static String failedEntry(JsonFields payload) {
		String documented = payload.string("failedConversationEntryIdentifier");
		JsonNode demoName = payload.raw("failedChannelEntryIdentifier");
		if (demoName == null) {
			return documented;
		}
		if (!demoName.isString() && !demoName.isIntegralNumber()) {
			throw ErrorCode.INVALID_PARAMETERS
				.exception(payload.path("failedChannelEntryIdentifier") + " must be a string.");
		}
		String alias = demoName.asString();
		if (documented != null && !documented.equals(alias)) {
			throw ErrorCode.INVALID_PARAMETERS.exception(payload.path("failedConversationEntryIdentifier") + " '"
					+ documented + "' and its other name failedChannelEntryIdentifier '" + alias
					+ "' name different entries; send one of them.");
		}
		ContractFindings.warn(Leniency.DEPRECATED_FIELD_NAME, payload.path("failedChannelEntryIdentifier")
				+ " is the demo app's name; send failedConversationEntryIdentifier");
		return alias;
	}

	private static AttachmentInteraction attachment(JsonFields interaction, long timestamp) {
		String id = interaction.requireNonBlank("id", ErrorCode.FILE_ID_MISSING_ERROR, MAX_ID_LENGTH);
		if (interaction.raw("contentLength") == null) {
			throw ErrorCode.FILE_CONTENT_LENGTH_MISSING.exception("interactions[0].contentLength is required.");
		}
		long contentLength = interaction.requireInteger("contentLength", ErrorCode.INVALID_PARAMETERS);
		if (contentLength < 0) {
			throw ErrorCode.INVALID_PARAMETERS.exception("interactions[0].contentLength must not be negative.");
		}
		Long index = interaction.integer("attachmentIndex", ErrorCode.ATTACHMENTS_INPUT_ERROR);
		if (index == null || index < 0 || index > Integer.MAX_VALUE) {
			throw ErrorCode.ATTACHMENTS_INPUT_ERROR
				.exception("interactions[0].attachmentIndex is required and must be the file's position (0 or more).");
		}
		String text = interaction.string("text", ErrorCode.INVALID_PARAMETERS);
		return new AttachmentInteraction(timestamp, id, index.intValue(), contentLength, text);
	}

}
