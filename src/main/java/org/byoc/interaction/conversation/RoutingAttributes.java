package org.byoc.interaction.conversation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.byoc.interaction.contract.ErrorCode;

/**
 * {@code routingAttributes} against the channel's variables (contract §B1, 10096). Keys are channel variable names,
 * compared exactly. Like the vendor, an attribute the channel does not declare is ignored rather than refused: it
 * is left out of the result and never reaches routing.
 */
public final class RoutingAttributes {

	private RoutingAttributes() {
	}

	/**
	 * Refuses (10096) a value longer than the max length its channel variable declares, and answers the declared
	 * attributes only, in the order they were sent.
	 * @param attributes the request's routingAttributes
	 * @param channelVariables the channel's variables: name to max length in characters
	 */
	public static Map<String, String> check(Map<String, String> attributes, Map<String, Integer> channelVariables) {
		Map<String, String> declared = new LinkedHashMap<>();
		attributes.forEach((name, value) -> {
			Integer maxLength = channelVariables.get(name);
			if (maxLength == null) {
				return;
			}
			if (value.length() > maxLength) {
				throw ErrorCode.ROUTING_ATTRIBUTE_TOO_LONG.exception("routingAttributes." + name + " is "
						+ value.length() + " characters long; the channel variable allows at most " + maxLength + ".");
			}
			declared.put(name, value);
		});
		return Collections.unmodifiableMap(declared);
	}

}
