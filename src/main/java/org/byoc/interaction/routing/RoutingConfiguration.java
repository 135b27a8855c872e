package org.byoc.interaction.routing;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The clock routing reads time from (offer time-outs, who waited longest): the system clock, replaceable by a
 * bean of its own (tests advance one instead of sleeping).
 */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
