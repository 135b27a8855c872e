package org.byoc.interaction.contract;

import java.util.LinkedHashMap;
import java.util.Map;


/**
 * The success envelope of the endpoints whose errors come back in it (contract §A.5): capabilities answer
 * {@code {success, errorDetail: {code, message}}} and acknowledgements the same (their schema has only
 * {@code success}; the detail is added so a refusal still names its code).
 */
public final class Envelopes {

	private Envelopes() {
	}

	public static Map<String, Object> success() {
		return Map.of("success", true);
	}

	public static Map<String, Object> refusal(InteractionApiException ex) {
		Map<String, Object> detail = new LinkedHashMap<>();
		detail.put("code", ex.errorCode().code());
		detail.put("message", ex.getMessage());
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("success", false);
		answer.put("errorDetail", detail);
		return answer;
	}

}
