package org.byoc.interaction.attachment;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Where inbound files go. The names follow the vendor's seed, whose only property was {@code bucket}: setting it
 * selects the S3 store; without it files stay on the local filesystem under the data directory.
 *
 * @param bucket the S3 bucket; empty means the filesystem store
 * @param prefix a key prefix, for sharing a bucket
 * @param region the bucket's region
 * @param endpoint an endpoint override for S3-compatible stores
 * @param pathStyle path-style addressing, which most S3-compatible stores need
 * @param createBucket create the bucket at start when it is missing (development only)
 * @param presignTtl how long a download link stays valid (both stores)
 * @param apiCallTimeout how long one S3 call may take in all (an upload's included) before the request is answered
 * 503 with code 10094; slower than that, the store counts as not answering
 */
@ConfigurationProperties("interactionservice.inbound.files")
record InboundFilesProperties(String bucket, @DefaultValue("") String prefix, @DefaultValue("us-east-1") String region,
		URI endpoint, @DefaultValue("false") boolean pathStyle, @DefaultValue("false") boolean createBucket,
		@DefaultValue("1h") Duration presignTtl, @DefaultValue("2m") Duration apiCallTimeout) {

	InboundFilesProperties {
		prefix = (prefix == null) ? "" : trimSlashes(prefix.trim());
		if (!prefix.isEmpty() && (!prefix.matches("[A-Za-z0-9._\\-/]+") || prefix.contains(".."))) {
			throw new IllegalArgumentException("interactionservice.inbound.files.prefix may hold only letters, digits, '.', '_', '-' and '/', and no '..'");
		}
		if (presignTtl.isNegative() || presignTtl.isZero()) {
			throw new IllegalArgumentException("interactionservice.inbound.files.presign-ttl must be positive");
		}
		if (apiCallTimeout.isNegative() || apiCallTimeout.isZero()) {
			throw new IllegalArgumentException("interactionservice.inbound.files.api-call-timeout must be positive");
		}
	}

	boolean usesS3() {
		return StringUtils.hasText(this.bucket);
	}

	private static String trimSlashes(String value) {
		String result = value;
		while (result.startsWith("/")) {
			result = result.substring(1);
		}
		while (result.endsWith("/")) {
			result = result.substring(0, result.length() - 1);
		}
		return result;
	}

}
