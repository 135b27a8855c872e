package org.byoc.interaction.web;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import org.byoc.interaction.setup.SetupDirectory;
import org.byoc.interaction.setup.maintenance.OrgMaintenance;

/**
 * Registers {@link ApiCallerResolver} and the {@link ApiRequestGate} of {@code /api/v1/**} with Spring MVC in the
 * main (API port) context.
 */
@Configuration(proxyBeanMethods = false)
class ApiCallerWebConfiguration implements WebMvcConfigurer {

	private final SetupDirectory setup;

	private final OrgMaintenance maintenance;

	ApiCallerWebConfiguration(SetupDirectory setup, OrgMaintenance maintenance) {
		this.setup = setup;
		this.maintenance = maintenance;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new ApiCallerResolver());
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new ApiRequestGate(this.setup, this.maintenance)).addPathPatterns("/api/v1/**");
	}

}
