package org.byoc.interaction.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.byoc.interaction.support.AdminKeys;

import static org.assertj.core.api.Assertions.assertThat;

/** GET and PUT /admin/api/setup over HTTP on the management port, with a token from generate_admin_key.sh. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SetupAdminApiTest {

	static final Path WORK = AdminKeys.freshDir("setup-admin");

	static final String TOKEN = AdminKeys.tokenFor(WORK.resolve("keys"), "1h");

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	int apiPort;

	@LocalManagementPort
	int managementPort;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("interactionservice.data-dir", () -> WORK.resolve("data").toString());
		registry.add("interactionservice.admin.public-key", () -> WORK.resolve("keys/admin_public.pem").toString());
	}

	@Test
	void whenTheYamlExportIsPutBackThenNothingChanges() throws Exception {
		HttpResponse<String> exported = get("application/yaml");
		assertThat(exported.statusCode()).isEqualTo(200);
		assertThat(exported.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/yaml"));
		assertThat(exported.body()).startsWith("orgs:").contains("-----BEGIN CERTIFICATE-----");

		HttpResponse<String> applied = put("application/yaml", exported.body());

		assertThat(applied.statusCode()).isEqualTo(200);
		JsonNode result = JSON.readTree(applied.body());
		assertThat(result.path("createdOrgs").isEmpty()).isTrue();
		assertThat(result.path("updatedOrgs").isEmpty()).isTrue();
		assertThat(result.path("unchangedOrgs").size()).isEqualTo(orgCount());
		assertThat(get("application/yaml").body()).isEqualTo(exported.body());
	}

	@Test
	void whenAChangedDocumentIsPutThenTheExportShowsTheChange() throws Exception {
		ObjectNode document = (ObjectNode) JSON.readTree(get("application/json").body());
		ObjectNode org = (ObjectNode) document.path("orgs").get(0);
		String newName = "Renamed " + UUID.randomUUID();
		org.put("name", newName);

		HttpResponse<String> applied = put("application/json", JSON.writeValueAsString(document));

		assertThat(applied.statusCode()).isEqualTo(200);
		String orgKey = org.path("id").asString().substring(0, 15);
		assertThat(JSON.readTree(applied.body()).path("updatedOrgs").toString()).contains(orgKey);
		JsonNode exported = YAMLMapper.builder().build().readTree(get("text/yaml").body());
		assertThat(exported.path("orgs").get(0).path("name").asString()).isEqualTo(newName);
	}

	@Test
	void whenANewOrgIsPutAsYamlThenItIsCreatedAndExported() throws Exception {
		String certificate = YAMLMapper.builder()
			.build()
			.readTree(get("application/yaml").body())
			.path("orgs").get(0).path("connectedApps").get(0).path("certificate").asString();
		String orgId = "00D5g00000" + UUID.randomUUID().toString().replace("-", "").substring(0, 5).toUpperCase();
		String yaml = """
				orgs:
				  - id: %s
				    name: Globex
				    users: [ { id: 0055g00000GlObX, username: ops@globex.example } ]
				    connectedApps:
				      - consumerKey: 3MVG9_globex_%s
				        certificate: |
				%s
				        scopes: [interaction_api]
				        preAuthorizedUsers: [ops@globex.example]
				""".formatted(orgId, orgId, certificate.indent(10).stripTrailing());

		HttpResponse<String> applied = put("application/x-yaml", yaml);

		assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
		assertThat(JSON.readTree(applied.body()).path("createdOrgs").toString()).contains(orgId);
		assertThat(get("application/json").body()).contains(orgId).contains("Globex");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "application/yaml | application/yaml", "application/x-yaml | application/yaml",
			"text/yaml | application/yaml", "application/json | application/json", "*/* | application/json",
			"'' | application/json", "application/json, application/yaml;q=0.5 | application/json",
			"application/yaml, */*;q=0.1 | application/yaml" })
	void whenAcceptNamesAFormatThenTheExportUsesIt(String accept, String expectedType) throws Exception {
		HttpResponse<String> response = get(accept.isEmpty() ? null : accept);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith(expectedType);
		if (expectedType.equals("application/json")) {
			assertThat(JSON.readTree(response.body()).path("orgs").isArray()).isTrue();
		}
	}

	@Test
	void whenThePutDocumentIsInvalidThenRefusedWith10089NamingTheKey() throws Exception {
		HttpResponse<String> response = put("application/yaml", "orgs:\n  - id: 00D5g000004SWbyEAG\n    nmae: Typo\n");

		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.path("code").asInt()).isEqualTo(10089);
		assertThat(body.path("message").asString()).contains("PUT /admin/api/setup").contains("nmae");
	}

	@Test
	void whenThePutBodyIsNotYamlOrJsonTypedThenRefusedWith415() throws Exception {
		HttpResponse<String> response = put("text/plain", "orgs: []\n");

		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(JSON.readTree(response.body()).path("code").asInt()).isEqualTo(415);
	}

	@Test
	void whenPutHasNoAdminTokenThenRefusedWith401AndNothingIsApplied() throws Exception {
		String before = get("application/yaml").body();

		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(managementUri())
			.header("Content-Type", "application/yaml")
			.PUT(HttpRequest.BodyPublishers.ofString("orgs: []\n"))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(get("application/yaml").body()).isEqualTo(before);
	}

	@Test
	void whenTheApiPortIsAskedForTheSetupThenNotFound() throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.apiPort
				+ "/admin/api/setup"))
			.header("Authorization", "Bearer " + TOKEN)
			.header("Content-Type", "application/yaml")
			.PUT(HttpRequest.BodyPublishers.ofString("orgs: []\n"))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(404);
	}

	private int orgCount() throws Exception {
		return JSON.readTree(get("application/json").body()).path("orgs").size();
	}

	private URI managementUri() {
		return URI.create("http://localhost:" + this.managementPort + "/admin/api/setup");
	}

	private HttpResponse<String> get(String accept) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(managementUri()).header("Authorization", "Bearer " + TOKEN);
		if (accept != null) {
			request.header("Accept", accept);
		}
		return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> put(String contentType, String body) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(managementUri())
			.header("Authorization", "Bearer " + TOKEN)
			.header("Content-Type", contentType)
			.PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

}
