package org.byoc.interaction.docs;

import java.nio.file.Path;

import org.springframework.boot.grpc.test.autoconfigure.LocalGrpcServerPort;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service as a newcomer starts it (no setup file: the demo org) in a folder laid out like a fresh clone, for the
 * tests that run the README's and the docs' examples as printed. The docs tests share this one service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class DemoOrgDocsTestBase {

	static final String ORG = "00D5g000004SWby";

	static final String ADDRESS = "b0ffeafe-0d89-4338-b14a-172ad203f22a";

	static final Path checkout = DocBlocks.newCheckout();

	@DynamicPropertySource
	static void demo(DynamicPropertyRegistry registry) {
		registry.add("interactionservice.data-dir", () -> checkout.resolve("data").toString());
		registry.add("interactionservice.setup-file", () -> "");
		registry.add("interactionservice.admin.public-key",
				() -> checkout.resolve("config/admin/admin_public.pem").toString());
	}

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@LocalGrpcServerPort
	int grpcPort;

	String run(String script) throws Exception {
		return DocBlocks.run(checkout, script, this.port, this.managementPort, this.grpcPort);
	}

}
