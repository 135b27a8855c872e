package org.byoc.interaction.conversation.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.byoc.interaction.conversation.inbound.InteractionJson.staticContent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.InteractionApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A huge, deep or hostile json part is refused with a 400-class code, never a 500 or a stack overflow. */
class InteractionRequestLimitsTest {

	private static final String LIMITS = "beyond the service's limits";

	private static final String VALID = staticContent("Text", "\"text\": \"Hi there\"");

	@Test
	void whenJsonPartIsExactlyAtTheCapThenItIsAccepted() {
		byte[] json = padded(VALID, 2048);
		InteractionRequestDecoder decoder = new InteractionRequestDecoder(json.length);

		assertThat(decoder.decode(json).interaction().id()).isEqualTo(InteractionJson.ENTRY_ID);
	}

	@Test
	void whenJsonPartIsOneByteOverTheCapThenRefusedWith10089() {
		byte[] json = padded(VALID, 2048);
		InteractionRequestDecoder decoder = new InteractionRequestDecoder(json.length - 1);

		InteractionApiException refusal = catchThrowableOfType(InteractionApiException.class, () -> decoder.decode(json));

		assertThat(refusal.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETERS);
		assertThat(refusal.errorCode().httpStatus()).isEqualTo(400);
		assertThat(refusal.getMessage()).contains(String.valueOf(json.length - 1));
	}

	@Test
	void whenStreamedJsonPartIsEndlessThenOnlyTheCapPlusOneByteIsRead() {
		CountingEndlessStream endless = new CountingEndlessStream();
		InteractionRequestDecoder decoder = new InteractionRequestDecoder(64 * 1024);

		InteractionApiException refusal = catchThrowableOfType(InteractionApiException.class,
				() -> decoder.decode(endless));

		assertThat(refusal.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETERS);
		assertThat(endless.read).isEqualTo(64 * 1024 + 1);
	}

	@Test
	void whenStreamedJsonPartFitsThenItIsDecoded() throws IOException {
		InputStream json = new ByteArrayInputStream(VALID.getBytes(StandardCharsets.UTF_8));

		assertThat(InteractionJson.DECODER.decode(json).to()).isEqualTo(InteractionJson.TO);
	}

	@Test
	void whenDefaultDecoderIsBuiltThenTheCapIsOneMebibyte() {
		assertThat(new InteractionRequestDecoder().maxJsonBytes()).isEqualTo(1024 * 1024);
	}

	static Stream<Arguments> hostileParts() {
		return Stream.of(Arguments.of("65 nested arrays in an unknown field", withUnknownField(nested("[", "]", 65)), LIMITS),
				Arguments.of("65 nested objects in an unknown field", withUnknownField(nested("{\"a\":", "}", 65)), LIMITS),
				Arguments.of("200,000 nested arrays", withUnknownField(nested("[", "]", 200_000)), LIMITS),
				Arguments.of("200,000 unclosed arrays", "{\"x\": " + "[".repeat(200_000), LIMITS),
				Arguments.of("a 200-digit number", withUnknownField("1".repeat(200)), LIMITS),
				Arguments.of("110,000 tokens", withUnknownField("[" + "0,".repeat(110_000) + "0]"), LIMITS),
				Arguments.of("invalid UTF-8", VALID.replace("Hi there", "Hi \u0000there").replace('\u0000', '\u00ff'),
						"not valid JSON"),
				Arguments.of("a 2,000-character field name", withUnknownField("1").replace("\"unknown\"",
						"\"" + "n".repeat(2000) + "\""), LIMITS));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileParts")
	void whenJsonPartIsHostileThenRefusedWith10089(String shape, String json, String reason) {
		byte[] bytes = json.getBytes(StandardCharsets.ISO_8859_1);

		InteractionApiException refusal = catchThrowableOfType(InteractionApiException.class,
				() -> InteractionJson.DECODER.decode(bytes));

		assertThat(refusal).as(shape).isNotNull();
		assertThat(refusal.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETERS);
		assertThat(refusal.getMessage()).contains(reason);
	}

	@Test
	void whenUnknownFieldNestsSixtyLevelsThenItIsIgnored() {
		String json = withUnknownField(nested("[", "]", 60));

		assertThat(InteractionJson.decode(json).interaction().id()).isEqualTo(InteractionJson.ENTRY_ID);
	}

	private static String withUnknownField(String value) {
		return VALID.replaceFirst("\\{", "{\"unknown\": " + value + ", ");
	}

	private static String nested(String open, String close, int depth) {
		return open.repeat(depth) + close.repeat(depth);
	}

	private static byte[] padded(String json, int length) {
		String padding = " ".repeat(length - json.length());
		return (json + padding).getBytes(StandardCharsets.UTF_8);
	}

	/** A json part that never ends: "{"x": "aaaa…", counting what was read. */
	private static final class CountingEndlessStream extends InputStream {

		private static final byte[] START = "{\"x\": \"".getBytes(StandardCharsets.US_ASCII);

		long read;

		@Override
		public int read() {
			int next = (this.read < START.length) ? START[(int) this.read] : 'a';
			this.read++;
			return next;
		}

	}

}
