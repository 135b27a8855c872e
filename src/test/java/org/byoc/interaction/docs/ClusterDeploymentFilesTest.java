package org.byoc.interaction.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.byoc.interaction.docs.DeploymentFilesTest.read;
import static org.byoc.interaction.docs.DeploymentFilesTest.strings;

/**
 * The cluster compose file and its HAProxy configuration, checked without a Docker engine: three nodes on one
 * PostgreSQL that share what must be shared (data volume, files in S3, the node count they are told), started in an
 * order that lets the first create the shared keys, and HAProxy sending each port to the same port of every node.
 */
class ClusterDeploymentFilesTest {

	static final YAMLMapper yaml = YAMLMapper.builder().build();

	static final List<String> NODES = List.of("node1", "node2", "node3");

	@Test
	void whenTheClusterComposeFileIsReadThenThreeNodesShareOnePostgresTheirFilesInS3AndHaproxyPublishesThePorts()
			throws IOException {
		JsonNode services = yaml.readTree(read("docker/compose-cluster.yaml")).get("services");
		List<String> names = new ArrayList<>();
		services.propertyNames().forEach(names::add);
		assertThat(names).containsExactlyInAnyOrder("postgres", "localstack", "node1", "node2", "node3", "haproxy");
		assertThat(services.at("/localstack/image").asString()).isEqualTo("localstack/localstack:4.14.0");
		for (String node : NODES) {
			JsonNode service = services.get(node);
			assertThat(service.at("/build/dockerfile").asString()).as(node).isEqualTo("docker/Dockerfile");
			assertThat(service.has("ports")).as("%s is reached through HAProxy only", node).isFalse();
			JsonNode environment = service.get("environment");
			assertThat(environment.get("SPRING_DATASOURCE_URL").asString())
				.isEqualTo("jdbc:postgresql://postgres:5432/interactionservice");
			assertThat(environment.get("INTERACTIONSERVICE_CLUSTER_NODES").asString()).isEqualTo("3");
			assertThat(environment.get("INTERACTIONSERVICE_INBOUND_FILES_BUCKET").asString())
				.isEqualTo("interaction-files");
			assertThat(environment.get("INTERACTIONSERVICE_INBOUND_FILES_ENDPOINT").asString())
				.isEqualTo("http://localstack:4566");
			assertThat(strings(service.get("volumes"))).as(node)
				.contains("service-data:/app/data", "../config/admin:/app/config/admin:ro");
			if (!node.equals("node1")) {
				// the first node creates the shared keys and certificate; the others start once it is healthy
				assertThat(service.at("/depends_on/node1/condition").asString()).isEqualTo("service_healthy");
			}
		}
		assertThat(services.at("/node1/depends_on/postgres/condition").asString()).isEqualTo("service_healthy");
		assertThat(services.at("/node1/depends_on/localstack/condition").asString()).isEqualTo("service_healthy");
		JsonNode haproxy = services.get("haproxy");
		assertThat(haproxy.get("image").asString()).startsWith("haproxy:");
		assertThat(strings(haproxy.get("ports"))).containsExactly("8085:8085", "7080:7080", "7443:7443");
		assertThat(strings(haproxy.get("volumes")))
			.containsExactly("./haproxy-cluster.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro");
		List<String> dependsOn = new ArrayList<>();
		haproxy.get("depends_on").propertyNames().forEach(dependsOn::add);
		assertThat(dependsOn).containsExactlyInAnyOrderElementsOf(NODES);
		assertThat(read("docs/operations.md")).contains("docker compose -f docker/compose-cluster.yaml up --build");
	}

	@Test
	void whenTheHaproxyConfigurationIsReadThenEachFrontendReachesTheSamePortOfEveryNodeCheckedByItsReadiness()
			throws IOException {
		String config = read("docker/haproxy-cluster.cfg");
		Map<String, String> frontends = sections(config, "frontend");
		assertThat(frontends).containsOnlyKeys("api", "management", "grpc");
		assertThat(frontends.get("api")).contains("mode http", "bind :8085", "default_backend api");
		assertThat(frontends.get("management")).contains("mode http", "bind :7080", "default_backend management");
		// gRPC over TLS: TCP, so the partner's TLS reaches the node untouched
		assertThat(frontends.get("grpc")).contains("mode tcp", "bind :7443", "default_backend grpc");
		Map<String, String> backends = sections(config, "backend");
		Map<String, Integer> ports = Map.of("api", 8085, "management", 7080, "grpc", 7443);
		assertThat(backends).containsOnlyKeys(ports.keySet());
		ports.forEach((backend, port) -> {
			String body = backends.get(backend);
			assertThat(body).contains("http-check send meth GET uri /actuator/health/readiness");
			List<String> servers = new ArrayList<>();
			Matcher server = Pattern.compile("server (\\S+) (\\S+):(\\d+) check port 7080").matcher(body);
			while (server.find()) {
				assertThat(server.group(1)).isEqualTo(server.group(2));
				assertThat(Integer.parseInt(server.group(3))).as(backend).isEqualTo(port);
				servers.add(server.group(1));
			}
			assertThat(servers).as(backend).containsExactlyElementsOf(NODES);
		});
	}

	@Test
	void whenHaproxyIsInstalledThenItAcceptsTheConfiguration() throws Exception {
		assumeThat(Files.isExecutable(Path.of("/usr/sbin/haproxy"))).as("haproxy installed").isTrue();
		Process check = new ProcessBuilder("/usr/sbin/haproxy", "-c", "-f", "docker/haproxy-cluster.cfg")
			.redirectErrorStream(true)
			.start();
		String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(check.exitValue()).as(output).isZero();
	}

	/** Section name to body, for sections of one kind ("frontend api" up to the next unindented line). */
	private static Map<String, String> sections(String config, String kind) {
		Map<String, String> sections = new LinkedHashMap<>();
		Matcher section = Pattern.compile("(?m)^" + kind + " (\\S+)\\n((?:[ \\t]+.*\\n?)*)").matcher(config);
		while (section.find()) {
			sections.put(section.group(1), section.group(2));
		}
		return sections;
	}

}
