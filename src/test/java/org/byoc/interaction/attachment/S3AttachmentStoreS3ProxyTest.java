package org.byoc.interaction.attachment;

import static org.byoc.interaction.attachment.FileSystemAttachmentReceiverTest.assertRefused;

import java.io.ByteArrayInputStream;
import java.net.URI;

import org.gaul.s3proxy.S3Proxy;
import org.junit.jupiter.api.Test;

import org.byoc.interaction.contract.ErrorCode;

/** The S3 store against S3Proxy in this JVM, signature checks on. */
class S3AttachmentStoreS3ProxyTest extends S3AttachmentStoreContract {

	@Override
	URI endpoint() {
		return S3ProxyServer.sharedEndpoint();
	}

	@Override
	String region() {
		return "us-east-1";
	}

	@Test
	void whenS3IsDownThenAnswers503() throws Exception {
		S3Proxy proxy = S3ProxyServer.startNew();
		InboundFilesProperties files = new InboundFilesProperties("down-bucket", "", "us-east-1",
				S3ProxyServer.endpoint(proxy), true, true, java.time.Duration.ofMinutes(5),
				java.time.Duration.ofMinutes(2));
		S3AttachmentStore down = S3AttachmentStore.create(files);
		proxy.stop();
		try {
			byte[] png = Samples.png();
			assertRefused(() -> receiver(down, SMALL_LIMIT).receive(upload("a.png", png.length, png.length),
					new ByteArrayInputStream(png)), ErrorCode.SERVICE_UNAVAILABLE);
		}
		finally {
			down.close();
		}
	}

	@Test
	void whenCredentialsAreWrongThenS3ProxyRefusesAndWeAnswer503() {
		InboundFilesProperties files = files(this.bucket, false);
		// credentials are resolved per request, so the wrong secret must be in place while uploading
		System.setProperty("aws.secretAccessKey", "wrong-secret");
		S3AttachmentStore wrong = S3AttachmentStore.create(files);
		try {
			byte[] png = Samples.png();
			assertRefused(() -> receiver(wrong, SMALL_LIMIT).receive(upload("a.png", png.length, png.length),
					new ByteArrayInputStream(png)), ErrorCode.SERVICE_UNAVAILABLE);
		}
		finally {
			S3ProxyServer.useTestCredentials();
			wrong.close();
		}
	}

}
