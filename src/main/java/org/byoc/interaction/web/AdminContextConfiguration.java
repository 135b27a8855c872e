package org.byoc.interaction.web;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.MultipartConfigElement;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.servlet.filter.OrderedCharacterEncodingFilter;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Joins the admin API controllers and the agent console pages to the management child context, so
 * {@code /admin/api/**} and {@code /console/**} are served on the management port only. Listed in
 * META-INF/spring/...ManagementContextConfiguration.imports; the main component scan skips it (see
 * {@code InteractionServiceApplication}). What guards them is the management port's filter chain
 * ({@code auth.ManagementSecurityConfiguration}, in the main context: one filter chain proxy serves both ports).
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ComponentScan(basePackages = "org.byoc.interaction", useDefaultFilters = false,
		includeFilters = { @ComponentScan.Filter(AdminEndpoint.class), @ComponentScan.Filter(ConsolePage.class) })
public class AdminContextConfiguration {

	/**
	 * The console's own static files and the htmx WebJars, under {@code /console/} on the management port only
	 * (public: the sign-in page needs them before there is a session).
	 */
	@Bean
	WebMvcConfigurer consoleResources() {
		return new WebMvcConfigurer() {

			@Override
			public void addResourceHandlers(ResourceHandlerRegistry registry) {
				registry.addResourceHandler(ConsolePage.PATH + "/assets/**")
					.addResourceLocations("classpath:/console/assets/");
				registry.addResourceHandler(ConsolePage.PATH + "/webjars/**")
					.addResourceLocations("classpath:/META-INF/resources/webjars/");
			}

		};
	}

	/**
	 * The management port echoes a caller's RequestId and logs with it, as the partner API does: the main context's
	 * filter serves the API port only. Highest precedence (on its class), so the admin token's refusals echo it too.
	 */
	@Bean
	RequestIdFilter managementRequestIdFilter() {
		return new RequestIdFilter();
	}

	/**
	 * Form posts on the management port (the console's forms) are UTF-8, as the partner API's are: Boot's encoding
	 * filter serves the main context only, and without it an agent's "Un instant…" would be read as ISO-8859-1.
	 */
	@Bean
	OrderedCharacterEncodingFilter managementCharacterEncodingFilter() {
		OrderedCharacterEncodingFilter filter = new OrderedCharacterEncodingFilter();
		filter.setEncoding(StandardCharsets.UTF_8.name());
		filter.setForceRequestEncoding(true);
		return filter;
	}

	/**
	 * Boot registers the management DispatcherServlet without multipart support; agents upload files through the
	 * admin API, so it gets the same multipart limits as the partner API.
	 */
	@Bean
	static BeanPostProcessor managementMultipartConfig(ObjectProvider<MultipartConfigElement> multipart) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof DispatcherServletRegistrationBean registration) {
					multipart.ifAvailable(registration::setMultipartConfig);
				}
				return bean;
			}

		};
	}

}
