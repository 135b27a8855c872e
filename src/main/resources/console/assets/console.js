// Agent console behaviour that htmx attributes cannot express: the live indicator, typing start/stop while the
// agent types, Ctrl+Enter to send, and resetting the reply box after a message went out. No build step.
(function () {
	'use strict';

	// Every unsafe console request needs the page's CSRF token. Forms with th:action carry it as a hidden field; htmx
	// requests (any element, any form) and the script's own fetch calls send it as a header, so a new hx-post needs
	// nothing of its own.
	function csrfHeaders() {
		const token = document.querySelector('meta[name="csrf-token"]');
		const header = document.querySelector('meta[name="csrf-header"]');
		const headers = {};
		if (token && header) {
			headers[header.content] = token.content;
		}
		return headers;
	}
	document.body.addEventListener('htmx:configRequest', function (event) {
		Object.assign(event.detail.headers, csrfHeaders());
	});

	// refusals (4xx/5xx) carry a message for the page's message area (HX-Retarget), so swap them too
	htmx.config.responseHandling = [
		{ code: '204', swap: false },
		{ code: '[23]..', swap: true },
		{ code: '[45]..', swap: true, error: true }
	];

	// Close the live stream when the page goes away. Browsers may keep a left page (and its open stream) in their
	// back/forward cache, and each open stream holds one of the few connections a browser allows per host; a few
	// page changes later, the page's own requests would wait for a free one.
	const streams = [];
	htmx.createEventSource = function (url) {
		const source = new EventSource(url, { withCredentials: true });
		streams.push(source);
		return source;
	};
	window.addEventListener('pagehide', function () {
		streams.forEach(function (source) { source.close(); });
	});
	window.addEventListener('pageshow', function (event) {
		if (event.persisted) {
			// back from the cache with a closed stream: load the page afresh
			window.location.reload();
		}
	});

	const body = document.body;
	body.addEventListener('htmx:sseOpen', function () { body.dataset.live = 'on'; });
	body.addEventListener('htmx:sseError', function () { body.dataset.live = 'off'; });

	const IDLE_MS = 3000;
	let typing = false;
	let idleTimer = null;
	// typing announcements go out one after the other, and a message only after them, so the end user's side
	// sees started, stopped and the message in the order the agent did them
	let announced = Promise.resolve();

	function replyForm() {
		return document.getElementById('reply');
	}

	function announce(on) {
		const form = replyForm();
		if (!form) {
			return;
		}
		typing = on;
		form.elements.typing.value = on ? 'true' : 'false';
		const url = form.dataset.typingUrl;
		announced = announced.then(function () {
			return fetch(url, {
				method: 'POST',
				credentials: 'same-origin',
				headers: Object.assign({ 'Content-Type': 'application/x-www-form-urlencoded', 'HX-Request': 'true' },
					csrfHeaders()),
				body: 'typing=' + on
			});
		}).catch(function () { /* a lost announcement is not worth an error */ });
	}

	document.addEventListener('input', function (event) {
		if (event.target.id !== 'reply-text') {
			return;
		}
		if (!typing && event.target.value.length > 0) {
			announce(true);
		}
		clearTimeout(idleTimer);
		idleTimer = setTimeout(function () {
			if (typing) {
				announce(false);
			}
		}, IDLE_MS);
	});

	document.addEventListener('keydown', function (event) {
		if (event.target.id === 'reply-text' && event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
			event.preventDefault();
			replyForm().requestSubmit();
		}
	});

	// the message request carries typing=true when typing was announced; the server stops it before sending
	body.addEventListener('htmx:confirm', function (event) {
		if (event.detail.elt !== replyForm()) {
			return;
		}
		clearTimeout(idleTimer);
		event.preventDefault();
		announced.then(function () { event.detail.issueRequest(true); });
	});

	body.addEventListener('htmx:afterRequest', function (event) {
		const form = replyForm();
		if (event.detail.elt !== form) {
			return;
		}
		if (event.detail.successful) {
			typing = false;
			form.reset();
			form.elements.typing.value = 'false';
			document.getElementById('flash').textContent = '';
			document.getElementById('reply-text').focus();
		}
	});
})();
