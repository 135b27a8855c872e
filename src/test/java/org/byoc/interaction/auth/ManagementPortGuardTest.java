package org.byoc.interaction.auth;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import org.byoc.interaction.InteractionServiceApplication;
import org.byoc.interaction.support.AdminKeys;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The actuator is guarded only on its own port, so sharing the API port must not start. */
class ManagementPortGuardTest {

	@Test
	void whenManagementPortIsTheApiPortThenStartUpFails() {
		SpringApplicationBuilder app = new SpringApplicationBuilder(InteractionServiceApplication.class);
		// command-line arguments, so they outrank application.properties (and never bind the fixed ports)
		String[] args = { "--server.port=0", "--management.server.port=",
				"--interactionservice.data-dir=" + AdminKeys.freshDir("port-guard").resolve("data") };

		assertThatThrownBy(() -> {
			try (ConfigurableApplicationContext context = app.run(args)) {
				// reaching this line means the service started with an unguarded actuator
			}
		}).hasStackTraceContaining("management.server.port must be a port of its own");
	}

}
