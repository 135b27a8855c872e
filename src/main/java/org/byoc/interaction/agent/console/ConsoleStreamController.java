package org.byoc.interaction.agent.console;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.Conversations;
import org.byoc.interaction.setup.SetupDirectory;
import org.byoc.interaction.web.ConsolePage;

/**
 * The console's live channel: one server-sent event stream per open page, carrying the names of the page parts
 * that changed ({@link ConsoleUpdates}). htmx's SSE extension turns each name into a reload of those parts, and
 * reconnects by itself when the stream ends.
 */
@ConsolePage
@RequestMapping(ConsolePage.PATH)
class ConsoleStreamController {

	/** A stream ends after this long; the browser reconnects (and reloads what changed meanwhile, on "ready"). */
	static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);

	private final ConsoleUpdates updates;

	private final SetupDirectory setup;

	private final Conversations conversations;

	ConsoleStreamController(ConsoleUpdates updates, SetupDirectory setup, Conversations conversations) {
		this.updates = updates;
		this.setup = setup;
		this.conversations = conversations;
	}

	@GetMapping(path = "/orgs/{orgId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream(@PathVariable String orgId, @RequestParam(required = false) String conversation) {
		if (this.setup.org(orgId).isEmpty()) {
			throw ErrorCode.ENDPOINT_NOT_FOUND.exception("No org " + orgId + " in the setup.");
		}
		Conversation watched = (conversation != null) ? this.conversations.find(orgId, conversation).orElse(null)
				: null;
		SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
		ConsoleUpdates.Registration registration = this.updates.register(orgId, new ConsoleUpdates.Sink() {

			@Override
			public Conversation conversation() {
				return watched;
			}

			@Override
			public void send(Set<String> names) throws IOException {
				for (String name : names) {
					emitter.send(SseEmitter.event().name(name).data(name));
				}
			}

			@Override
			public void heartbeat() throws IOException {
				emitter.send(SseEmitter.event().comment("heartbeat"));
			}

			@Override
			public void gone() {
				emitter.complete();
			}

		});
		emitter.onCompletion(registration::close);
		emitter.onTimeout(registration::close);
		emitter.onError((ex) -> registration.close());
		return emitter;
	}

	/** The browser left (a page change, a closed tab): nothing to answer, nothing to report. */
	@ExceptionHandler(AsyncRequestNotUsableException.class)
	void gone() {
	}

}
