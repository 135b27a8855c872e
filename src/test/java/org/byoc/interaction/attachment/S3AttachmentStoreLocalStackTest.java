package org.byoc.interaction.attachment;

import java.net.URI;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same S3 contract against LocalStack. Skipped where there is no Docker. The image is pinned: later tags need
 * an auth token.
 */
@Testcontainers(disabledWithoutDocker = true)
class S3AttachmentStoreLocalStackTest extends S3AttachmentStoreContract {

	@Container
	static final LocalStackContainer LOCALSTACK = new LocalStackContainer(
			DockerImageName.parse("localstack/localstack:4.14.0"))
		.withServices("s3");

	@Override
	URI endpoint() {
		return LOCALSTACK.getEndpoint();
	}

	@Override
	String region() {
		return LOCALSTACK.getRegion();
	}

}
