package org.byoc.interaction.web;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.context.annotation.ComponentScan;

/**
 * Joins the admin API controllers to the management child context, so {@code /admin/api/**} is served on the
 * management port only. Listed in META-INF/spring/...ManagementContextConfiguration.imports, next to the admin token
 * filter's {@code auth.AdminSecurityConfiguration}; the main component scan skips both (see
 * {@code InteractionServiceApplication}).
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ComponentScan(basePackages = "org.byoc.interaction", useDefaultFilters = false,
		includeFilters = @ComponentScan.Filter(AdminEndpoint.class))
public class AdminContextConfiguration {

}
