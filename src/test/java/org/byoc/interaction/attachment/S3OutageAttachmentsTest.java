package org.byoc.interaction.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.InteractionApiException;
import org.byoc.interaction.support.AdminKeys;

/**
 * The configured bucket does not exist (and is not created): the service still starts, and an upload fails with
 * the 503 answer, leaving no metadata row, the way the conversation module will call it.
 */
@SpringBootTest(properties = { "interactionservice.inbound.files.bucket=bucket-nobody-created",
		"interactionservice.inbound.files.path-style=true" })
class S3OutageAttachmentsTest {

	@DynamicPropertySource
	static void s3(DynamicPropertyRegistry registry) {
		registry.add("interactionservice.data-dir",
				() -> AdminKeys.freshDir("attachments-s3-outage").resolve("data").toString());
		registry.add("interactionservice.inbound.files.endpoint", () -> S3ProxyServer.sharedEndpoint().toString());
	}

	@Autowired
	Attachments attachments;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void whenTheStoreFailsThenTheAnswerIs503AndNoMetadataRowIsWritten() {
		byte[] png = Samples.png();
		UUID conversation = UUID.randomUUID();
		AttachmentUpload upload = new AttachmentUpload("00DXX0000000001", conversation, UUID.randomUUID(), "a.png",
				png.length, png.length);

		assertThatThrownBy(() -> this.transactions.executeWithoutResult(status -> {
			StoredAttachment stored = this.attachments.receive(upload, new ByteArrayInputStream(png));
			this.attachments.record(stored);
		})).isInstanceOfSatisfying(InteractionApiException.class, ex -> {
			assertThat(ex.errorCode()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
			assertThat(ex.errorCode().httpStatus()).isEqualTo(503);
			assertThat(ex.getMessage()).contains("attachment store");
		});

		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM attachment WHERE conversation_identifier = ?")
			.param(conversation.toString())
			.query(Long.class)
			.single()).isZero();
		assertThat(this.attachments.findByConversation(conversation)).isEmpty();
	}

}
