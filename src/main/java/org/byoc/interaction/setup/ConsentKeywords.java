package org.byoc.interaction.setup;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The words an end user sends to opt out of or back into messages on a channel whose consent the contact center
 * owns ({@code consentOwner: Salesforce}) and that handles keywords ({@code supportsKeywords: true}), and the
 * confirmations the end user gets back. A keyword counts only as the whole message, compared without regard to case
 * and to surrounding spaces (and one trailing full stop or exclamation mark), so "Stop!" opts out and "please stop"
 * does not. The defaults are the carriers' usual ones (CTIA).
 */
public record ConsentKeywords(List<String> optOut, List<String> optIn, String optOutReply, String optInReply) {

	public static final List<String> DEFAULT_OPT_OUT = List.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END",
			"QUIT");

	public static final List<String> DEFAULT_OPT_IN = List.of("START", "UNSTOP");

	public static final String DEFAULT_OPT_OUT_REPLY = "You are unsubscribed and will receive no more messages. "
			+ "Reply START to subscribe again.";

	public static final String DEFAULT_OPT_IN_REPLY = "You are subscribed again. Reply STOP to unsubscribe.";

	public static final ConsentKeywords DEFAULT = new ConsentKeywords(DEFAULT_OPT_OUT, DEFAULT_OPT_IN,
			DEFAULT_OPT_OUT_REPLY, DEFAULT_OPT_IN_REPLY);

	public ConsentKeywords {
		optOut = List.copyOf(optOut);
		optIn = List.copyOf(optIn);
	}

	/** What a message's text asks for: opting out, opting in, or nothing (an ordinary message). */
	public Optional<Request> match(String text) {
		if (text == null) {
			return Optional.empty();
		}
		String word = normalize(text);
		if (contains(this.optOut, word)) {
			return Optional.of(Request.OptOut);
		}
		if (contains(this.optIn, word)) {
			return Optional.of(Request.OptIn);
		}
		return Optional.empty();
	}

	static String normalize(String text) {
		String word = text.strip();
		if (word.endsWith(".") || word.endsWith("!")) {
			word = word.substring(0, word.length() - 1).strip();
		}
		return word.toUpperCase(Locale.ROOT);
	}

	private static boolean contains(List<String> keywords, String word) {
		return keywords.stream().anyMatch((keyword) -> normalize(keyword).equals(word));
	}

	/** The two things a keyword can ask for. */
	public enum Request {

		OptOut, OptIn

	}

}
