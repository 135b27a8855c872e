package org.byoc.interaction.setup;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

import org.byoc.interaction.web.AdminEndpoint;

/**
 * The setup document over the admin API: the same document as the setup file, exported and applied. Served on
 * the management port only, behind the admin token.
 */
@AdminEndpoint
@RequestMapping("/admin/api/setup")
final class SetupAdminController {

	static final String SOURCE = "PUT /admin/api/setup";

	static final List<MediaType> YAML_TYPES = List.of(MediaType.APPLICATION_YAML,
			MediaType.parseMediaType("application/x-yaml"), MediaType.parseMediaType("text/yaml"));

	private static final Logger log = LoggerFactory.getLogger(SetupAdminController.class);

	// The child context has its own MVC converters; writing the bytes ourselves keeps YAML and JSON predictable.
	private static final YAMLMapper YAML = YAMLMapper.builder()
		.disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
		.enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
		.build();

	private final SetupAdministration setup;

	private final Path baseDir;

	private final JsonMapper json;

	SetupAdminController(SetupAdministration setup, @Value("${interactionservice.setup-file:}") String setupFile,
			JsonMapper json) {
		this.json = json;
		this.setup = setup;
		// Relative certificate paths resolve as they do for the setup file; exports carry certificates inline anyway.
		this.baseDir = setupFile.isBlank() ? Path.of("").toAbsolutePath()
				: Path.of(setupFile).toAbsolutePath().getParent();
	}

	@GetMapping
	ResponseEntity<byte[]> export(@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
		Map<String, Object> tree = this.setup.toTree(this.setup.export());
		if (wantsYaml(accept)) {
			return ResponseEntity.ok().contentType(MediaType.APPLICATION_YAML).body(YAML.writeValueAsBytes(tree));
		}
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(this.json.writeValueAsBytes(tree));
	}

	@PutMapping(consumes = { MediaType.APPLICATION_YAML_VALUE, "application/x-yaml", "text/yaml",
			MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<SetupAdministration.ApplyResult> apply(@RequestBody byte[] body,
			@RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType) {
		Charset charset = (contentType.getCharset() != null) ? contentType.getCharset() : StandardCharsets.UTF_8;
		SetupDocument document = this.setup.parse(new String(body, charset), this.baseDir, SOURCE);
		SetupAdministration.ApplyResult result = this.setup.apply(document);
		log.info("Setup applied through the admin API: created {}, updated {}, unchanged {}", result.createdOrgs(),
				result.updatedOrgs(), result.unchangedOrgs());
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(result);
	}

	/** YAML when the caller names a YAML type and ranks JSON no higher; JSON otherwise, wildcards included. */
	static boolean wantsYaml(String accept) {
		if (accept == null || accept.isBlank()) {
			return false;
		}
		List<MediaType> accepted;
		try {
			accepted = MediaType.parseMediaTypes(accept);
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
		double yaml = 0;
		double json = 0;
		for (MediaType type : accepted) {
			if (YAML_TYPES.stream().anyMatch((yamlType) -> yamlType.equalsTypeAndSubtype(type))) {
				yaml = Math.max(yaml, type.getQualityValue());
			}
			else if (MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)) {
				json = Math.max(json, type.getQualityValue());
			}
		}
		return yaml > 0 && yaml > json;
	}

}
