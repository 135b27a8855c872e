package org.byoc.interaction.auth.token;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** The public URL and the accepted assertion audiences, from the properties an operator sets. */
class ServiceUrlsTest {

	@Test
	void whenNothingIsConfiguredThenTheVendorLoginHostsAndTheBoundPortAreAccepted() {
		MockEnvironment environment = new MockEnvironment().withProperty("server.port", "0")
			.withProperty("local.server.port", "41234");
		ServiceUrls urls = new ServiceUrls(environment, null);

		assertThat(urls.publicUrl()).isEqualTo("http://localhost:41234");
		assertThat(urls.acceptedAudiences()).containsExactly("https://login.salesforce.com",
				"https://test.salesforce.com", "http://localhost:41234");
		assertThat(urls.isAcceptedAudience("https://LOGIN.salesforce.com/")).isTrue();
		assertThat(urls.isAcceptedAudience("https://login.salesforce.com.evil.example")).isFalse();
	}

	@Test
	void whenThePublicUrlIsConfiguredThenItIsTheBaseAndAnAudience() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("interactionservice.public-url", "https://byoc.example.com/")
			.withProperty("local.server.port", "41234");
		ServiceUrls urls = new ServiceUrls(environment, List.of());

		assertThat(urls.publicUrl()).isEqualTo("https://byoc.example.com");
		assertThat(urls.isAcceptedAudience("https://byoc.example.com")).isTrue();
		assertThat(urls.isAcceptedAudience("http://localhost:41234")).isFalse();
	}

	@Test
	void whenAudiencesAreConfiguredThenExactlyThoseAreAccepted() {
		ServiceUrls urls = new ServiceUrls(new MockEnvironment(), List.of(" https://login.stmfa.stm.salesforce.com ", ""));

		assertThat(urls.acceptedAudiences()).containsExactly("https://login.stmfa.stm.salesforce.com");
		assertThat(urls.isAcceptedAudience("https://login.stmfa.stm.salesforce.com")).isTrue();
		assertThat(urls.isAcceptedAudience("https://login.salesforce.com")).isFalse();
	}

}
