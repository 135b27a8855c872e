package org.byoc.interaction.routing.consent;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonFields;

/** {@code PATCH /api/v1/consent} (contract §B3). */
record ConsentRequest(String endUserClientId, String channelAddressIdentifier, ConsentStatus consentStatus) {

	static final int MAX_LENGTH = 240;

	static ConsentRequest from(JsonFields body) {
		String endUserClientId = bounded(body, "endUserClientId", ErrorCode.END_USER_CLIENT_INVALID);
		String address = bounded(body, "channelAddressIdentifier", ErrorCode.CHANNEL_ADDRESS_IDENTIFIER_INVALID);
		ConsentStatus status = body.requiredEnum("consentStatus", ConsentStatus.class, ErrorCode.CONSENT_STATUS_INVALID);
		return new ConsentRequest(endUserClientId, address, status);
	}

	/** Missing: the field's own code; longer than the contract's 240 characters: a validation error (10089). */
	private static String bounded(JsonFields body, String name, ErrorCode missing) {
		String text = body.requiredText(name, missing, Integer.MAX_VALUE);
		if (text.length() > MAX_LENGTH) {
			throw ErrorCode.INVALID_PARAMETERS.exception(name + " must be at most " + MAX_LENGTH + " characters long.");
		}
		return text;
	}

}
