package org.byoc.interaction.auth;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.byoc.interaction.support.AdminKeys;

import static org.assertj.core.api.Assertions.assertThat;

/** A service started before anyone ran generate_admin_key.sh. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AdminPortWithoutKeyTest {

	static final Path WORK = AdminKeys.freshDir("admin-no-key");

	static final Path KEYS = WORK.resolve("keys-not-yet-made");

	@LocalManagementPort
	int managementPort;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("interactionservice.data-dir", () -> WORK.resolve("data").toString());
		registry.add("interactionservice.admin.public-key", () -> KEYS.resolve("admin_public.pem").toString());
	}

	@Test
	void whenNoKeyFileExistsThenHealthIsStillPublic() throws Exception {
		HttpResponse<String> response = AdminPortSecurityTest.get(this.managementPort, "/actuator/health", null);

		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void whenNoKeyFileExistsThenAdminEndpointsNameTheScriptUntilItHasRun() throws Exception {
		for (String path : new String[] { "/actuator/prometheus", "/admin/api/setup" }) {
			HttpResponse<String> response = AdminPortSecurityTest.get(this.managementPort, path, "anything");

			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(AdminPortSecurityTest.json(response).path("code").asInt()).isEqualTo(401);
			assertThat(AdminPortSecurityTest.json(response).path("message").asString())
				.contains("generate_admin_key.sh");
		}

		String token = AdminKeys.tokenFor(KEYS, "10m");

		assertThat(AdminPortSecurityTest.get(this.managementPort, "/actuator/prometheus", token).statusCode())
			.isEqualTo(200);
	}

}
