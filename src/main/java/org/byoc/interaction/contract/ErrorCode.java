package org.byoc.interaction.contract;

import java.util.Optional;

/**
 * The contract's error catalogue: every code of the Interaction API with the HTTP status we answer it with.
 * Symbolic names are the vendor's original ones where it had them. Domain code throws
 * {@link InteractionApiException} with one of these; only the web layer turns the status into HTTP.
 */
public enum ErrorCode {

	AUTH_CONTEXT_CHANNEL_INVALID(10001, 403, "The AuthorizationContext does not belong to the channel of the given channel address."),
	CHANNEL_TYPE_INVALID(10002, 400, "The channel type of the channel address is invalid."),
	AUTH_SCOPE_INVALID(10003, 403, "The access token does not have the interaction_api scope."),
	AUTH_TOKEN_INVALID(10004, 401, "The access token is invalid."),
	AUTH_CONTEXT_BASED_ON_TOKEN_INVALID(10005, 403, "The AuthorizationContext is not valid for the connected app of the access token."),
	CHANNEL_PROVIDER_INVALID(10006, 400, "The channel provider of the channel address is invalid."),
	FILE_ID_MISSING_ERROR(10007, 400, "The attachment interaction id is missing."),
	FILE_SIZE_EXCEEDS_LIMIT_ERROR(10008, 400, "The file exceeds the size limit."),
	FILE_DATA_EMPTY_ERROR(10009, 400, "The file is empty."),
	FILE_CONTENT_LENGTH_MISSING(10010, 400, "The attachment interaction contentLength is missing."),
	ATTACHMENTS_INPUT_ERROR(10011, 400, "The number of attachment interactions does not match the number of files."),
	WORKITEM_ID_INVALID(10012, 400, "The workItemId is not a valid messaging session id."),
	CAPACITY_INVALID(10013, 400, "Only one of capacityPercentage and capacityWeight may be given."),
	CAPACITY_WEIGHT_OUT_OF_RANGE(10014, 400, "capacityWeight must not be negative."),
	CAPACITY_PERCENTAGE_OUT_OF_RANGE(10015, 400, "capacityPercentage must be between 0 and 100."),
	API_HEADER_INVALID(10016, 400, "A required header is missing or invalid."),
	CHANNEL_ADDRESS_IDENTIFIER_INVALID(10017, 400, "The channel address identifier is invalid."),
	CONVERSATION_IDENTIFIER_INVALID(10018, 400, "The conversation identifier is invalid."),
	SERVICE_IN_READ_ONLY_MODE(10019, 503, "The service is in read-only mode. Retry later."),
	END_USER_CLIENT_INVALID(10020, 400, "The end user client id is invalid."),
	CONSENT_STATUS_INVALID(10021, 400, "The consent status is invalid."),
	CONSENT_OWNER_INVALID(10022, 400, "The consent owner of the channel is not Partner."),
	SUPPORTS_KEYWORDS_INVALID(10023, 400, "The channel supports keywords."),
	INVALID_FLOW_ROUTING_CONFIG_ERROR(10024, 400, "Flow routing needs both flowId and a fallback queueId."),
	CONVERSATION_ID_NOT_FOUND_ERROR(10025, 400, "No conversation was found for the channel address and end user."),
	CHANNEL_DEFINITION_MISSING(10026, 400, "No channel definition was found for the channel address."),
	TO_FIELD_INVALID(10027, 400, "The 'to' field is invalid."),
	FROM_FIELD_INVALID(10028, 400, "The 'from' field is invalid."),
	INTERACTION_LIST_INVALID(10029, 400, "The interactions list is invalid."),
	INVALID_ROUTING_CONFIG_ERROR(10030, 400, "routingInfo needs either a flow or a queueId."),
	CHANNEL_ADDRESS_IS_INACTIVE(10031, 400, "The channel address is inactive."),
	INVALID_QUEUE_ROUTING_CONFIG_ERROR(10032, 400, "The queueId is invalid."),
	PASS_ERROR_MESSAGE_WHEN_SUCCESS(10033, 400, "errorMessage must not be sent when success is true."),
	ERROR_MESSAGE_MISSING(10034, 400, "errorMessage is required when success is false."),
	MESSAGING_CHANNEL_TYPE_INVALID(10035, 400, "The messaging channel is not of type CUSTOM."),
	INVALID_PARTICIPANT(10036, 400, "The participant does not exist."),
	INVALID_APP_TYPE(10037, 400, "The appType is not supported."),
	INVALID_PARTICIPANT_ROLE(10038, 400, "The participant role is not supported."),
	EMPTY_PARTICIPANTS_LIST(10039, 400, "No participants were supplied."),
	NO_END_USER_PARTICIPANT(10042, 400, "No EndUser participant was supplied."),
	INVALID_CONVERSATION_HISTORY_PARTICIPANT_ROLE(10043, 400, "A participant's role must be Chatbot or EndUser."),
	MULTIPLE_END_USER_PARTICIPANTS(10044, 400, "More than one EndUser participant was supplied."),
	INVALID_MESSAGE_ENTRY(10045, 400, "The entry format is invalid."),
	INVALID_ENTRY_TIMESTAMP(10046, 400, "The entry timestamp is outside the allowed window."),
	INVALID_MESSAGE_TYPE_ERROR(10047, 400, "The messageType is invalid."),
	INVALID_FORMAT_TYPE_ERROR(10048, 400, "The formatType is invalid."),
	INVALID_MESSAGE_TYPE_FORMAT_TYPE_ERROR(10049, 400, "The formatType is not allowed for the messageType."),
	INVALID_CUSTOM_INTEGRATION_ERROR(10050, 400, "The customIntegration block is invalid."),
	CONTENT_LENGTH_ERROR(10051, 400, "contentLength does not match the size of the uploaded file."),
	INVALID_CHANNEL_ADDRESS_IDENTIFIER(10052, 400, "The channelAddressIdentifier is invalid."),
	INVALID_OR_EMPTY_PARTICIPANT_LIST(10053, 400, "The participants list is invalid or empty."),
	INVALID_PARTICIPANT_SUBJECT(10054, 400, "The participant subject is invalid."),
	CONVERSATION_PRECONDITION_FAILED(10055, 400, "A conversation precondition failed. Retry the request."),
	CONVERSATION_PROCESSING_ABORTED(10056, 400, "Conversation processing was aborted. Retry the request."),
	CONVERSATION_HISTORY_INVALID_VENDOR_TYPE(10057, 400, "Conversation history is not allowed for this partner."),
	CUSTOMER_ERROR(10058, 400, "The request could not be processed."),
	ENTRY_ID_MISSING(10059, 400, "The entry id or message id is missing."),
	ENTRY_ID_MISMATCH(10060, 400, "The entry id and the message id must be equal."),
	SESSION_START_TIME_INVALID(10061, 400, "The messaging session startTime is invalid."),
	END_USER_MESSAGE_TYPE_INVALID(10062, 400, "End users may send only StaticContentMessage, ChoicesResponseMessage or FormResponseMessage."),
	MESSAGING_SESSION_PARAMETER_NOT_SUPPORTED(10063, 400, "The org is not ready for the messagingSession parameter."),
	SESSION_END_TIME_INVALID(10064, 400, "The messaging session endTime is invalid."),
	END_USER_LEFT_TIME_NOT_ALLOWED(10065, 400, "An EndUser participant may not have a leftTime."),
	CHATBOT_LEFT_TIME_MISSING(10066, 400, "A Chatbot participant needs a leftTime on an ended conversation."),
	JOINED_TIME_NOT_BEFORE_LEFT_TIME(10067, 400, "joinedTime must be earlier than leftTime."),
	ENTRY_SENDER_NOT_PARTICIPANT(10068, 400, "The entry sender is not one of the participants."),
	CHANNEL_ADDRESS_CONFIGURATION_INVALID(10069, 400, "The channel address or its authorization configuration is invalid."),
	CHANNEL_ADDRESS_NOT_CONFIGURED_FOR_CONTEXT(10070, 400, "The channel address is not configured for the AuthorizationContext."),
	MESSAGING_SESSION_NOT_FOUND(10071, 400, "The messaging session was not found."),
	SESSION_ID_INVALID(10072, 400, "The sessionId is invalid."),
	DUPLICATE_ENTRY_ID(10073, 409, "The entry id was already used for different content."),
	ENTRY_TIMESTAMP_OUTSIDE_PARTICIPATION(10074, 400, "The entry timestamp is outside the sender's participation window."),
	CONFERENCE_ROUTING_NOT_SUPPORTED(10075, 400, "The org cannot route with routingType Conference."),
	CANCEL_REASON_NOT_SUPPORTED(10076, 400, "The org does not support cancelReason."),
	CONFERENCE_AGENT_ACTION_NOT_SUPPORTED(10077, 400, "The org does not support the Conference agent action."),
	CONVERSATION_HISTORY_PARAMETER_INVALID(10078, 400, "A conversation history parameter is invalid."),
	WORK_ID_INVALID(10082, 400, "The workId is invalid."),
	CONTEXT_TYPE_INVALID(10083, 400, "The contextType is invalid."),
	BOT_ID_INVALID(10084, 400, "The botId is invalid."),
	STATUS_INVALID(10085, 400, "The status is invalid."),
	EXTERNAL_BOT_ID_INVALID(10086, 400, "The external bot id is invalid."),
	AUTH_CONTEXT_BOT_INVALID(10087, 403, "The AuthorizationContext is not valid for the bot."),
	BOT_INACTIVE(10088, 400, "The bot is inactive."),
	INVALID_PARAMETERS(10089, 400, "Invalid parameters."),
	START_TIME_INVALID(10090, 400, "startTime must be greater than 0."),
	END_TIME_INVALID(10091, 400, "endTime must be after startTime."),
	LIMIT_OUT_OF_RANGE(10092, 400, "limit is out of range."),
	AUTHORIZATION_CONTEXT_TYPE_INVALID(10093, 400, "The AuthorizationContextType header is invalid."),
	DOWNSTREAM_TIMEOUT(10094, 503, "A downstream service timed out. Retry the request."),
	MIME_TYPE_INVALID(10095, 400, "The MIME type of the file cannot be determined or is not supported."),
	ROUTING_ATTRIBUTE_TOO_LONG(10096, 400, "A routing attribute value is longer than the channel variable allows."),
	PARTICIPANT_OPERATION_INVALID(10097, 400, "The participant operation is invalid."),
	PROGRESS_INDICATOR_CAPABILITIES_EMPTY(10098, 400, "progressIndicatorTypeCapabilities must not be empty."),
	ORG_PERMISSIONS_MISSING(10099, 403, "The org lacks the required permissions."),
	REQUEST_BODY_MISSING(10100, 400, "The request body is missing or empty."),
	DUPLICATE_PARTICIPANTS(10101, 400, "The participants list has duplicates."),
	MESSAGING_SESSION_OPERATION_INVALID(10102, 400, "The messaging session operation is invalid."),
	OPERATION_BY_INVALID(10103, 400, "operationBy is invalid."),
	MESSAGING_SESSION_NO_ACCESS(10104, 403, "No access to the messaging session."),
	END_USER_NOT_FOUND(10105, 400, "The end user was not found."),
	SESSION_ID_MISSING(10106, 400, "sessionId is required for Inactivate."),
	CCAAS_NOT_ENABLED(15102, 400, "Contact Center as a Service is not enabled for the org."),
	END_USER_NOT_OPTED_IN(15103, 400, "The messaging end user is not fully opted in."),
	CHANNEL_NOT_LINKED_TO_CONTACT_CENTER(15104, 400, "The messaging channel is not linked to a contact center."),
	USER_LACKS_PARTNER_MESSAGING_PERMISSION(15105, 400, "The user lacks the Partner Messaging permission."),
	USER_ID_INVALID(15106, 400, "The userId is invalid."),
	ROUTING_CONTEXT_CONVERSATION_MISMATCH(15107, 400, "The conversationIdentifier does not match the conversation of the workItemId."),
	SERVICE_CHANNEL_NOT_FOUND(15108, 400, "No service channel was found for the messaging session."),
	AGENT_WORK_ALREADY_EXISTS(15109, 400, "An active AgentWork already exists for this userId and workItemId."),
	WORK_ITEM_NOT_MESSAGING_SESSION(15110, 400, "The workItemId is not valid for a messaging session."),
	WORK_ITEM_NOT_FOUND(15111, 400, "The work item was not found."),
	PRESENCE_STATUS_NOT_LINKED(15112, 400, "The agent's presence status is not tied to the channel of this work."),
	CONVERSATION_LIST_LOAD_FAILED(20002, 500, "Failed to load the conversations of the end user address."),
	INTERACTION_LIST_EMPTY(20003, 400, "The interactions list is empty."),
	ORG_PERMISSION_LOOKUP_FAILED(20004, 500, "Failed to load the org permissions."),
	END_USER_NOT_FOUND_FOR_WORK_ITEM(25005, 500, "The messaging end user was not found for the workItemId."),
	CONVERSATION_NOT_FOUND_FOR_WORK_ITEM(25006, 500, "The conversation was not found for the workItemId."),
	CONVERSATION_ID_NOT_FOUND_FOR_WORK_ITEM(25007, 500, "The conversation id was not found for the workItemId."),
	ADMIN_TOKEN_INVALID(401, 401, "The admin token is missing or invalid."),
	DOWNLOAD_LINK_INVALID(403, 403, "The download link is invalid or has expired."),
	CSRF_TOKEN_INVALID(403, 403, "The request carries no valid CSRF token."),
	ENDPOINT_NOT_FOUND(404, 404, "No such endpoint."),
	METHOD_NOT_ALLOWED(405, 405, "The method is not allowed on this endpoint."),
	UNSUPPORTED_MEDIA_TYPE(415, 415, "The content type is not supported on this endpoint."),
	RATE_LIMIT_EXCEEDED(429, 429, "Interaction request rate limit exceeded"),
	SERVICE_UNAVAILABLE(503, 503, "A backing service is unavailable. Retry the request."),
	GENERIC_INTERNAL_ERROR(500, 500, "An internal error occurred. Contact support.");

	private final int code;

	private final int httpStatus;

	private final String defaultMessage;

	ErrorCode(int code, int httpStatus, String defaultMessage) {
		this.code = code;
		this.httpStatus = httpStatus;
		this.defaultMessage = defaultMessage;
	}

	public int code() {
		return this.code;
	}

	public int httpStatus() {
		return this.httpStatus;
	}

	public String defaultMessage() {
		return this.defaultMessage;
	}

	/** The first code of the catalogue with this number (403 names two refusals, both answered 403). */
	public static Optional<ErrorCode> of(int code) {
		for (ErrorCode candidate : values()) {
			if (candidate.code == code) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	public InteractionApiException exception() {
		return new InteractionApiException(this, this.defaultMessage);
	}

	public InteractionApiException exception(String message) {
		return new InteractionApiException(this, message);
	}

}
