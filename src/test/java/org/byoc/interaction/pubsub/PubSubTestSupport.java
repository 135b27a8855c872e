package org.byoc.interaction.pubsub;

import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The one service (one Spring context, one test directory) that most Pub/Sub test classes share. */
abstract class PubSubTestSupport extends PubSubTestBase {

	static final Path dir = newTestDir("pubsub");

	@DynamicPropertySource
	static void service(DynamicPropertyRegistry registry) {
		service(registry, dir);
	}

	@Override
	Path dir() {
		return dir;
	}

}
