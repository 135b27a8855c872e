package org.byoc.interaction.attachment;

import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Keeps files in an S3 bucket (or an S3-compatible store through the endpoint override). Uploads stream with a
 * known length, so the SDK never buffers the body; download links are presigned GETs. Credentials come from the
 * SDK's default chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, profiles, instance roles).
 */
final class S3AttachmentStore implements AttachmentStore, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(S3AttachmentStore.class);

	private final S3Client s3;

	private final S3Client uploads;

	private final SdkHttpClient http;

	private final S3Presigner presigner;

	private final String bucket;

	private final Duration presignTtl;

	private S3AttachmentStore(S3Client s3, S3Client uploads, SdkHttpClient http, S3Presigner presigner, String bucket,
			Duration presignTtl) {
		this.s3 = s3;
		this.uploads = uploads;
		this.http = http;
		this.presigner = presigner;
		this.bucket = bucket;
		this.presignTtl = presignTtl;
	}

	static S3AttachmentStore create(InboundFilesProperties files) {
		AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
		Region region = Region.of(files.region());
		S3Configuration addressing = S3Configuration.builder().pathStyleAccessEnabled(files.pathStyle()).build();
		SdkHttpClient http = ApacheHttpClient.builder().build();
		S3ClientBuilder client = S3Client.builder()
			.region(region)
			.credentialsProvider(credentials)
			.httpClient(http)
			.serviceConfiguration(addressing)
			.overrideConfiguration(o -> o.apiCallTimeout(files.apiCallTimeout()));
		// An upload streams the request's body once; the SDK cannot replay it, so it must not retry. The partner
		// retries the whole request when we answer 503.
		S3ClientBuilder uploads = S3Client.builder()
			.region(region)
			.credentialsProvider(credentials)
			.httpClient(http)
			.serviceConfiguration(addressing)
			.overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(files.apiCallTimeout()));
		S3Presigner.Builder presigner = S3Presigner.builder()
			.region(region)
			.credentialsProvider(credentials)
			.serviceConfiguration(addressing);
		if (files.endpoint() != null) {
			client.endpointOverride(files.endpoint());
			uploads.endpointOverride(files.endpoint());
			presigner.endpointOverride(files.endpoint());
		}
		S3AttachmentStore store = new S3AttachmentStore(client.build(), uploads.build(), http, presigner.build(),
				files.bucket(),
				files.presignTtl());
		if (files.createBucket()) {
			store.createBucketIfMissing(region);
		}
		return store;
	}

	@Override
	public void put(String key, InputStream content, long length, String mimeType) {
		try {
			this.uploads.putObject(b -> b.bucket(this.bucket).key(key).contentType(mimeType).contentLength(length),
					RequestBody.fromInputStream(content, length));
		}
		catch (SdkException ex) {
			throw failure("Could not store " + key + " in bucket " + this.bucket, ex);
		}
	}

	@Override
	public Optional<InputStream> open(String key) {
		try {
			return Optional.of(this.s3.getObject(b -> b.bucket(this.bucket).key(key)));
		}
		catch (NoSuchKeyException ex) {
			return Optional.empty();
		}
		catch (SdkException ex) {
			throw failure("Could not read " + key + " from bucket " + this.bucket, ex);
		}
	}

	@Override
	public void delete(String key) {
		try {
			this.s3.deleteObject(b -> b.bucket(this.bucket).key(key));
		}
		catch (SdkException ex) {
			throw failure("Could not delete " + key + " from bucket " + this.bucket, ex);
		}
	}

	@Override
	public boolean exists(String key) {
		try {
			this.s3.headObject(b -> b.bucket(this.bucket).key(key));
			return true;
		}
		catch (NoSuchKeyException ex) {
			return false;
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404) {
				return false;
			}
			throw failure("Could not look up " + key + " in bucket " + this.bucket, ex);
		}
		catch (SdkException ex) {
			throw failure("Could not look up " + key + " in bucket " + this.bucket, ex);
		}
	}

	/** A call past {@code api-call-timeout}, or one whose socket read timed out, counts as a timeout. */
	private static AttachmentStoreException failure(String message, SdkException ex) {
		boolean timedOut = false;
		for (Throwable cause = ex; cause != null && !timedOut; cause = cause.getCause()) {
			timedOut = cause instanceof ApiCallTimeoutException || cause instanceof ApiCallAttemptTimeoutException
					|| cause instanceof SocketTimeoutException;
		}
		return new AttachmentStoreException(message, ex, timedOut);
	}

	@Override
	public URI downloadUrl(StoredAttachment attachment) {
		// presigning is local computation: no call to S3
		var presigned = this.presigner.presignGetObject(p -> p.signatureDuration(this.presignTtl)
			.getObjectRequest(g -> g.bucket(this.bucket)
				.key(attachment.storeKey())
				.responseContentType(attachment.mimeType())
				.responseContentDisposition(Disposition.attachment(attachment.fileName()))));
		try {
			return presigned.url().toURI();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException("The SDK presigned an invalid URL", ex);
		}
	}

	@Override
	public void close() {
		this.presigner.close();
		this.uploads.close();
		this.s3.close();
		// shared by both clients, so neither closes it
		this.http.close();
	}

	private void createBucketIfMissing(Region region) {
		try {
			this.s3.headBucket(b -> b.bucket(this.bucket));
		}
		catch (NoSuchBucketException ex) {
			createBucket(region);
		}
		catch (S3Exception ex) {
			if (ex.statusCode() != 404) {
				throw ex;
			}
			createBucket(region);
		}
	}

	private void createBucket(Region region) {
		log.info("Creating attachment bucket {} (interactionservice.inbound.files.create-bucket=true)", this.bucket);
		if (Region.US_EAST_1.equals(region)) {
			this.s3.createBucket(b -> b.bucket(this.bucket));
		}
		else {
			this.s3.createBucket(b -> b.bucket(this.bucket)
				.createBucketConfiguration(CreateBucketConfiguration.builder().locationConstraint(region.id()).build()));
		}
	}

}
