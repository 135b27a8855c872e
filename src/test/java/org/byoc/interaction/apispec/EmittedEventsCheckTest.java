package org.byoc.interaction.apispec;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import org.byoc.interaction.outbound.ConversationEntry;
import org.byoc.interaction.outbound.OutboundEvents;
import org.byoc.interaction.outbound.Participant;
import org.byoc.interaction.setup.Channel;
import org.byoc.interaction.setup.SetupDirectory;
import org.byoc.interaction.support.PartnerApiTestBase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event check end to end in a running service: what goes through the service's outbound port is read back from
 * the event log as subscribers get it and checked, so a broken entry is reported and a rolled-back one is not.
 */
class EmittedEventsCheckTest extends PartnerApiTestBase {

	@Autowired
	private OutboundEvents outboundEvents;

	@Autowired
	private SetupDirectory setup;

	@Autowired
	private TransactionTemplate transactions;

	@Test
	void whenTheServiceEmitsAnEntryThatBreaksTheSchemaThenTheAuditReportsIt() {
		SpecViolations.drain();
		String id = UUID.randomUUID().toString();
		// a Message entry without its abstractMessage: never built by the service, so sent through the port here
		ConversationEntry broken = new ConversationEntry(id, "Message",
				"{\"entryType\":\"Message\",\"id\":\"" + id + "\"}", Participant.agent("0055g00000AgEnT"), null,
				1_700_000_000_000L, 1_700_000_000_000L, 0);
		OutboundEvents.PublishedEvent published = this.transactions.execute((status) -> this.outboundEvents
			.publishInteraction(channel(), UUID.randomUUID().toString(), fixture.partnerA().address(),
					Participant.endUser("end-user-1"), broken));

		OutboundEventAudit.checkAll();
		List<String> violations = SpecViolations.drain();

		assertThat(published.eventId()).isNotNull();
		assertThat(violations).anyMatch((v) -> v.contains(published.eventId()) && v.contains("abstractMessage"));
	}

	@Test
	void whenTheTransactionOfAnEventRollsBackThenNothingIsReported() {
		SpecViolations.drain();
		String id = UUID.randomUUID().toString();
		ConversationEntry broken = new ConversationEntry(id, "Message", "{\"entryType\":\"Message\",\"id\":\"" + id + "\"}",
				Participant.agent("0055g00000AgEnT"), null, 1_700_000_000_000L, 1_700_000_000_000L, 0);
		this.transactions.executeWithoutResult((status) -> {
			this.outboundEvents.publishInteraction(channel(), UUID.randomUUID().toString(),
					fixture.partnerA().address(), Participant.endUser("end-user-1"), broken);
			status.setRollbackOnly();
		});

		OutboundEventAudit.checkAll();

		assertThat(SpecViolations.drain()).isEmpty();
	}

	private Channel channel() {
		return this.setup.channel(fixture.partnerA().orgKey(), fixture.partnerA().channel()).orElseThrow();
	}

}
