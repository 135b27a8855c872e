package org.byoc.interaction.pubsub;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Binds the test-only authenticator (see {@link TestSubscriberAuthenticator}). */
@TestConfiguration(proxyBeanMethods = false)
public class PubSubTestConfiguration {

	@Bean
	TestSubscriberAuthenticator testSubscriberAuthenticator() {
		return new TestSubscriberAuthenticator();
	}

}
