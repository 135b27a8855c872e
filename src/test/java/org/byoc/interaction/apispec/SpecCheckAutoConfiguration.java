package org.byoc.interaction.apispec;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

import org.byoc.interaction.outbound.EventLog;
import org.byoc.interaction.outbound.EventLogResets;
import org.byoc.interaction.outbound.OutboundEvents;

/**
 * Test-only auto-configuration (listed in src/test/resources/META-INF/spring/...AutoConfiguration.imports), so every
 * application context a test starts checks its HTTP exchanges and outbound events against our specs without the
 * test doing anything.
 */
@AutoConfiguration
public class SpecCheckAutoConfiguration {

	private static OpenApiContract contract;

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	FilterRegistrationBean<ExchangeRecorder> specExchangeRecorder() {
		FilterRegistrationBean<ExchangeRecorder> registration = new FilterRegistrationBean<>(
				new ExchangeRecorder(sharedContract()));
		// outside the API security filter (HIGHEST_PRECEDENCE + 10), so its refusals are checked too
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		registration.setName("specExchangeRecorder");
		return registration;
	}

	@Bean
	OutboundEventAudit outboundEventAudit(ObjectProvider<EventLog> log, ObjectProvider<EventLogResets> resets) {
		return new OutboundEventAudit(log, resets);
	}

	@Bean
	static BeanPostProcessor outboundEventRecording(ObjectProvider<OutboundEventAudit> audit) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof OutboundEvents events) ? audit.getObject().recording(events) : bean;
			}
		};
	}

	private static synchronized OpenApiContract sharedContract() {
		if (contract == null) {
			contract = OpenApiContract.load();
		}
		return contract;
	}

}
