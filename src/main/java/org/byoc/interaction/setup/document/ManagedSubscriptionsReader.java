package org.byoc.interaction.setup.document;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.ManagedSubscription.Replay;
import org.byoc.interaction.setup.ManagedSubscription.State;
import org.byoc.interaction.setup.ManagedSubscription;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.RecordIds;

/**
 * Reads an org's {@code managedSubscriptions}: each names a topic one of the org's channels publishes on, and a
 * developer name unique in the org (the vendor's rules: letters, digits and single underscores, starting with a
 * letter). The record id may be given ({@code 18x…}); without one the service assigns it when the setup is applied.
 */
final class ManagedSubscriptionsReader {

	private static final Set<String> KEYS = Set.of("id", "developerName", "label", "topicName", "state",
			"defaultReplay", "errorRecoveryReplay");

	private static final Pattern DEVELOPER_NAME = Pattern.compile("[A-Za-z](?:[A-Za-z0-9]|_(?!_))*(?<!_)");

	static final int MAX_DEVELOPER_NAME_LENGTH = 80;

	private ManagedSubscriptionsReader() {
	}

	static List<ManagedSubscription> read(TreeReader org, String orgKey, List<Channel> channels) {
		Set<String> topics = new TreeSet<>();
		for (Channel channel : channels) {
			if (channel.outboundEvent() != null) {
				topics.add(channel.outboundEvent().topicName());
			}
		}
		List<ManagedSubscription> result = new ArrayList<>();
		Set<String> names = new HashSet<>();
		Set<String> ids = new HashSet<>();
		for (TreeReader item : org.objectList("managedSubscriptions")) {
			item.allowOnly(KEYS);
			String developerName = item.requiredString("developerName");
			if (developerName.length() > MAX_DEVELOPER_NAME_LENGTH || !DEVELOPER_NAME.matcher(developerName).matches()) {
				throw item.fail("developerName", "'" + developerName + "' must start with a letter and hold only "
						+ "letters, digits and single underscores, not end with one, at most "
						+ MAX_DEVELOPER_NAME_LENGTH + " characters");
			}
			if (!names.add(developerName.toLowerCase())) {
				throw item.fail("developerName", "'" + developerName + "' appears twice in org " + orgKey);
			}
			String id = item.optionalString("id");
			if (id != null) {
				if (!RecordIds.hasPrefix(id, ManagedSubscription.KEY_PREFIX)) {
					throw item.fail("id", "'" + id + "' must be a 15 or 18 character record id starting with "
							+ ManagedSubscription.KEY_PREFIX);
				}
				if (!ids.add(OrgIds.key(id))) {
					throw item.fail("id", "'" + id + "' appears twice in org " + orgKey);
				}
			}
			String topicName = item.requiredString("topicName");
			if (!topics.contains(topicName)) {
				throw item.fail("topicName", "'" + topicName + "' is not the outbound event topic of a channel of org "
						+ orgKey + (topics.isEmpty() ? " (it has none)" : " (topics: " + String.join(", ", topics) + ")"));
			}
			String label = item.optionalString("label");
			result.add(new ManagedSubscription((id != null) ? OrgIds.key(id) : null, developerName,
					(label != null && !label.isBlank()) ? label : developerName, topicName,
					item.optionalEnum("state", State.class, State.RUN),
					item.optionalEnum("defaultReplay", Replay.class, Replay.LATEST),
					item.optionalEnum("errorRecoveryReplay", Replay.class, Replay.LATEST)));
		}
		return result;
	}

}
