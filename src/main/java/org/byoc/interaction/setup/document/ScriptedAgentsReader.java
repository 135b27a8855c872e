package org.byoc.interaction.setup.document;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.Org.AppUser;
import org.byoc.interaction.setup.Org.PresenceStatus;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.ScriptedAgent;
import org.byoc.interaction.setup.ScriptedAgent.Reply;
import org.byoc.interaction.setup.ScriptedAgent.Transfer;

/**
 * Reads an org's {@code scriptedAgents}. An agent's {@code userId} is a user of the org; one the {@code users} do not
 * declare is declared here (username {@code <userId>@scripted-agent.invalid}), with the entry's {@code capacity}
 * (which also sets a declared user's capacity).
 */
final class ScriptedAgentsReader {

	static final Set<String> KEYS = Set.of("userId", "capacity", "presenceStatus", "queues", "replies", "transfer",
			"endAfterMessages", "endAfterIdleSeconds");

	private static final Set<String> REPLY_KEYS = Set.of("pattern", "echo", "reply", "sequence", "file",
			"fileContent", "typingMillis");

	private static final Set<String> TRANSFER_KEYS = Set.of("afterMessages", "pattern", "queueId", "flowId");

	private static final int MAX_CAPACITY = 1000;

	private static final int MAX_TYPING_MILLIS = 600_000;

	private static final int MAX_COUNT = 1_000_000;

	/** Files are sent as attachments: the contract's limit is far above what a scripted reply needs. */
	private static final long MAX_FILE_BYTES = 5L * 1024 * 1024;

	private ScriptedAgentsReader() {
	}

	/** Declares the users scripted agents name and sets their capacity; answers the users to use. */
	static List<AppUser> users(TreeReader org, List<AppUser> declared) {
		List<AppUser> users = new ArrayList<>(declared);
		for (TreeReader agent : SetupDocumentReader.unique(org.objectList("scriptedAgents"), "userId")) {
			agent.allowOnly(KEYS);
			String userId = SetupDocumentReader.recordId(agent, "userId");
			boolean hasCapacity = agent.has("capacity");
			int capacity = agent.optionalPositiveInt("capacity", AppUser.DEFAULT_CAPACITY, MAX_CAPACITY);
			int index = indexOf(users, userId);
			if (index < 0) {
				users.add(new AppUser(userId, userId.toLowerCase() + "@scripted-agent.invalid", "Scripted agent",
						capacity, EnumSet.allOf(Org.Permission.class)));
			}
			else if (hasCapacity) {
				AppUser user = users.get(index);
				users.set(index, new AppUser(user.id(), user.username(), user.displayName(), capacity,
						user.permissions()));
			}
		}
		return users;
	}

	static List<ScriptedAgent> read(TreeReader org, Org partial, List<PresenceStatus> statuses, Path baseDir) {
		List<ScriptedAgent> agents = new ArrayList<>();
		for (TreeReader agent : org.objectList("scriptedAgents")) {
			String userId = SetupDocumentReader.recordId(agent, "userId");
			String status = presenceStatus(agent, statuses);
			List<String> queues = agent.stringList("queues");
			for (String queue : queues) {
				if (partial.queue(queue).isEmpty()) {
					throw agent.fail("queues", "'" + queue + "' is not a queue of org " + partial.key());
				}
			}
			List<Reply> replies = new ArrayList<>();
			for (TreeReader reply : agent.objectList("replies")) {
				replies.add(reply(reply, baseDir));
			}
			TreeReader transfer = agent.optionalObject("transfer");
			agents.add(new ScriptedAgent(userId, status, queues, replies,
					(transfer != null) ? transfer(transfer, partial) : null,
					nonNegative(agent, "endAfterMessages"), nonNegative(agent, "endAfterIdleSeconds")));
		}
		return agents;
	}

	private static String presenceStatus(TreeReader agent, List<PresenceStatus> statuses) {
		String named = agent.optionalString("presenceStatus");
		if (named == null) {
			return null;
		}
		PresenceStatus status = statuses.stream()
			.filter((s) -> OrgIds.sameId(s.id(), named) || s.name().equals(named))
			.findFirst()
			.orElseThrow(() -> agent.fail("presenceStatus", "'" + named + "' is not a presence status of the org"));
		if (status.kind() != PresenceStatus.Kind.Online) {
			throw agent.fail("presenceStatus", "'" + named + "' is not an Online status");
		}
		return status.id();
	}

	private static Reply reply(TreeReader reply, Path baseDir) {
		reply.allowOnly(REPLY_KEYS);
		String pattern = regex(reply, "pattern");
		boolean echo = reply.optionalBoolean("echo", false);
		String text = reply.optionalString("reply");
		List<String> sequence = reply.stringList("sequence");
		String file = reply.optionalString("file");
		int answers = (echo ? 1 : 0) + (sequence.isEmpty() ? 0 : 1) + ((file != null) ? 1 : 0)
				+ ((text != null && file == null) ? 1 : 0);
		if (answers != 1) {
			throw reply.fail("reply", "a reply rule answers in exactly one way: echo: true, reply: <text>, "
					+ "sequence: [<text>, ...] or file: <path> (with reply: as its text)");
		}
		String content = (file != null) ? fileContent(reply, file, baseDir) : null;
		int typing = reply.has("typingMillis") ? reply.optionalPositiveInt("typingMillis", 0, MAX_TYPING_MILLIS) : 0;
		return new Reply(pattern, echo, text, sequence, file, content, typing);
	}

	private static String fileContent(TreeReader reply, String file, Path baseDir) {
		String inline = reply.optionalString("fileContent");
		if (inline != null) {
			try {
				Base64.getDecoder().decode(inline);
			}
			catch (IllegalArgumentException ex) {
				throw reply.fail("fileContent", "is not base64");
			}
			return inline;
		}
		Path path = (baseDir != null) ? baseDir.resolve(file) : Path.of(file);
		try {
			if (Files.size(path) > MAX_FILE_BYTES) {
				throw reply.fail("file", "'" + file + "' is larger than " + MAX_FILE_BYTES + " bytes");
			}
			return Base64.getEncoder().encodeToString(Files.readAllBytes(path));
		}
		catch (IOException ex) {
			throw reply.fail("file", "'" + file + "' cannot be read from the setup folder (" + path + ")");
		}
	}

	private static Transfer transfer(TreeReader transfer, Org partial) {
		transfer.allowOnly(TRANSFER_KEYS);
		int after = nonNegative(transfer, "afterMessages");
		String pattern = regex(transfer, "pattern");
		if (after == 0 && pattern == null) {
			throw transfer.fail("afterMessages", "a transfer needs afterMessages or pattern");
		}
		String queueId = transfer.optionalString("queueId");
		String flowId = transfer.optionalString("flowId");
		if ((queueId == null) == (flowId == null)) {
			throw transfer.fail("queueId", "a transfer goes to exactly one of queueId or flowId");
		}
		if (queueId != null && partial.queue(queueId).isEmpty()) {
			throw transfer.fail("queueId", "'" + queueId + "' is not a queue of org " + partial.key());
		}
		if (flowId != null && partial.flow(flowId).isEmpty()) {
			throw transfer.fail("flowId", "'" + flowId + "' is not a flow of org " + partial.key());
		}
		return new Transfer(after, pattern, queueId, flowId);
	}

	private static String regex(TreeReader reader, String key) {
		String pattern = reader.optionalString(key);
		if (pattern != null) {
			try {
				Pattern.compile(pattern);
			}
			catch (PatternSyntaxException ex) {
				throw reader.fail(key, "is not a valid regular expression: " + ex.getDescription());
			}
		}
		return pattern;
	}

	private static int nonNegative(TreeReader reader, String key) {
		return reader.has(key) ? reader.optionalPositiveInt(key, 0, MAX_COUNT) : 0;
	}

	private static int indexOf(List<AppUser> users, String userId) {
		for (int i = 0; i < users.size(); i++) {
			if (OrgIds.sameId(users.get(i).id(), userId)) {
				return i;
			}
		}
		return -1;
	}

}
