package org.byoc.interaction.setup.document;

import java.util.LinkedHashMap;
import java.util.Map;

import org.byoc.interaction.setup.ScriptedAgent;
import org.byoc.interaction.setup.ScriptedAgent.Reply;

/** Writes a scripted agent back with the keys {@link ScriptedAgentsReader} reads (files with their content). */
final class ScriptedAgentsWriter {

	private ScriptedAgentsWriter() {
	}

	static Map<String, Object> agent(ScriptedAgent agent) {
		Map<String, Object> tree = new LinkedHashMap<>();
		tree.put("userId", agent.userId());
		if (agent.presenceStatusId() != null) {
			tree.put("presenceStatus", agent.presenceStatusId());
		}
		if (!agent.queues().isEmpty()) {
			tree.put("queues", agent.queues());
		}
		tree.put("replies", agent.replies().stream().map(ScriptedAgentsWriter::reply).toList());
		if (agent.transfer() != null) {
			Map<String, Object> transfer = new LinkedHashMap<>();
			if (agent.transfer().afterMessages() > 0) {
				transfer.put("afterMessages", agent.transfer().afterMessages());
			}
			putIfPresent(transfer, "pattern", agent.transfer().pattern());
			putIfPresent(transfer, "queueId", agent.transfer().queueId());
			putIfPresent(transfer, "flowId", agent.transfer().flowId());
			tree.put("transfer", transfer);
		}
		if (agent.endAfterMessages() > 0) {
			tree.put("endAfterMessages", agent.endAfterMessages());
		}
		if (agent.endAfterIdleSeconds() > 0) {
			tree.put("endAfterIdleSeconds", agent.endAfterIdleSeconds());
		}
		return tree;
	}

	private static Map<String, Object> reply(Reply reply) {
		Map<String, Object> tree = new LinkedHashMap<>();
		putIfPresent(tree, "pattern", reply.pattern());
		if (reply.echo()) {
			tree.put("echo", true);
		}
		putIfPresent(tree, "reply", reply.reply());
		if (!reply.sequence().isEmpty()) {
			tree.put("sequence", reply.sequence());
		}
		putIfPresent(tree, "file", reply.file());
		putIfPresent(tree, "fileContent", reply.fileContent());
		if (reply.typingMillis() > 0) {
			tree.put("typingMillis", reply.typingMillis());
		}
		return tree;
	}

	private static void putIfPresent(Map<String, Object> tree, String key, Object value) {
		if (value != null) {
			tree.put(key, value);
		}
	}

}
