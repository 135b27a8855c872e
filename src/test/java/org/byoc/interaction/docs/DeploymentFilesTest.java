package org.byoc.interaction.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What can be checked of the Docker and GitHub files on a machine without a Docker engine: they parse, they pin
 * what must be pinned, and they build and test with the same commands the README and the docs give.
 */
class DeploymentFilesTest {

	static final YAMLMapper yaml = YAMLMapper.builder().build();

	@Test
	void whenTheComposeFileIsReadThenItRunsTheServiceWithPostgresAndPinnedLocalStack() throws IOException {
		JsonNode compose = yaml.readTree(read("docker/compose.yaml"));
		JsonNode services = compose.get("services");
		assertThat(services.get("localstack").get("image").asString()).isEqualTo("localstack/localstack:4.14.0");
		assertThat(services.get("postgres").get("image").asString()).startsWith("postgres:");
		JsonNode service = services.get("interaction-service");
		assertThat(service.at("/build/dockerfile").asString()).isEqualTo("docker/Dockerfile");
		assertThat(strings(service.get("ports"))).containsExactly("8085:8085", "7080:7080", "7443:7443");
		JsonNode environment = service.get("environment");
		assertThat(environment.get("SPRING_DATASOURCE_URL").asString()).startsWith("jdbc:postgresql://postgres:");
		assertThat(environment.get("INTERACTIONSERVICE_INBOUND_FILES_BUCKET").asString()).isEqualTo("interaction-files");
		assertThat(read("docker/localstack-create-bucket.sh")).contains("s3://interaction-files");
		assertThat(Files.isExecutable(Path.of("docker/localstack-create-bucket.sh"))).isTrue();
	}

	@Test
	void whenTheDockerfileIsReadThenItBuildsWithTheWrapperAndRunsWarmAsANonRootUserWithAHealthCheck() throws IOException {
		String dockerfile = read("docker/Dockerfile");
		assertThat(dockerfile).contains("RUN ./mvnw -B -DskipTests package")
			.contains("FROM eclipse-temurin:25-jre")
			.contains("USER interaction")
			.contains("HEALTHCHECK")
			.contains("http://localhost:7080/actuator/health/readiness")
			.contains("extract --layers --destination /layers")
			.contains("EXPOSE 8085 7080 7443");
		// warm from the first request: the AOT cache is trained at build time, on the image's own JRE, and used
		assertThat(dockerfile).contains("RUN /opt/warm-start/scripts/warm-start.sh train --dir /app")
			.contains("test -s /app/interaction-service.aot")
			.contains("ENTRYPOINT [\"java\", \"-XX:AOTCache=/app/interaction-service.aot\", \"-jar\", "
					+ "\"/app/interaction-service.jar\"]")
			.contains("COPY scripts/warm-start.sh scripts/get-token.sh /opt/warm-start/scripts/")
			.contains("COPY generate_admin_key.sh /opt/warm-start/");
		assertThat(dockerfile.indexOf("warm-start.sh train")).as("trained on the run stage's JRE")
			.isGreaterThan(dockerfile.indexOf("FROM eclipse-temurin:25-jre"));
		String operations = read("docs/operations.md");
		assertThat(operations).contains("docker build -f docker/Dockerfile -t interaction-service .")
			.contains("docker compose -f docker/compose.yaml up --build");
	}

	@Test
	void whenTheWorkflowIsReadThenItRunsTheReadmeTestCommandOnJdk17And25AndKeepsTheReports() throws IOException {
		JsonNode workflow = yaml.readTree(read(".github/workflows/ci.yml"));
		JsonNode job = workflow.at("/jobs/verify");
		assertThat(strings(job.at("/strategy/matrix/java"))).containsExactly("17", "25");
		List<String> runs = new ArrayList<>();
		List<String> uses = new ArrayList<>();
		for (JsonNode step : job.get("steps")) {
			if (step.has("run")) {
				runs.add(step.get("run").asString().trim());
			}
			if (step.has("uses")) {
				uses.add(step.get("uses").asString());
			}
		}
		assertThat(runs).contains("./mvnw -B verify");
		assertThat(read(".ci/run")).contains("./mvnw -B verify");
		assertThat(read("README.md")).contains("./mvnw verify");
		assertThat(read("docs/testing.md")).contains("./mvnw verify");
		assertThat(uses).anyMatch((u) -> u.startsWith("actions/setup-java@"))
			.anyMatch((u) -> u.startsWith("actions/upload-artifact@"));
		JsonNode setupJava = job.get("steps").valueStream()
			.filter((step) -> step.path("uses").asString("").startsWith("actions/setup-java@"))
			.findFirst()
			.orElseThrow();
		assertThat(setupJava.at("/with/cache").asString()).isEqualTo("maven");
	}

	static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

	static String read(String path) throws IOException {
		return Files.readString(Path.of(path), StandardCharsets.UTF_8);
	}

}
