package org.byoc.interaction.auth.token;

import org.junit.jupiter.api.Test;

import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

class SalesforceIdsTest {

	@Test
	void whenA15CharacterIdIsGivenThenTheSuffixEncodesItsUpperCaseLetters() {
		// the pair from the vendor's documentation of the setup example
		assertThat(SalesforceIds.to18("00D5g000004SWby")).isEqualTo("00D5g000004SWbyEAG");
		assertThat(SalesforceIds.to18(PartnerFixture.ORG_A_KEY)).isEqualTo(PartnerFixture.ORG_A_ID);
		assertThat(SalesforceIds.to18("ABCDEABCDEABCDE")).isEqualTo("ABCDEABCDEABCDE555");
	}

	@Test
	void whenTheIdIsNot15CharactersThenItIsReturnedUnchanged() {
		assertThat(SalesforceIds.to18("00D5g000004SWbyEAG")).isEqualTo("00D5g000004SWbyEAG");
		assertThat(SalesforceIds.to18("short")).isEqualTo("short");
		assertThat(SalesforceIds.to18(null)).isNull();
	}

}
