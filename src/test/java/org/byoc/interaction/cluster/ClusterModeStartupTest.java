package org.byoc.interaction.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import org.byoc.interaction.InteractionServiceApplication;
import org.byoc.interaction.support.EmbeddedPostgres;
import org.byoc.interaction.support.PartnerFixture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A node told it is one of several ({@code interactionservice.cluster.nodes}) refuses to start with state only it
 * can see: files in a folder of its own (unless declared shared), or the embedded H2 file.
 */
class ClusterModeStartupTest {

	final PartnerFixture fixture = PartnerFixture.shared();

	@Test
	void whenSeveralNodesWouldKeepFilesInAFolderOfTheirOwnThenTheNodeRefusesToStartSayingWhy() {
		List<String> args = new ArrayList<>(List.of(EmbeddedPostgres.newDatabaseArguments()));
		args.add("--interactionservice.cluster.nodes=3");

		assertThatThrownBy(() -> start(args)).rootCause()
			.hasMessageContaining("interactionservice.cluster.nodes=3")
			.hasMessageContaining("interactionservice.inbound.files.bucket")
			.hasMessageContaining("interactionservice.inbound.files.shared-directory=true");
	}

	@Test
	void whenSeveralNodesAreDeclaredOnTheEmbeddedH2FileThenTheNodeRefusesToStartSayingWhy() {
		List<String> args = new ArrayList<>(List.of("--interactionservice.cluster.nodes=2",
				"--interactionservice.inbound.files.shared-directory=true"));

		assertThatThrownBy(() -> start(args)).rootCause()
			.hasMessageContaining("interactionservice.cluster.nodes=2")
			.hasMessageContaining("H2");
	}

	private void start(List<String> more) {
		Path dataDir = this.fixture.dir().resolve("cluster-mode-" + UUID.randomUUID()).resolve("data");
		List<String> args = new ArrayList<>(List.of("--interactionservice.data-dir=" + dataDir,
				"--interactionservice.setup-file=" + this.fixture.setupFile(), "--server.port=0",
				"--management.server.port=0", "--spring.grpc.server.port=0", "--spring.main.banner-mode=off"));
		args.addAll(more);
		new SpringApplicationBuilder(InteractionServiceApplication.class).run(args.toArray(String[]::new)).close();
	}

}
