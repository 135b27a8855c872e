package org.byoc.interaction.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import org.byoc.interaction.contract.ErrorCode;

/**
 * Every code of the catalogue is accounted for: either the service's code uses it (found in the compiled main
 * classes) and a named test class proves it through a real interface, or it is listed as impossible here with the
 * reason. A code that is used but listed as impossible, or neither used nor listed, fails the build, so the
 * catalogue and the service cannot drift apart unnoticed.
 */
class ErrorCodeCoverageTest {

	private static final String ROOT = "org.byoc.interaction";

	/** Codes with a real cause in this service, and the test class (under {@value #ROOT}) that produces them. */
	static final Map<ErrorCode, String> PROVEN = proven();

	/** Codes whose condition cannot arise in this service, each with the reason. */
	static final Map<ErrorCode, String> CANNOT_OCCUR_HERE = cannotOccurHere();

	private static Map<ErrorCode, String> cannotOccurHere() {
		Map<ErrorCode, String> impossible = new EnumMap<>(ErrorCode.class);
		impossible.put(ErrorCode.CONVERSATION_LIST_LOAD_FAILED, "The end user's conversation is one indexed row of the "
				+ "service's own database, read in the request's transaction: when that read fails the database is "
				+ "unavailable (503), timed out (10094) or the failure is ours (500); there is no separate list service "
				+ "whose failure 20002 reports.");
		impossible.put(ErrorCode.ORG_PERMISSION_LOOKUP_FAILED, "Org permissions are the org's setup, held in memory on "
				+ "every node and refreshed from the database; no pod lookup happens per request, so 20004's failure "
				+ "has no counterpart (a missing permission is 10099).");
		impossible.put(ErrorCode.CONVERSATION_NOT_FOUND_FOR_WORK_ITEM, "A messaging session references its conversation "
				+ "through a foreign key and conversations are never deleted while their sessions exist, so a work item "
				+ "always has its conversation.");
		impossible.put(ErrorCode.CONVERSATION_ID_NOT_FOUND_FOR_WORK_ITEM, "The conversation id is a column of the "
				+ "messaging session itself (not null, foreign key): a session found by its workItemId always names it.");
		return impossible;
	}

	private static Map<ErrorCode, String> proven() {
		Map<ErrorCode, String> proven = new EnumMap<>(ErrorCode.class);
		proven.put(ErrorCode.AUTH_CONTEXT_CHANNEL_INVALID, "conversation.InteractionsApiTest");
		proven.put(ErrorCode.CHANNEL_TYPE_INVALID, "web.ChannelAddressKindsApiTest");
		proven.put(ErrorCode.AUTH_SCOPE_INVALID, "auth.ApiSecurityTest");
		proven.put(ErrorCode.AUTH_TOKEN_INVALID, "auth.ApiSecurityTest");
		proven.put(ErrorCode.AUTH_CONTEXT_BASED_ON_TOKEN_INVALID, "auth.ApiSecurityTest");
		proven.put(ErrorCode.CHANNEL_PROVIDER_INVALID, "web.ChannelAddressKindsApiTest");
		proven.put(ErrorCode.FILE_ID_MISSING_ERROR, "conversation.BotConversationApiTest");
		proven.put(ErrorCode.FILE_SIZE_EXCEEDS_LIMIT_ERROR, "conversation.InteractionAttachmentsApiTest");
		proven.put(ErrorCode.FILE_DATA_EMPTY_ERROR, "conversation.BotConversationApiTest");
		proven.put(ErrorCode.FILE_CONTENT_LENGTH_MISSING, "conversation.BotConversationApiTest");
		proven.put(ErrorCode.ATTACHMENTS_INPUT_ERROR, "conversation.BotConversationApiTest");
		proven.put(ErrorCode.WORKITEM_ID_INVALID, "routing.AgentWorkApiTest");
		proven.put(ErrorCode.CAPACITY_INVALID, "routing.AgentWorkApiTest");
		proven.put(ErrorCode.CAPACITY_WEIGHT_OUT_OF_RANGE, "routing.AgentWorkApiTest");
		proven.put(ErrorCode.CAPACITY_PERCENTAGE_OUT_OF_RANGE, "routing.AgentWorkApiTest");
		proven.put(ErrorCode.API_HEADER_INVALID, "auth.ApiSecurityTest");
		proven.put(ErrorCode.CHANNEL_ADDRESS_IDENTIFIER_INVALID, "routing.ConsentApiTest");
		proven.put(ErrorCode.CONVERSATION_IDENTIFIER_INVALID, "routing.RouteApiTest");
		proven.put(ErrorCode.SERVICE_IN_READ_ONLY_MODE, "web.ReadOnlyMaintenanceApiTest");
		proven.put(ErrorCode.END_USER_CLIENT_INVALID, "web.ContractCodesApiTest");
		proven.put(ErrorCode.CONSENT_STATUS_INVALID, "routing.ConsentApiTest");
		proven.put(ErrorCode.CONSENT_OWNER_INVALID, "routing.ConsentApiTest");
		proven.put(ErrorCode.SUPPORTS_KEYWORDS_INVALID, "routing.ConsentApiTest");
		proven.put(ErrorCode.INVALID_FLOW_ROUTING_CONFIG_ERROR, "routing.AgentDeskApiTest");
		proven.put(ErrorCode.CONVERSATION_ID_NOT_FOUND_ERROR, "web.ContractCodesApiTest");
		proven.put(ErrorCode.CHANNEL_DEFINITION_MISSING, "routing.RemovedChannelApiTest");
		proven.put(ErrorCode.TO_FIELD_INVALID, "conversation.InteractionsApiTest");
		proven.put(ErrorCode.FROM_FIELD_INVALID, "conversation.InteractionsApiTest");
		proven.put(ErrorCode.INTERACTION_LIST_INVALID, "conversation.InteractionsApiTest");
		proven.put(ErrorCode.INVALID_ROUTING_CONFIG_ERROR, "routing.AgentDeskApiTest");
		proven.put(ErrorCode.CHANNEL_ADDRESS_IS_INACTIVE, "conversation.InteractionsApiTest");
		proven.put(ErrorCode.INVALID_QUEUE_ROUTING_CONFIG_ERROR, "routing.AgentDeskApiTest");
		proven.put(ErrorCode.PASS_ERROR_MESSAGE_WHEN_SUCCESS, "routing.SessionApiTest");
		proven.put(ErrorCode.ERROR_MESSAGE_MISSING, "routing.SessionApiTest");
		proven.put(ErrorCode.MESSAGING_CHANNEL_TYPE_INVALID, "web.ChannelAddressKindsApiTest");
		proven.put(ErrorCode.INVALID_PARTICIPANT, "conversation.AcknowledgementApiTest");
		proven.put(ErrorCode.INVALID_APP_TYPE, "conversation.AcknowledgementApiTest");
		proven.put(ErrorCode.INVALID_PARTICIPANT_ROLE, "conversation.BotConversationApiTest");
		proven.put(ErrorCode.EMPTY_PARTICIPANTS_LIST, "conversation.ConversationHistoryApiTest");
		proven.put(ErrorCode.NO_END_USER_PARTICIPANT, "conversation.ConversationHistoryApiTest");
		proven.put(ErrorCode.INVALID_CONVERSATION_HISTORY_PARTICIPANT_ROLE, "conversation.ConversationHistoryApiTest");
		proven.put(ErrorCode.MULTIPLE_END_USER_PARTICIPANTS, "conversation.ConversationHistoryApiTest");
		proven.put(ErrorCode.INVALID_MESSAGE_ENTRY, "conversation.ConversationHistoryApiTest");
		proven.put(ErrorCode.INVALID_ENTRY_TIMESTAMP, "conversation.BotConversationApiTest");
		proven.put(ErrorCode.INVALID_MESSAGE_TYPE_ERROR, "conversation.BotConversationApiTest");
		proven.put(ErrorCode.INVALID_FORMAT_TYPE_ERROR, "conversation.BotConversationApiTest");
		proven.put(ErrorCode.INVALID_MESSAGE_TYPE_FORMAT_TYPE_ERROR, "conversation.BotConversationApiTest");
		proven.put(ErrorCode.INVALID_CUSTOM_INTEGRATION_ERROR, "conversation.CapabilitiesApiTest");
		proven.put(ErrorCode.CONTENT_LENGTH_ERROR, "conversation.BotConversationApiTest");
		proven.put(ErrorCode.INVALID_CHANNEL_ADDRESS_IDENTIFIER, "conversation.ProactiveConversationApiTest");
		proven.put(ErrorCode.INVALID_OR_EMPTY_PARTICIPANT_LIST, "conversation.ProactiveConversationApiTest");
		proven.put(ErrorCode.INVALID_PARTICIPANT_SUBJECT, "conversation.ProactiveConversationApiTest");
		proven.put(ErrorCode.CONVERSATION_PRECONDITION_FAILED, "attachment.DownstreamTimeoutsApiTest");
		proven.put(ErrorCode.CONVERSATION_PROCESSING_ABORTED, "routing.AgentWorkApiTest");
		proven.put(ErrorCode.CONVERSATION_HISTORY_INVALID_VENDOR_TYPE, "conversation.ConversationHistoryApiTest");
		proven.put(ErrorCode.CUSTOMER_ERROR, "web.ContractCodesApiTest");
		proven.put(ErrorCode.ENTRY_ID_MISSING, "conversation.InteractionsApiTest");
		proven.put(ErrorCode.ENTRY_ID_MISMATCH, "conversation.BotConversationApiTest");
		proven.put(ErrorCode.SESSION_START_TIME_INVALID, "conversation.ConversationHistoryApiTest");
		proven.put(ErrorCode.END_USER_MESSAGE_TYPE_INVALID, "conversation.ConversationHistoryApiTest");
		proven.put(ErrorCode.MESSAGING_SESSION_PARAMETER_NOT_SUPPORTED, "web.OrgPermissionsApiTest");
		proven.put(ErrorCode.SESSION_END_TIME_INVALID, "conversation.ConversationHistoryApiTest");
		proven.put(ErrorCode.END_USER_LEFT_TIME_NOT_ALLOWED, "conversation.ConversationHistoryApiTest");
		proven.put(ErrorCode.CHATBOT_LEFT_TIME_MISSING, "conversation.ConversationHistoryApiTest");
		proven.put(ErrorCode.JOINED_TIME_NOT_BEFORE_LEFT_TIME, "conversation.ConversationHistoryApiTest");
		proven.put(ErrorCode.ENTRY_SENDER_NOT_PARTICIPANT, "conversation.ConversationHistoryApiTest");
		proven.put(ErrorCode.CHANNEL_ADDRESS_CONFIGURATION_INVALID, "web.ContractCodesApiTest");
		proven.put(ErrorCode.CHANNEL_ADDRESS_NOT_CONFIGURED_FOR_CONTEXT, "conversation.BotConversationApiTest");
		proven.put(ErrorCode.MESSAGING_SESSION_NOT_FOUND, "conversation.ConversationHistoryApiTest");
		proven.put(ErrorCode.SESSION_ID_INVALID, "routing.SessionApiTest");
		proven.put(ErrorCode.DUPLICATE_ENTRY_ID, "conversation.InteractionRetriesTest");
		proven.put(ErrorCode.ENTRY_TIMESTAMP_OUTSIDE_PARTICIPATION, "conversation.ConversationHistoryApiTest");
		proven.put(ErrorCode.CONFERENCE_ROUTING_NOT_SUPPORTED, "routing.RouteApiTest");
		proven.put(ErrorCode.CANCEL_REASON_NOT_SUPPORTED, "routing.RouteApiTest");
		proven.put(ErrorCode.CONFERENCE_AGENT_ACTION_NOT_SUPPORTED, "routing.AgentWorkApiTest");
		proven.put(ErrorCode.CONVERSATION_HISTORY_PARAMETER_INVALID, "conversation.ConversationHistoryApiTest");
		proven.put(ErrorCode.WORK_ID_INVALID, "routing.AgentDeskApiTest");
		proven.put(ErrorCode.CONTEXT_TYPE_INVALID, "routing.PatchAgentWorkApiTest");
		proven.put(ErrorCode.BOT_ID_INVALID, "routing.PatchAgentWorkApiTest");
		proven.put(ErrorCode.STATUS_INVALID, "routing.PatchAgentWorkApiTest");
		proven.put(ErrorCode.EXTERNAL_BOT_ID_INVALID, "conversation.BotConversationApiTest");
		proven.put(ErrorCode.AUTH_CONTEXT_BOT_INVALID, "conversation.BotConversationApiTest");
		proven.put(ErrorCode.BOT_INACTIVE, "conversation.BotConversationApiTest");
		proven.put(ErrorCode.INVALID_PARAMETERS, "web.SetupAdminApiTest");
		proven.put(ErrorCode.START_TIME_INVALID, "conversation.BotConversationApiTest");
		proven.put(ErrorCode.END_TIME_INVALID, "conversation.BotConversationApiTest");
		proven.put(ErrorCode.LIMIT_OUT_OF_RANGE, "conversation.BotConversationApiTest");
		proven.put(ErrorCode.AUTHORIZATION_CONTEXT_TYPE_INVALID, "routing.PatchAgentWorkApiTest");
		proven.put(ErrorCode.DOWNSTREAM_TIMEOUT, "attachment.DownstreamTimeoutsApiTest");
		proven.put(ErrorCode.MIME_TYPE_INVALID, "conversation.BotConversationApiTest");
		proven.put(ErrorCode.ROUTING_ATTRIBUTE_TOO_LONG, "conversation.InteractionsApiTest");
		proven.put(ErrorCode.PARTICIPANT_OPERATION_INVALID, "routing.SessionApiTest");
		proven.put(ErrorCode.PROGRESS_INDICATOR_CAPABILITIES_EMPTY, "conversation.CapabilitiesApiTest");
		proven.put(ErrorCode.ORG_PERMISSIONS_MISSING, "web.OrgPermissionsApiTest");
		proven.put(ErrorCode.REQUEST_BODY_MISSING, "routing.ConsentApiTest");
		proven.put(ErrorCode.DUPLICATE_PARTICIPANTS, "conversation.ConversationHistoryApiTest");
		proven.put(ErrorCode.MESSAGING_SESSION_OPERATION_INVALID, "routing.SessionApiTest");
		proven.put(ErrorCode.OPERATION_BY_INVALID, "routing.SessionApiTest");
		proven.put(ErrorCode.MESSAGING_SESSION_NO_ACCESS, "web.ContractCodesApiTest");
		proven.put(ErrorCode.END_USER_NOT_FOUND, "routing.SessionApiTest");
		proven.put(ErrorCode.SESSION_ID_MISSING, "routing.SessionApiTest");
		proven.put(ErrorCode.CCAAS_NOT_ENABLED, "routing.AgentWorkApiTest");
		proven.put(ErrorCode.USER_ID_INVALID, "agent.AgentActionsApiTest");
		proven.put(ErrorCode.ROUTING_CONTEXT_CONVERSATION_MISMATCH, "routing.AgentWorkApiTest");
		proven.put(ErrorCode.AGENT_WORK_ALREADY_EXISTS, "routing.AgentWorkApiTest");
		proven.put(ErrorCode.WORK_ITEM_NOT_MESSAGING_SESSION, "routing.AgentWorkApiTest");
		proven.put(ErrorCode.WORK_ITEM_NOT_FOUND, "routing.AgentWorkApiTest");
		proven.put(ErrorCode.INTERACTION_LIST_EMPTY, "conversation.InteractionsApiTest");
		proven.put(ErrorCode.ADMIN_TOKEN_INVALID, "auth.AdminPortSecurityTest");
		proven.put(ErrorCode.DOWNLOAD_LINK_INVALID, "attachment.FileSystemAttachmentsHttpTest");
		proven.put(ErrorCode.ENDPOINT_NOT_FOUND, "auth.ApiSecurityTest");
		proven.put(ErrorCode.METHOD_NOT_ALLOWED, "web.ContractCodesApiTest");
		proven.put(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "web.SetupAdminApiTest");
		proven.put(ErrorCode.RATE_LIMIT_EXCEEDED, "auth.ApiRateLimitTest");
		proven.put(ErrorCode.SERVICE_UNAVAILABLE, "reliability.DatabaseOutageTest");
		proven.put(ErrorCode.END_USER_NOT_OPTED_IN, "agent.EndUserConsentApiTest");
		proven.put(ErrorCode.CHANNEL_NOT_LINKED_TO_CONTACT_CENTER, "routing.AgentWorkChecksTest");
		proven.put(ErrorCode.USER_LACKS_PARTNER_MESSAGING_PERMISSION, "routing.AgentWorkChecksTest");
		proven.put(ErrorCode.SERVICE_CHANNEL_NOT_FOUND, "routing.AgentWorkChecksTest");
		proven.put(ErrorCode.PRESENCE_STATUS_NOT_LINKED, "routing.AgentWorkChecksTest");
		proven.put(ErrorCode.END_USER_NOT_FOUND_FOR_WORK_ITEM, "routing.AgentWorkChecksTest");
		proven.put(ErrorCode.CSRF_TOKEN_INVALID, "auth.ConsoleSessionSecurityTest");
		proven.put(ErrorCode.GENERIC_INTERNAL_ERROR, "web.DatabaseFailuresTest");
		return proven;
	}

	static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(ROOT);

	@Test
	void whenTheCatalogueIsCheckedThenEveryCodeIsProvenOrImpossibleExactlyOnce() {
		List<String> problems = new ArrayList<>();
		for (ErrorCode code : ErrorCode.values()) {
			int places = (PROVEN.containsKey(code) ? 1 : 0) + (CANNOT_OCCUR_HERE.containsKey(code) ? 1 : 0);
			if (places != 1) {
				problems.add(code.code() + " " + code + " is listed " + places + " times (proven, cannot occur)");
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void whenTheMainCodeIsScannedThenProvenCodesAreUsedAndTheOthersAreNot() {
		Set<ErrorCode> used = usedInMainCode();
		List<String> problems = new ArrayList<>();
		for (ErrorCode code : ErrorCode.values()) {
			if (PROVEN.containsKey(code) && !used.contains(code)) {
				problems.add(code.code() + " " + code + " is listed as proven but nothing in the service uses it");
			}
			if (CANNOT_OCCUR_HERE.containsKey(code) && used.contains(code)) {
				problems.add(code.code() + " " + code + " is used now: move it from CANNOT_OCCUR_HERE to PROVEN");
			}
		}
		assertThat(problems).isEmpty();
		assertThat(used).as("the scan finds the codes the service throws").contains(ErrorCode.INVALID_PARAMETERS,
				ErrorCode.SERVICE_IN_READ_ONLY_MODE, ErrorCode.DOWNSTREAM_TIMEOUT);
	}

	@Test
	void whenAProvingTestIsNamedThenItExistsAndAssertsThatCode() throws IOException {
		List<String> problems = new ArrayList<>();
		for (Map.Entry<ErrorCode, String> proof : PROVEN.entrySet()) {
			String className = ROOT + "." + proof.getValue();
			Path source = Path.of("src/test/java", className.replace('.', '/') + ".java");
			try {
				Class.forName(className);
			}
			catch (ClassNotFoundException ex) {
				problems.add(proof.getKey().code() + ": no test class " + className);
				continue;
			}
			String text = Files.readString(source, StandardCharsets.UTF_8);
			if (!Pattern.compile("\\b" + proof.getKey().code() + "\\b").matcher(text).find()) {
				problems.add(proof.getKey().code() + ": " + className + " never mentions the code");
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void whenACodeCannotOccurThenItsReasonSaysWhy() {
		assertThat(CANNOT_OCCUR_HERE.values()).allSatisfy((reason) -> assertThat(reason).hasSizeGreaterThan(40));
	}

	/** The catalogue constants the compiled service reads, anywhere but in the catalogue itself. */
	static Set<ErrorCode> usedInMainCode() {
		Set<String> names = new TreeSet<>();
		for (JavaClass javaClass : MAIN) {
			if (javaClass.isEquivalentTo(ErrorCode.class)) {
				continue;
			}
			for (JavaFieldAccess access : javaClass.getFieldAccessesFromSelf()) {
				if (access.getTargetOwner().isEquivalentTo(ErrorCode.class)) {
					names.add(access.getName());
				}
			}
		}
		Set<ErrorCode> used = EnumSet.noneOf(ErrorCode.class);
		for (ErrorCode code : ErrorCode.values()) {
			if (names.contains(code.name())) {
				used.add(code);
			}
		}
		return used;
	}

}
