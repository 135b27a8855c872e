package org.byoc.interaction.web;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Registers {@link ApiCallerResolver} with Spring MVC in the main (API port) context. What the org decides before an
 * endpoint runs (permission, maintenance) is the setup module's gate ({@code setup.http.ApiRequestGate}).
 */
@Configuration(proxyBeanMethods = false)
class ApiCallerWebConfiguration implements WebMvcConfigurer {

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new ApiCallerResolver());
	}

}
