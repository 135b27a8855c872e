package org.byoc.interaction;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.scheduling.annotation.EnableScheduling;

import org.byoc.interaction.web.AdminEndpoint;
import org.byoc.interaction.web.ConsolePage;

/**
 * Admin controllers and console pages, and the management-context configurations that bring them and the admin
 * token filter, are kept out of the main context so they are served only on the management port (see
 * {@link org.byoc.interaction.web.AdminContextConfiguration}). A {@code @ManagementContextConfiguration} is also a
 * {@code @Configuration}: scanned here, its beans (filters included) would land on the partner API port too.
 */
@SpringBootApplication
@ComponentScan(excludeFilters = {
		@ComponentScan.Filter(type = FilterType.ANNOTATION,
				classes = { AdminEndpoint.class, ConsolePage.class, ManagementContextConfiguration.class }),
		@ComponentScan.Filter(type = FilterType.CUSTOM,
				classes = org.springframework.boot.context.TypeExcludeFilter.class),
		@ComponentScan.Filter(type = FilterType.CUSTOM,
				classes = org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter.class) })
@ConfigurationPropertiesScan
@EnableScheduling
public class InteractionServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(InteractionServiceApplication.class, args);
	}

}
