package org.byoc.interaction.support;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Test-only auto-configuration (listed in src/test/resources/META-INF/spring/...AutoConfiguration.imports): every
 * application context a test starts reads time from {@link TestClock}, so time-outs are tested by advancing it.
 */
@AutoConfiguration
public class TestClockAutoConfiguration {

	@Bean
	@Primary
	Clock testClock() {
		return new TestClock();
	}

}
