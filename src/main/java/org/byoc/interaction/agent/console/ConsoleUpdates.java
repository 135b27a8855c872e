package org.byoc.interaction.agent.console;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.event.TransactionalEventListener;

import org.byoc.interaction.conversation.Conversation;
import org.byoc.interaction.conversation.EndUserEntryRecorded;
import org.byoc.interaction.conversation.EndUserTypingChanged;
import org.byoc.interaction.outbound.EventLog;
import org.byoc.interaction.routing.consent.ConsentStatus;
import org.byoc.interaction.routing.consent.Consents;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.OrgIds;
import org.byoc.interaction.setup.SetupDirectory;
import org.byoc.interaction.setup.cluster.ClusterSignals;

/**
 * What makes the console live: it learns about changes where they happen, on whichever node (an end user's entry
 * or typing, once committed, through a {@link ClusterSignals} signal; any outbound event, from the event log) and tells the open consoles of that org which parts of their
 * page to reload. It sends names, never content: each page part reloads itself through its ordinary GET.
 * <p>
 * Routing state (pending routings, agent work) and consent change without an event of their own when the partner
 * changes them; for orgs someone watches, they are read every {@value #POLL_MILLIS} ms and compared.
 * <p>
 * The names: {@code list} (the conversation list), {@code conversation-<id>} (one conversation's transcript and
 * state), {@code outbound} (the org's outbound events), {@code work} (routings and agent work) and {@code ready}
 * (sent first, so a page reloads whatever changed between its rendering and its connection).
 */
@Component
class ConsoleUpdates implements DisposableBean {

	static final String LIST = "list";

	static final String OUTBOUND = "outbound";

	static final String READY = "ready";

	static final String WORK = "work";

	static final long POLL_MILLIS = 2_000;

	static final long HEARTBEAT_SECONDS = 15;

	private static final Logger log = LoggerFactory.getLogger(ConsoleUpdates.class);

	private final OutboundEventFeed feed;

	private final RoutingBoard board;

	private final SetupDirectory setup;

	private final Consents consents;

	private final Map<String, List<Sink>> sinks = new ConcurrentHashMap<>();

	/** Per org key: the routing fingerprint last seen; per conversation: the consent last seen. Poller thread only. */
	private final Map<String, String> routingSeen = new HashMap<>();

	private final Map<String, Optional<ConsentStatus>> consentSeen = new HashMap<>();

	private final ScheduledExecutorService dispatcher = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "console-updates");
		thread.setDaemon(true);
		return thread;
	});

	private final EventLog.Registration registration;

	/** The cluster signal that carries "org conversation" for an end user's entry or typing. */
	static final String SIGNAL = "console";

	private final ClusterSignals signals;

	private final ClusterSignals.Registration signalRegistration;

	ConsoleUpdates(EventLog eventLog, OutboundEventFeed feed, RoutingBoard board, SetupDirectory setup,
			Consents consents, ClusterSignals signals) {
		this.signals = signals;
		this.signalRegistration = signals.listen(SIGNAL, new ClusterSignals.Listener() {

			@Override
			public void signal(String message) {
				heard(message);
			}

			@Override
			public void missed() {
				// entries may have arrived unheard: every open page reloads its list and conversation
				dispatcher.execute(() -> sinks.keySet().forEach((orgKey) -> deliverAll(orgKey, Set.of(READY))));
			}

		});
		this.feed = feed;
		this.board = board;
		this.setup = setup;
		this.consents = consents;
		// the listener runs on the log's sequencer: hand the work over at once
		this.registration = eventLog.listen((topicKeys) -> this.dispatcher.execute(() -> outboundAppended(topicKeys)));
		this.dispatcher.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS,
				TimeUnit.SECONDS);
		this.dispatcher.scheduleWithFixedDelay(this::pollRouting, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
	}

	static String conversation(String conversationIdentifier) {
		return "conversation-" + conversationIdentifier;
	}

	/** A console of the org starts listening; it is told {@link #READY} first. */
	Registration register(String orgId, Sink sink) {
		String orgKey = OrgIds.key(orgId);
		this.sinks.computeIfAbsent(orgKey, (key) -> new CopyOnWriteArrayList<>()).add(sink);
		this.dispatcher.execute(() -> {
			// what the poller compares with is what the page saw (or newer: "ready" reloads the page's parts)
			try {
				baseline(orgKey, sink.conversation());
			}
			catch (RuntimeException ex) {
				log.debug("Console: no baseline for {}: {}", orgKey, ex.toString());
			}
			deliver(orgKey, sink, Set.of(READY));
		});
		return () -> remove(orgKey, sink);
	}

	/**
	 * An end user's entry or typing is news for the consoles of its org on every node, whichever node it arrived on.
	 * With several nodes it goes out as a cluster signal in the entry's own transaction, so every node (this one too)
	 * hears it once committed; a single node tells its own consoles after the commit.
	 */
	@EventListener
	void entryAnnounced(EndUserEntryRecorded event) {
		announce(event.orgId(), event.conversation().conversationIdentifier());
	}

	@EventListener
	void typingAnnounced(EndUserTypingChanged event) {
		announce(event.orgId(), event.conversation().conversationIdentifier());
	}

	@TransactionalEventListener(fallbackExecution = true)
	void entryRecorded(EndUserEntryRecorded event) {
		if (!this.signals.crossesNodes()) {
			heard(OrgIds.key(event.orgId()) + " " + event.conversation().conversationIdentifier());
		}
	}

	@TransactionalEventListener(fallbackExecution = true)
	void typingChanged(EndUserTypingChanged event) {
		if (!this.signals.crossesNodes()) {
			heard(OrgIds.key(event.orgId()) + " " + event.conversation().conversationIdentifier());
		}
	}

	private void announce(String orgId, String conversationIdentifier) {
		if (this.signals.crossesNodes()) {
			this.signals.send(SIGNAL, OrgIds.key(orgId) + " " + conversationIdentifier);
		}
	}

	private void heard(String message) {
		int space = message.indexOf(' ');
		if (space > 0) {
			signal(message.substring(0, space), Set.of(LIST, conversation(message.substring(space + 1))));
		}
	}

	/** Runs after the caller's commit, where a failure would reach the caller: never throws. */
	private void signal(String orgKey, Set<String> names) {
		if (this.sinks.containsKey(orgKey)) {
			try {
				this.dispatcher.execute(() -> deliverAll(orgKey, names));
			}
			catch (RuntimeException ex) {
				log.debug("Console: update not sent: {}", ex.toString());
			}
		}
	}

	/** New outbound events: decode them (only for orgs someone watches) to learn which conversations they touch. */
	private void outboundAppended(Set<String> topicKeys) {
		for (String orgKey : this.sinks.keySet()) {
			Set<String> names = new LinkedHashSet<>();
			for (String topicKey : (topicKeys != null) ? topicKeys : Set.<String>of()) {
				if (topicKey.startsWith(orgKey)) {
					try {
						this.feed.catchUp(orgKey, topicKey.substring(orgKey.length()))
							.forEach((id) -> names.add(conversation(id)));
					}
					catch (RuntimeException ex) {
						log.debug("Console: cannot read topic {}: {}", topicKey, ex.toString());
					}
					names.add(OUTBOUND);
					names.add(LIST);
				}
			}
			if (topicKeys == null) {
				names.add(OUTBOUND);
				names.add(LIST);
			}
			if (!names.isEmpty()) {
				deliverAll(orgKey, names);
			}
		}
	}

	private void deliverAll(String orgKey, Set<String> names) {
		for (Sink sink : this.sinks.getOrDefault(orgKey, List.of())) {
			deliver(orgKey, sink, names);
		}
	}

	private void deliver(String orgKey, Sink sink, Set<String> names) {
		try {
			sink.send(names);
		}
		catch (Exception ex) {
			// the browser went away; its stream is done
			remove(orgKey, sink);
			sink.gone();
		}
	}

	private void heartbeat() {
		this.sinks.forEach((orgKey, list) -> {
			for (Sink sink : list) {
				try {
					sink.heartbeat();
				}
				catch (Exception ex) {
					remove(orgKey, sink);
					sink.gone();
				}
			}
		});
	}

	private void remove(String orgKey, Sink sink) {
		this.sinks.computeIfPresent(orgKey, (key, list) -> {
			list.remove(sink);
			return list.isEmpty() ? null : list;
		});
	}

	private void baseline(String orgKey, Conversation conversation) {
		if (!this.routingSeen.containsKey(orgKey)) {
			this.setup.org(orgKey).ifPresent((org) -> this.routingSeen.put(orgKey, this.board.of(org).fingerprint()));
		}
		if (conversation != null && !this.consentSeen.containsKey(conversation.conversationIdentifier())) {
			this.consentSeen.put(conversation.conversationIdentifier(), consentOf(conversation));
		}
	}

	private Optional<ConsentStatus> consentOf(Conversation conversation) {
		return this.consents.consent(conversation.orgKey(), conversation.channelAddressIdentifier(),
				conversation.endUserClientId());
	}

	/** Routing and consent have no events of their own here: compare them with what was seen last. */
	private void pollRouting() {
		try {
			Set<String> watchedConversations = new HashSet<>();
			for (Map.Entry<String, List<Sink>> org : this.sinks.entrySet()) {
				Optional<Org> setupOrg = this.setup.org(org.getKey());
				if (setupOrg.isEmpty()) {
					continue;
				}
				String fingerprint = this.board.of(setupOrg.get()).fingerprint();
				String before = this.routingSeen.put(org.getKey(), fingerprint);
				if (before != null && !before.equals(fingerprint)) {
					deliverAll(org.getKey(), Set.of(WORK, LIST));
				}
				for (Sink sink : org.getValue()) {
					Conversation conversation = sink.conversation();
					if (conversation != null && watchedConversations.add(conversation.conversationIdentifier())) {
						Optional<ConsentStatus> consent = consentOf(conversation);
						Optional<ConsentStatus> seen = this.consentSeen.put(conversation.conversationIdentifier(),
								consent);
						if (seen != null && !seen.equals(consent)) {
							deliverAll(org.getKey(), Set.of(conversation(conversation.conversationIdentifier())));
						}
					}
				}
			}
			this.routingSeen.keySet().retainAll(this.sinks.keySet());
			this.consentSeen.keySet().retainAll(watchedConversations);
		}
		catch (RuntimeException ex) {
			log.debug("Console: routing poll failed: {}", ex.toString());
		}
	}

	@Override
	public void destroy() {
		this.registration.close();
		this.signalRegistration.close();
		this.dispatcher.shutdownNow();
	}

	/** Where the names for one open console go (its server-sent event stream). */
	interface Sink {

		/** The conversation the page shows, or null: its consent is watched. */
		Conversation conversation();

		void send(Set<String> names) throws Exception;

		/** Keeps the connection open through proxies and finds browsers that left. */
		void heartbeat() throws Exception;

		/** The stream failed; end it. */
		void gone();

	}

	interface Registration extends AutoCloseable {

		@Override
		void close();

	}

}
