package org.byoc.interaction.journal;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.JsonFields;
import org.byoc.interaction.contract.JsonRequestBody;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.SetupDirectory;
import org.byoc.interaction.web.AdminEndpoint;

/**
 * The request journal over the admin API: {@code GET /admin/api/orgs/{orgId}/requests} (newest first, filtered,
 * paginated), {@code DELETE} to clear it, {@code POST .../requests/count} to verify how many calls matched (the
 * same filters as JSON), and the org's strict switch ({@code GET/PUT .../strict}).
 */
@AdminEndpoint
@RequestMapping("/admin/api/orgs/{orgId}")
final class RequestJournalAdminController {

	static final int DEFAULT_PAGE_SIZE = 50;

	static final int MAX_PAGE_SIZE = 1000;

	private final SetupDirectory setup;

	private final RequestJournal journal;

	private final StrictModes strict;

	RequestJournalAdminController(SetupDirectory setup, RequestJournal journal, StrictModes strict) {
		this.setup = setup;
		this.journal = journal;
		this.strict = strict;
	}

	@GetMapping("/requests")
	RequestsView requests(@PathVariable String orgId, @RequestParam(required = false) @Nullable String path,
			@RequestParam(required = false) @Nullable String method,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String finding,
			@RequestParam(required = false) @Nullable String conversation,
			@RequestParam(required = false) @Nullable String since, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + DEFAULT_PAGE_SIZE) int size) {
		Org org = org(orgId);
		if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
			throw ErrorCode.INVALID_PARAMETERS
				.exception("page must be 0 or more and size from 1 to " + MAX_PAGE_SIZE + ".");
		}
		JournalQuery query = new JournalQuery(path, method, status, finding, conversation, JournalQuery.since(since));
		RequestJournal.Page found = this.journal.find(org.key(), query, page, size);
		return new RequestsView(org.key(), this.journal.enabled(), this.strict.isStrict(org.key()), found.total(), page,
				size, found.entries());
	}

	@DeleteMapping("/requests")
	ResponseEntity<Void> clear(@PathVariable String orgId) {
		this.journal.clear(org(orgId).key());
		return ResponseEntity.noContent().build();
	}

	/** WireMock's verify: how many journaled calls match, e.g. {@code {"path": "/api/v1/interactions", "finding": "any"}}. */
	@PostMapping("/requests/count")
	CountView count(@PathVariable String orgId, @RequestBody(required = false) byte @Nullable [] body) {
		Org org = org(orgId);
		JsonFields filters = JsonRequestBody.parseIfPresent(body);
		JournalQuery query = (filters == null) ? JournalQuery.ALL
				: new JournalQuery(filters.string("path"), filters.string("method"), filters.string("status"),
						filters.string("finding"), filters.string("conversation"),
						JournalQuery.since(filters.string("since")));
		return new CountView(this.journal.count(org.key(), query));
	}

	@GetMapping("/strict")
	StrictView strict(@PathVariable String orgId) {
		Org org = org(orgId);
		return new StrictView(org.key(), this.strict.isStrict(org.key()));
	}

	@PutMapping("/strict")
	StrictView switchStrict(@PathVariable String orgId, @RequestBody(required = false) byte @Nullable [] body) {
		Org org = org(orgId);
		if (body == null || body.length == 0) {
			throw ErrorCode.REQUEST_BODY_MISSING.exception("Send {\"strict\": true|false}.");
		}
		boolean on = JsonRequestBody.parse(body).requireBool("strict");
		this.strict.switchTo(org.key(), on);
		return new StrictView(org.key(), on);
	}

	private Org org(String orgId) {
		return this.setup.org(orgId)
			.orElseThrow(() -> ErrorCode.ENDPOINT_NOT_FOUND.exception("No org " + orgId + " in the setup."));
	}

	/** One page of an org's journal, newest first, and how many entries matched in all. */
	record RequestsView(String orgId, boolean journalEnabled, boolean strict, int total, int page, int size,
			List<JournalEntry> requests) {
	}

	record CountView(int count) {
	}

	record StrictView(String orgId, boolean strict) {
	}

}
