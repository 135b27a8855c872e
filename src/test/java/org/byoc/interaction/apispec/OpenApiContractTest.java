package org.byoc.interaction.apispec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.byoc.interaction.contract.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP spec check itself: it accepts what conforms and reports what does not (proof that it bites). */
class OpenApiContractTest {

	private static final OpenApiContract contract = OpenApiContract.load();

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String INTERACTION = """
			{"to":"b0ffeafe-0d89-4338-b14a-172ad203f22a","from":"+15550100","interactions":[{
			 "interactionType":"EntryInteraction","timestamp":1700000000000,
			 "payload":{"entryType":"Message","id":"6b1e6c2e-2d0f-4a55-8a4e-2a4f1c3c9a11","abstractMessage":{
			  "id":"6b1e6c2e-2d0f-4a55-8a4e-2a4f1c3c9a11","messageType":"StaticContentMessage",
			  "staticContent":{"formatType":"Text","text":"Hello"}}}}]}""";

	private static final String ACCEPTED = """
			{"success":true,"id":"6b1e6c2e-2d0f-4a55-8a4e-2a4f1c3c9a11",
			 "conversationIdentifier":"0b7c5a4e-1f55-4f7e-9d1e-7b0c9a2e3f10","workItemIds":["0MwSB000001a2b3"]}""";

	@Test
	void whenAnExchangeConformsThenNothingIsReported() {
		assertThat(contract.validate(interaction(INTERACTION, 202, ACCEPTED))).isEmpty();
	}

	@Test
	void whenAResponseBodyBreaksTheSpecThenTheCheckReportsIt() {
		String broken = """
				{"success":true,"id":"6b1e6c2e","conversationIdentifier":"0b7c5a4e","workItemIds":[]}""";

		List<String> violations = contract.validate(interaction(INTERACTION, 202, broken));

		assertThat(violations).anyMatch((v) -> v.contains("POST /api/v1/interactions -> 202")
				&& v.contains("response body") && v.contains("workItemIds"));
	}

	@Test
	void whenAResponseStatusIsNotDeclaredThenTheCheckReportsIt() {
		List<String> violations = contract.validate(interaction(INTERACTION, 200, ACCEPTED));

		assertThat(violations).anyMatch((v) -> v.contains("status 200 is not a declared response"));
	}

	@Test
	void whenAnErrorCodeIsNotTheOperationsThenTheCheckReportsIt() {
		List<String> violations = contract.validate(interaction(INTERACTION, 400,
				"{\"code\":10021,\"message\":\"consent status on the interactions endpoint\"}"));

		assertThat(violations).anyMatch((v) -> v.contains("response body") && v.contains("code"));
	}

	@Test
	void whenAnAcceptedRequestBreaksTheSpecThenTheCheckReportsIt() {
		HttpExchange exchange = new HttpExchange("POST", "/api/v1/route", null,
				Map.of("Authorization", List.of("Bearer 00D5g000004SWby!token"), "OrgId", List.of("00D5g000004SWby"),
						"AuthorizationContext", List.of("Partner_ChannelDefinition")),
				"application/json", node("{\"conversationIdentifier\":\"c-1\",\"routingType\":\"Sideways\"}"), null,
				202, Map.of(), "application/json", bytes("{\"success\":true}"));

		List<String> violations = contract.validate(exchange);

		assertThat(violations).anyMatch((v) -> v.contains("header parameter RequestId"))
			.anyMatch((v) -> v.contains("request body") && v.contains("routingType"));
	}

	@Test
	void whenARefusedRequestBreaksTheSpecThenOnlyTheDeclaredAnswerCounts() {
		HttpExchange refused = new HttpExchange("POST", "/api/v1/route", null, Map.of(), "application/json",
				null, null, 401, Map.of(), "application/json", bytes("{\"code\":10004,\"message\":\"no token\"}"));

		assertThat(contract.validate(refused)).isEmpty();
	}

	@Test
	void whenTheBenchProfilesBaselineAnswersThenTheSpecIsNotAskedButItsNeighboursStillAre() {
		HttpExchange noop = new HttpExchange("POST", "/api/v1/bench/noop", null, Map.of(), null, null, null, 202,
				Map.of(), "application/json", bytes("{\"success\":true}"));
		HttpExchange lookalike = new HttpExchange("POST", "/api/v1/benchmark", null, Map.of(), null, null, null, 202,
				Map.of(), "application/json", bytes("{\"success\":true}"));

		assertThat(contract.validate(noop)).isEmpty();
		assertThat(contract.validate(lookalike)).anyMatch((v) -> v.contains("the path is not in the spec"));
	}

	@Test
	void whenAPathIsNotInTheSpecThenItMayOnlyBeRefusedWithTheErrorBody() {
		HttpExchange answered = new HttpExchange("POST", "/api/v1/attachmentHistory", null, Map.of(), null, null, null,
				200, Map.of(), "application/json", bytes("{\"success\":true}"));
		HttpExchange notFound = new HttpExchange("POST", "/api/v1/attachmentHistory", null, Map.of(), null, null, null,
				404, Map.of(), "application/json", bytes("{\"code\":404,\"message\":\"No such endpoint.\"}"));
		HttpExchange oddRefusal = new HttpExchange("POST", "/api/v1/attachmentHistory", null, Map.of(), null, null, null,
				401, Map.of(), "text/html", bytes("<h1>Unauthorized</h1>"));

		assertThat(contract.validate(answered)).anyMatch((v) -> v.contains("the path is not in the spec"));
		assertThat(contract.validate(notFound)).isEmpty();
		assertThat(contract.validate(oddRefusal)).anyMatch((v) -> v.contains("error body is not JSON"));
	}

	@Test
	void whenAMethodIsNotInTheSpecThenOnlyA405IsAllowed() {
		HttpExchange get = new HttpExchange("GET", "/api/v1/interactions", null, Map.of(), null, null, null, 200,
				Map.of(), "application/json", bytes("{}"));

		assertThat(contract.validate(get)).anyMatch((v) -> v.contains("GET is not an operation"));
	}

	@Test
	void whenTheSpecListsErrorCodesThenEachIsInTheServiceCatalogue() {
		List<Integer> catalogue = Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList();

		assertThat(contract.declaredErrorCodes()).isNotEmpty().allMatch(catalogue::contains);
	}

	private static HttpExchange interaction(String requestJson, int status, String responseBody) {
		JsonNode body = json.createObjectNode().set("json", node(requestJson));
		return new HttpExchange("POST", "/api/v1/interactions", null,
				Map.of("Authorization", List.of("Bearer 00D5g000004SWby!token"), "OrgId", List.of("00D5g000004SWby"),
						"AuthorizationContext", List.of("Partner_ChannelDefinition"), "RequestId",
						List.of("9f0b7bb2-54d5-4c58-9f9c-3f3b7f0b1c2a")),
				"multipart/form-data; boundary=x", body, null, status, Map.of(), "application/json",
				bytes(responseBody));
	}

	private static JsonNode node(String text) {
		return json.readTree(text);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
