package org.byoc.interaction.journal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.GlobalServerInterceptor;

import org.byoc.interaction.setup.SetupDirectory;

/** Puts the journal and the stream faults on every gRPC call (Spring gRPC applies global interceptors only). */
@Configuration(proxyBeanMethods = false)
class JournalGrpcConfiguration {

	@Bean
	@GlobalServerInterceptor
	PubSubJournalInterceptor pubSubJournalInterceptor(RequestJournal journal, FaultInjector faults,
			SetupDirectory setup) {
		return new PubSubJournalInterceptor(journal, faults, setup);
	}

}
