package org.byoc.interaction.setup;

import org.junit.jupiter.api.Test;

import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

class RecordIdsTo18Test {

	@Test
	void whenA15CharacterIdIsGivenThenTheSuffixEncodesItsUpperCaseLetters() {
		// the pair from the vendor's documentation of the setup example
		assertThat(RecordIds.to18("00D5g000004SWby")).isEqualTo("00D5g000004SWbyEAG");
		assertThat(RecordIds.to18(PartnerFixture.ORG_A_KEY)).isEqualTo(PartnerFixture.ORG_A_ID);
		assertThat(RecordIds.to18("ABCDEABCDEABCDE")).isEqualTo("ABCDEABCDEABCDE555");
	}

	@Test
	void whenTheIdIsNot15CharactersThenItIsReturnedUnchanged() {
		assertThat(RecordIds.to18("00D5g000004SWbyEAG")).isEqualTo("00D5g000004SWbyEAG");
		assertThat(RecordIds.to18("short")).isEqualTo("short");
		assertThat(RecordIds.to18(null)).isNull();
	}

}
