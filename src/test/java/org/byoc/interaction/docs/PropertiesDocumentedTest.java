package org.byoc.interaction.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;

import org.byoc.interaction.InteractionServiceApplication;
import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the whole service with a property source that answers nothing but writes down every
 * {@code interactionservice.*} name the service asks for, then fails for each one application.properties.example
 * does not document.
 */
class PropertiesDocumentedTest {

	@Test
	void whenTheServiceStartsThenEveryPropertyItReadsIsInTheExample() throws IOException {
		Set<String> asked = new ConcurrentSkipListSet<>();
		PropertySource<Object> recorder = new PropertySource<>("property-recorder") {

			@Override
			public Object getProperty(String name) {
				if (name.startsWith("interactionservice.")) {
					asked.add(name);
				}
				return null;
			}

		};
		PartnerFixture fixture = PartnerFixture.shared();
		SpringApplication application = new SpringApplication(InteractionServiceApplication.class);
		application.setWebApplicationType(WebApplicationType.SERVLET);
		application.addInitializers((context) -> context.getEnvironment().getPropertySources().addFirst(recorder));
		try (ConfigurableApplicationContext context = application.run("--server.port=0",
				"--management.server.port=0", "--spring.grpc.server.port=0",
				"--interactionservice.data-dir=" + fixture.dataDir().resolveSibling("data-properties-test"),
				"--interactionservice.setup-file=" + fixture.setupFile(), "--spring.main.banner-mode=off")) {
			assertThat(context.isRunning()).isTrue();
		}
		Set<String> documented = documented();
		Set<String> missing = new TreeSet<>();
		for (String name : asked) {
			if (!isDocumented(canonical(name), documented)) {
				missing.add(name);
			}
		}
		assertThat(asked).as("properties the service asked for").contains("interactionservice.data-dir");
		assertThat(missing).as("read by the service but not documented in application.properties.example").isEmpty();
	}

	/** Names in the example, commented out or not ({@code #name=value} documents an optional property). */
	private static Set<String> documented() throws IOException {
		String example = Files.readString(Path.of("application.properties.example"), StandardCharsets.UTF_8);
		Matcher names = Pattern.compile("(?m)^#?(interactionservice\\.[A-Za-z0-9.\\-\\[\\]]+)=").matcher(example);
		Set<String> documented = new TreeSet<>();
		while (names.find()) {
			documented.add(canonical(names.group(1)));
		}
		return documented;
	}

	/**
	 * Documented as itself, or as a group the binder probed before binding its members ({@code ...pubsub.tls}), or
	 * as a value the binder probed inside ({@code ...max-size.bytes}).
	 */
	private static boolean isDocumented(String name, Set<String> documented) {
		for (String known : documented) {
			if (known.equals(name) || known.startsWith(name + ".") || name.startsWith(known + ".")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Relaxed binding: compare without dashes and case, list indexes, or the default a placeholder carries
	 * ({@code ${name:default}} is looked up whole first).
	 */
	private static String canonical(String name) {
		int colon = name.indexOf(':');
		String bare = (colon >= 0) ? name.substring(0, colon) : name;
		return bare.replaceAll("\\[\\d+]", "").replace("-", "").toLowerCase();
	}

}
