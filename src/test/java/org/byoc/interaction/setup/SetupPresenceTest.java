package org.byoc.interaction.setup;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import org.byoc.interaction.setup.document.SetupDocumentReader;
import org.byoc.interaction.setup.document.SetupDocumentWriter;

/**
 * The setup keys of Omni-Channel routing: presence statuses, users' capacity and permissions, queues' routing
 * priority and members, channels' link to a contact center; their defaults, their refusals, and an export that
 * reads back the same.
 */
class SetupPresenceTest {

	static final Path dir = SetupFiles.newTestDir("setup-presence");

	static final String acme = SetupFiles.read(SetupFiles.acmeSetup(dir));

	static final String omni = acme
		.replace("      - { id: 0055g00000AgEnT, username: ada@acme.example, displayName: Ada Agent }", lines(
				"      - { id: 0055g00000AgEnT, username: ada@acme.example, displayName: Ada Agent, capacity: 3 }",
				"      - { id: 0055g00000BoBbY, username: bob@acme.example, permissions: [] }"))
		.replace("    queues: [ { id: 00G5g000001AbCd, name: Support } ]", lines("    queues:",
				"      - { id: 00G5g000001AbCd, name: Support }",
				"      - { id: 00G5g000001VipQ, name: VIP, routingPriority: 1, members: [0055g00000AgEnT] }",
				"    presenceStatuses:",
				"      - { id: 0N55g000000AvLb, name: Available_Chat, kind: Online, channels: [Omni_ChannelDefinition] }",
				"      - { id: 0N55g000000AlLc, name: Available_All, channels: [all] }",
				"      - { id: 0N55g000000BrKk, name: On_Break, kind: Busy }"))
		.replace("          - { identifier: b0ffeafe-0d89-4338-b14a-172ad203f22a, active: true }", lines(
				"          - { identifier: b0ffeafe-0d89-4338-b14a-172ad203f22a, active: true }",
				"        linkedToContactCenter: false"));

	final SetupDocumentReader reader = new SetupDocumentReader();

	private static String lines(String... lines) {
		return String.join("\n", lines);
	}

	@Test
	void whenTheKeysAreOmittedThenTheDefaultsApply() {
		Org org = this.reader.read(acme, dir, "acme.yaml").orgs().get(0);
		assertThat(org.presenceStatuses()).isEmpty();
		assertThat(org.modelsPresence()).isFalse();
		assertThat(org.users()).allSatisfy((user) -> {
			assertThat(user.capacity()).isEqualTo(1);
			assertThat(user.permissions()).isEqualTo(EnumSet.allOf(Org.Permission.class));
		});
		assertThat(org.queues()).singleElement().satisfies((queue) -> {
			assertThat(queue.routingPriority()).isEqualTo(1);
			assertThat(queue.members()).isEmpty();
			assertThat(queue.hasMember("0055g00000AgEnT")).isTrue();
		});
		assertThat(org.channels()).allSatisfy((channel) -> assertThat(channel.linkedToContactCenter()).isTrue());
	}

	@Test
	void whenTheKeysAreGivenThenTheOrgHasThemAndAnExportReadsBackTheSame() {
		Org org = this.reader.read(omni, dir, "omni.yaml").orgs().get(0);
		assertThat(org.modelsPresence()).isTrue();
		assertThat(org.presenceStatuses()).extracting(Org.PresenceStatus::name, Org.PresenceStatus::kind)
			.containsExactly(tuple("Available_Chat", Org.PresenceStatus.Kind.Online),
					tuple("Available_All", Org.PresenceStatus.Kind.Online),
					tuple("On_Break", Org.PresenceStatus.Kind.Busy));
		Org.PresenceStatus chat = org.presenceStatus("0N55g000000AvLb").orElseThrow();
		assertThat(chat.serves("Omni_ChannelDefinition")).isTrue();
		assertThat(chat.serves("Partner_ChannelDefinition")).isFalse();
		assertThat(org.presenceStatus("0N55g000000AlLc").orElseThrow().serves("Partner_ChannelDefinition")).isTrue();
		assertThat(org.presenceStatus("0N55g000000BrKk").orElseThrow().serves("Omni_ChannelDefinition")).isFalse();
		assertThat(org.hasServiceChannel("Partner_ChannelDefinition")).isTrue();
		assertThat(org.userById("0055g00000AgEnT").orElseThrow().capacity()).isEqualTo(3);
		assertThat(org.userById("0055g00000BoBbY").orElseThrow().has(Org.Permission.PartnerMessaging)).isFalse();
		Org.Queue vip = org.queue("00G5g000001VipQ").orElseThrow();
		assertThat(vip.routingPriority()).isEqualTo(1);
		assertThat(vip.hasMember("0055g00000AgEnT")).isTrue();
		assertThat(vip.hasMember("0055g00000BoBbY")).isFalse();
		assertThat(org.channel("Partner_ChannelDefinition").orElseThrow().linkedToContactCenter()).isFalse();
		assertThat(org.channel("Omni_ChannelDefinition").orElseThrow().linkedToContactCenter()).isTrue();

		Map<String, Object> exported = new SetupDocumentWriter().document(new SetupDocument(List.of(org)));
		String json = JsonMapper.builder().build().writeValueAsString(exported);
		assertThat(this.reader.read(json, dir, "export.json").orgs()).containsExactly(org);
	}

	@ParameterizedTest(name = "{2}")
	@CsvSource(delimiter = '|', textBlock = """
			capacity: 3 }                        | capacity: 0 }                          | orgs[0].users[1].capacity
			capacity: 3 }                        | capacity: two }                        | orgs[0].users[1].capacity
			permissions: [] }                    | permissions: [Admin] }                 | orgs[0].users[2].permissions[0]
			routingPriority: 1,                  | routingPriority: 0,                    | orgs[0].queues[1].routingPriority
			members: [0055g00000AgEnT]           | members: [0055g00000NoBdY]             | orgs[0].queues[1].members[0]
			members: [0055g00000AgEnT]           | members: []                            | orgs[0].queues[1].members
			kind: Busy }                         | kind: Busy, channels: [all] }          | orgs[0].presenceStatuses[2].channels
			name: Available_All, channels: [all] | name: Available_All                    | orgs[0].presenceStatuses[1].channels
			channels: [Omni_ChannelDefinition]   | channels: [Nowhere_ChannelDefinition]  | orgs[0].presenceStatuses[0].channels[0]
			kind: Online,                        | kind: Away,                            | orgs[0].presenceStatuses[0].kind
			id: 0N55g000000AlLc                  | id: 0N55g000000AvLb                    | orgs[0].presenceStatuses[1].id
			name: On_Break                       | name: Available_Chat                   | orgs[0].presenceStatuses[2].name
			id: 0N55g000000BrKk                  | id: 0N5                                | orgs[0].presenceStatuses[2].id
			linkedToContactCenter: false         | linkedToContactCenter: maybe           | orgs[0].channels[0].linkedToContactCenter
			""")
	void whenAKeyIsWrongThenTheRefusalNamesIt(String original, String broken, String key) {
		String text = omni.replace(original, broken);
		assertThat(text).isNotEqualTo(omni);
		assertThatThrownBy(() -> this.reader.read(text, dir, "omni.yaml"))
			.isInstanceOfSatisfying(SetupValidationException.class, (ex) -> assertThat(ex.key()).isEqualTo(key));
	}

}
