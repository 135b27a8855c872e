package org.byoc.interaction.journal;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.setup.Org;
import org.byoc.interaction.setup.SetupDirectory;
import org.byoc.interaction.web.ConsolePage;

/**
 * The console's "Requests" page: an org's journal, newest first, with the same filters as the admin API and each
 * call's findings highlighted (refusals, leniency warnings, injected faults).
 */
@ConsolePage
@RequestMapping(ConsolePage.PATH + "/requests")
final class RequestsPageController {

	static final int PAGE_SIZE = 100;

	private final SetupDirectory setup;

	private final RequestJournal journal;

	private final StrictModes strict;

	RequestsPageController(SetupDirectory setup, RequestJournal journal, StrictModes strict) {
		this.setup = setup;
		this.journal = journal;
		this.strict = strict;
	}

	@GetMapping
	String requests(@RequestParam(required = false) @Nullable String org,
			@RequestParam(required = false) @Nullable String path,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String finding,
			@RequestParam(required = false) @Nullable String conversation, Model model) {
		List<Org> orgs = this.setup.orgs();
		Org shown = (org != null && !org.isBlank())
				? this.setup.org(org)
					.orElseThrow(() -> ErrorCode.ENDPOINT_NOT_FOUND.exception("No org " + org + " in the setup."))
				: (orgs.isEmpty() ? null : orgs.get(0));
		model.addAttribute("orgs", orgs);
		model.addAttribute("org", shown);
		model.addAttribute("path", path);
		model.addAttribute("status", status);
		model.addAttribute("finding", finding);
		model.addAttribute("conversation", conversation);
		model.addAttribute("enabled", this.journal.enabled());
		if (shown != null) {
			RequestJournal.Page page = this.journal.find(shown.key(),
					new JournalQuery(path, null, status, finding, conversation, null), 0, PAGE_SIZE);
			model.addAttribute("strict", this.strict.isStrict(shown.key()));
			model.addAttribute("total", page.total());
			model.addAttribute("requests", page.entries());
		}
		else {
			model.addAttribute("strict", false);
			model.addAttribute("total", 0);
			model.addAttribute("requests", List.of());
		}
		return "console/requests";
	}

}
