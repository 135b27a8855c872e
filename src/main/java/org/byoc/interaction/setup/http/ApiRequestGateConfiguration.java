package org.byoc.interaction.setup.http;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import org.byoc.interaction.setup.SetupDirectory;
import org.byoc.interaction.setup.maintenance.OrgMaintenance;

/** Puts the {@link ApiRequestGate} before every {@code /api/v1/**} endpoint of the main (API port) context. */
@Configuration(proxyBeanMethods = false)
class ApiRequestGateConfiguration implements WebMvcConfigurer {

	private final SetupDirectory setup;

	private final OrgMaintenance maintenance;

	ApiRequestGateConfiguration(SetupDirectory setup, OrgMaintenance maintenance) {
		this.setup = setup;
		this.maintenance = maintenance;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new ApiRequestGate(this.setup, this.maintenance)).addPathPatterns("/api/v1/**");
	}

}
