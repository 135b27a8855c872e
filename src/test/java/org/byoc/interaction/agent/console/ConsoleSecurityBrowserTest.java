package org.byoc.interaction.agent.console;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's browser-side protections in a real Chromium: a request the page makes without its CSRF token is
 * refused while the same request with it goes through (which is what every htmx request does, see
 * {@link ConsoleBrowserTest}), and the console cannot be framed, not even by a page of its own origin.
 */
class ConsoleSecurityBrowserTest extends ConsoleBrowserTestBase {

	static final String TYPING = DESK + "conversations/no-such-conversation/typing";

	@Test
	@SuppressWarnings("unchecked")
	void whenThePageSendsAConsoleRequestWithoutItsCsrfTokenThenItIsRefusedAndWithItItIsServed() {
		signIn();
		browser.go(DESK);

		Map<String, Object> statuses = (Map<String, Object>) ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				const url = arguments[0];
				const token = document.querySelector('meta[name="csrf-token"]').content;
				const header = document.querySelector('meta[name="csrf-header"]').content;
				const post = (headers) => fetch(url, { method: 'POST', credentials: 'same-origin',
					headers: Object.assign({ 'Content-Type': 'application/x-www-form-urlencoded' }, headers),
					body: 'typing=true' }).then((r) => r.status);
				Promise.all([post({}), post({ [header]: token })])
					.then(([without, withToken]) => done({ without: without, withToken: withToken }));
				""", TYPING);

		assertThat(((Number) statuses.get("without")).intValue()).isEqualTo(403);
		// past the CSRF check the console answers for itself (there is no such conversation)
		assertThat(((Number) statuses.get("withToken")).intValue()).isNotIn(401, 403);
	}

	@Test
	void whenAPageTriesToFrameTheConsoleThenTheBrowserShowsNothingOfIt() {
		signIn();
		browser.go("/console/");

		Object framed = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				const frame = document.createElement('iframe');
				frame.src = '/console/sign-in';
				frame.onload = () => {
					let doc = null;
					try { doc = frame.contentDocument; } catch (e) { doc = null; }
					done(doc !== null && doc.getElementById('token') !== null);
				};
				document.body.appendChild(frame);
				setTimeout(() => done(false), 5000);
				""");

		assertThat(framed).as("the sign-in form rendered inside a frame").isEqualTo(Boolean.FALSE);
	}

}
