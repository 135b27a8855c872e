package org.byoc.interaction.conversation.inbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;

import org.byoc.interaction.contract.InteractionApiException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer on the {@code json} part decoder: whatever the bytes, it either decodes them into an interaction whose
 * payload, fingerprint and routing attributes can be built, or refuses them with a contract code of the 4xx
 * class. Any other exception, a 5xx code or a run over the time limit is a finding.
 * <p>
 * {@code ./mvnw verify} runs this in regression mode: once per input of the committed seed corpus
 * ({@code src/test/resources/org/byoc/interaction/conversation/inbound/InteractionJsonPartFuzzTestInputs/<method>/}, valid
 * payloads of every interaction type) plus any findings kept there. {@code JAZZER_FUZZ=1} fuzzes for real (see the
 * reliability notes in docs/testing.md).
 */
class InteractionJsonPartFuzzTest {

	/** Small cap so the fuzzer also reaches the size refusal; the decoder's rules do not depend on the cap. */
	private static final InteractionRequestDecoder DECODER = new InteractionRequestDecoder(64 * 1024);

	@FuzzTest(maxDuration = "30s")
	void decodeJsonPart(byte[] json) throws IOException {
		check(() -> DECODER.decode(json));
		check(() -> DECODER.decode(new ByteArrayInputStream(json)));
	}

	/** The seeds must stay valid payloads, or the fuzzer starts from refusals only. */
	@Test
	void whenTheSeedCorpusIsDecodedThenEveryInputIsAValidInteraction() throws IOException {
		Path seeds = Path.of("src/test/resources/org/byoc/interaction/conversation/inbound/InteractionJsonPartFuzzTestInputs",
				"decodeJsonPart");
		List<Path> files;
		try (Stream<Path> listed = Files.list(seeds)) {
			files = listed.sorted().toList();
		}
		assertThat(files).hasSizeGreaterThanOrEqualTo(12);
		for (Path file : files) {
			assertThat(DECODER.decode(Files.readAllBytes(file)).interaction().id()).as(file.toString()).isNotBlank();
		}
	}

	private static void check(Decoding decoding) throws IOException {
		InteractionRequest request;
		try {
			request = decoding.decode();
		}
		catch (InteractionApiException refusal) {
			assertThat(refusal.errorCode().httpStatus()).as(refusal.getMessage()).isBetween(400, 499);
			assertThat(refusal.getMessage()).isNotBlank();
			return;
		}
		assertThat(request.to()).isNotBlank();
		assertThat(request.from()).isNotBlank();
		Interaction interaction = request.interaction();
		assertThat(interaction.id()).isNotBlank();
		assertThat(interaction.contentFingerprint()).hasSize(64);
		if (interaction instanceof EntryInteraction entry) {
			assertThat(entry.entry().entryPayloadJson()).startsWith("{");
		}
	}

	@FunctionalInterface
	private interface Decoding {

		InteractionRequest decode() throws IOException;

	}

}
