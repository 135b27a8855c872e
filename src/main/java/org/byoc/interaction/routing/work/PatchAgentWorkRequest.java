package org.byoc.interaction.routing.work;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonFields;

/**
 * {@code PATCH /api/v1/agentWork} (contract §B11): a partner cancels or closes a rep's work ({@code Agent}), or a
 * bring-your-own-bot accepts, declines or leaves a work item ({@code Chatbot}, which also names the bot and the
 * work item).
 */
record PatchAgentWorkRequest(String workId, ContextType contextType, Status status, String workItemId, String botId) {

	static PatchAgentWorkRequest from(JsonFields body) {
		String workId = body.requiredText("workId", ErrorCode.WORK_ID_INVALID, 18);
		ContextType contextType = body.requiredEnum("contextType", ContextType.class, ErrorCode.CONTEXT_TYPE_INVALID);
		Status status = body.requiredEnum("status", Status.class, ErrorCode.STATUS_INVALID);
		String workItemId = null;
		String botId = null;
		if (contextType == ContextType.Chatbot) {
			workItemId = body.requiredText("workItemId", ErrorCode.INVALID_PARAMETERS, 18);
			botId = body.requiredText("botId", ErrorCode.INVALID_PARAMETERS, 255);
			if (status == Status.Cancel) {
				throw ErrorCode.STATUS_INVALID.exception("A bot may Accept, Decline or Close its work, not Cancel it.");
			}
		}
		else if (status == Status.Accept || status == Status.Decline) {
			throw ErrorCode.STATUS_INVALID
				.exception("status " + status + " is for contextType Chatbot; a partner may Cancel or Close a rep's work.");
		}
		return new PatchAgentWorkRequest(workId, contextType, status, workItemId, botId);
	}

	enum ContextType {

		Agent, Chatbot

	}

	enum Status {

		Accept, Close, Decline, Cancel

	}

}
