package org.byoc.interaction.setup;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import org.byoc.interaction.setup.ConsentKeywords.Request;
import org.byoc.interaction.setup.document.SetupDocumentReader;
import org.byoc.interaction.setup.document.SetupDocumentWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A channel's consent keywords in the setup file ({@code consentKeywords}): the defaults, a channel's own words and
 * confirmations, what is refused, and how an end user's message is matched.
 */
class ConsentKeywordsSetupTest {

	static final Path dir = SetupFiles.newTestDir("consent-keywords");

	static final String acme = SetupFiles.read(SetupFiles.acmeSetup(dir));

	final SetupDocumentReader reader = new SetupDocumentReader();

	@Test
	void whenAKeywordsChannelNamesNoKeywordsThenTheDefaultsApply() {
		Channel channel = channel(keywordsChannel(""));
		assertThat(channel.handlesConsentKeywords()).isTrue();
		assertThat(channel.consentKeywords()).isEqualTo(ConsentKeywords.DEFAULT);
		assertThat(channel.consentKeywords().optOut()).containsExactly("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL",
				"END", "QUIT");
		assertThat(channel.consentKeywords().optIn()).containsExactly("START", "UNSTOP");
	}

	@Test
	void whenAChannelNamesItsOwnKeywordsThenTheyReplaceTheDefaultsAndSurviveAnExport() {
		Channel channel = channel(keywordsChannel("""
				        consentKeywords:
				          optOut: [ARRET, " Stop "]
				          optIn: [REPRENDRE]
				          optOutReply: Vous ne recevrez plus de messages.
				"""));
		assertThat(channel.consentKeywords().optOut()).containsExactly("ARRET", "Stop");
		assertThat(channel.consentKeywords().optIn()).containsExactly("REPRENDRE");
		assertThat(channel.consentKeywords().optOutReply()).isEqualTo("Vous ne recevrez plus de messages.");
		assertThat(channel.consentKeywords().optInReply()).isEqualTo(ConsentKeywords.DEFAULT_OPT_IN_REPLY);

		SetupDocument document = this.reader.read(keywordsChannel("""
				        consentKeywords: { optOut: [ARRET], optIn: [REPRENDRE] }
				"""), dir, "acme.yaml");
		String exported = JsonMapper.builder().build()
			.writeValueAsString(new SetupDocumentWriter().document(document));
		assertThat(this.reader.read(exported, dir, "export.json")).isEqualTo(document);
	}

	@ParameterizedTest(name = "{1}")
	@CsvSource(delimiter = '|', textBlock = """
			consentKeywords: { optOut: [] }                     | orgs[0].channels[0].consentKeywords.optOut
			consentKeywords: { optIn: [STOP] }                  | orgs[0].channels[0].consentKeywords.optIn
			consentKeywords: { optOutReplies: x }               | orgs[0].channels[0].consentKeywords.optOutReplies
			consentKeywords: { optOut: [THIS_KEYWORD_IS_MUCH_LONGER_THAN_FORTY_CHARS] } | orgs[0].channels[0].consentKeywords.optOut
			consentKeywords: { optInReply: ' ' }                | orgs[0].channels[0].consentKeywords.optInReply
			""")
	void whenTheKeywordsAreWrongThenTheRefusalNamesTheKey(String keywords, String key) {
		assertThatThrownBy(() -> this.reader.read(keywordsChannel("        " + keywords + "\n"), dir, "acme.yaml"))
			.isInstanceOfSatisfying(SetupValidationException.class, (ex) -> assertThat(ex.key()).isEqualTo(key));
	}

	@Test
	void whenAChannelThatDoesNotHandleKeywordsNamesThemThenItIsRefused() {
		String partnerOwned = acme.replace("        supportsKeywords: false\n",
				"        supportsKeywords: true\n        consentKeywords: { optOut: [ARRET] }\n");
		assertThatThrownBy(() -> this.reader.read(partnerOwned, dir, "acme.yaml"))
			.isInstanceOfSatisfying(SetupValidationException.class, (ex) -> {
				assertThat(ex.key()).isEqualTo("orgs[0].channels[0].consentKeywords");
				assertThat(ex.getMessage()).contains("consentOwner: Salesforce and supportsKeywords: true");
			});
	}

	@ParameterizedTest(name = "''{0}''")
	@CsvSource(delimiter = '|', nullValues = "none", textBlock = """
			STOP             | OptOut
			stop             | OptOut
			'  Stop!  '      | OptOut
			Unsubscribe.     | OptOut
			start            | OptIn
			UNSTOP           | OptIn
			please stop      | none
			STOP STOP        | none
			'stop?'          | none
			''               | none
			""")
	void whenAMessageIsMatchedThenOnlyAWholeKeywordCounts(String text, Request expected) {
		assertThat(ConsentKeywords.DEFAULT.match(text)).isEqualTo(Optional.ofNullable(expected));
	}

	private String keywordsChannel(String keywords) {
		String text = acme.replace("        consentOwner: Partner                       # Partner | Salesforce\n"
				+ "        supportsKeywords: false\n",
				"        consentOwner: Salesforce\n        supportsKeywords: true\n" + keywords);
		assertThat(text).isNotEqualTo(acme);
		return text;
	}

	private Channel channel(String text) {
		return this.reader.read(text, dir, "acme.yaml").orgs().get(0).channels().get(0);
	}

}
