package org.byoc.interaction.pubsub;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API of managed subscriptions (management port, admin token): create with the setup file's keys and
 * defaults, list and read with the committed position, delete; every bad body refused with 10089 / 10100 and
 * nothing changed; one org's list never shows another's.
 */
class ManagedSubscriptionAdminApiTest extends ManagedSubscriptionTestBase {

	String base() {
		return "/admin/api/orgs/" + fixture.partnerA().orgKey() + "/managedSubscriptions";
	}

	@Test
	void whenAnOperatorCreatesASubscriptionThenItHasAnIdDefaultsAndIsPartOfTheSetup() {
		String name = uniqueName("Created");

		JsonNode created = createManaged(name, null);

		assertThat(created.get("id").asString()).startsWith("18x").hasSize(15);
		assertThat(created.get("developerName").asString()).isEqualTo(name);
		assertThat(created.get("label").asString()).isEqualTo(name);
		assertThat(created.get("topicName").asString()).isEqualTo(TOPIC);
		assertThat(created.get("state").asString()).isEqualTo("RUN");
		assertThat(created.get("defaultReplay").asString()).isEqualTo("LATEST");
		assertThat(created.get("errorRecoveryReplay").asString()).isEqualTo("LATEST");
		assertThat(created.get("committedReplayId").isNull()).isTrue();

		JsonNode listed = json(admin("GET", base(), null));
		assertThat(listed.get("managedSubscriptions")).anySatisfy(
				(item) -> assertThat(item.get("id").asString()).isEqualTo(created.get("id").asString()));
		assertThat(json(admin("GET", base() + "/" + created.get("id").asString(), null)).get("developerName")
			.asString()).isEqualTo(name);
		HttpResponse<String> setup = admin("GET", "/admin/api/setup", null);
		assertThat(setup.body()).contains("\"developerName\":\"" + name + "\"")
			.contains("\"id\":\"" + created.get("id").asString() + "\"");
	}

	@Test
	void whenTheBodyIsBadThenItIsRefusedAndNothingChanges() {
		String name = uniqueName("Taken");
		createManaged(name, null);
		int before = json(admin("GET", base(), null)).get("managedSubscriptions").size();

		assertRefused(admin("POST", base(), "{\"developerName\": \"" + name + "\", \"topicName\": \"" + TOPIC + "\"}"),
				400, 10089, "appears twice");
		assertRefused(admin("POST", base(), "{\"developerName\": \"Elsewhere\", \"topicName\": \"/event/Other__e\"}"),
				400, 10089, "topicName");
		assertRefused(admin("POST", base(), "{\"developerName\": \"Bad__Name\", \"topicName\": \"" + TOPIC + "\"}"),
				400, 10089, "developerName");
		assertRefused(admin("POST", base(), "{\"developerName\": \"Typo\", \"topicName\": \"" + TOPIC
				+ "\", \"sate\": \"RUN\"}"), 400, 10089, "unknown key");
		assertRefused(admin("POST", base(), "{\"developerName\": \"Wrong\", \"topicName\": \"" + TOPIC
				+ "\", \"state\": \"PAUSED\"}"), 400, 10089, "RUN | STOP");
		assertRefused(admin("POST", base(), "{\"topicName\": \"" + TOPIC + "\"}"), 400, 10089, "developerName");
		assertRefused(admin("POST", base(), "{\"id\": \"18x000000000001\", \"developerName\": \"Mine\", \"topicName\": \""
				+ TOPIC + "\"}"), 400, 10089, "id");
		assertRefused(admin("POST", base(), "[1, 2]"), 400, 10089, "JSON object");
		assertRefused(admin("POST", base(), ""), 400, 10100, "JSON object");

		assertThat(json(admin("GET", base(), null)).get("managedSubscriptions")).hasSize(before);
	}

	@Test
	void whenTheOrgOrTheSubscriptionDoesNotExistThen404() {
		assertRefused(admin("GET", "/admin/api/orgs/00D5g000000None/managedSubscriptions", null), 404, 404, "org");
		assertRefused(admin("GET", base() + "/No_Such_Subscription", null), 404, 404, "No_Such_Subscription");
		assertRefused(admin("DELETE", base() + "/No_Such_Subscription", null), 404, 404, "No_Such_Subscription");
	}

	@Test
	void whenDeletedThenItIsGoneWithItsPosition() {
		String name = uniqueName("Deleted");
		createManaged(name, null);

		HttpResponse<String> deleted = admin("DELETE", base() + "/" + name, null);

		assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
		assertThat(admin("GET", base() + "/" + name, null).statusCode()).isEqualTo(404);
		// created again under the same name it is a new subscription: a new id, no position
		JsonNode again = createManaged(name, null);
		assertThat(again.get("committedReplayId").isNull()).isTrue();
	}

	@Test
	void whenAnotherOrgListsItsSubscriptionsThenOrgAsAreNotAmongThem() {
		String name = uniqueName("OrgA");
		createManaged(name, null);

		HttpResponse<String> orgB = admin("GET", "/admin/api/orgs/" + fixture.partnerB().orgKey()
				+ "/managedSubscriptions", null);

		assertThat(orgB.statusCode()).isEqualTo(200);
		assertThat(orgB.body()).doesNotContain(name);
		assertThat(admin("GET", "/admin/api/orgs/" + fixture.partnerB().orgKey() + "/managedSubscriptions/" + name,
				null).statusCode()).isEqualTo(404);
	}

	private static void assertRefused(HttpResponse<String> response, int status, int code, String mentions) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(json(response).get("code").asInt()).as(response.body()).isEqualTo(code);
		assertThat(json(response).get("message").asString()).contains(mentions);
	}

}
