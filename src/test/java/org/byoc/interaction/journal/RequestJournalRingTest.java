package org.byoc.interaction.journal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The journal is bounded per org: a full ring drops its oldest call, and the orgs' rings are apart. */
class RequestJournalRingTest {

	@Test
	void whenAnOrgsRingIsFullThenTheOldestCallIsDroppedAndOtherOrgsKeepTheirs() {
		RequestJournal journal = new RequestJournal(new JournalProperties(true, 3));
		for (int i = 1; i <= 5; i++) {
			journal.record("00D000000000AAA", entry(journal, "/api/v1/route", "r" + i));
		}
		journal.record("00D000000000BBB", entry(journal, "/api/v1/consent", "b1"));

		RequestJournal.Page page = journal.find("00D000000000AAA", JournalQuery.ALL, 0, 10);

		assertThat(page.total()).isEqualTo(3);
		assertThat(page.entries()).extracting(JournalEntry::requestId).containsExactly("r5", "r4", "r3");
		assertThat(journal.withRequestId("00D000000000AAA", "r1")).isNull();
		assertThat(journal.withRequestId("00D000000000AAA", "r4")).isNotNull();
		assertThat(journal.count("00D000000000BBB", JournalQuery.ALL)).isEqualTo(1);
	}

	@Test
	void whenTheJournalIsOffThenNothingIsKept() {
		RequestJournal journal = new RequestJournal(new JournalProperties(false, 3));

		journal.record("00D000000000AAA", entry(journal, "/api/v1/route", "r1"));

		assertThat(journal.count("00D000000000AAA", JournalQuery.ALL)).isZero();
	}

	private static JournalEntry entry(RequestJournal journal, String path, String requestId) {
		return new JournalEntry(journal.nextId(), Instant.now(), "http", "POST", path, Map.of(), requestId, null,
				List.of(), "202", null, 1, null, List.of());
	}

}
