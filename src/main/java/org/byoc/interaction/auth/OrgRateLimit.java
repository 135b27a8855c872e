package org.byoc.interaction.auth;

/** The per-org API rate limit: in this process ({@link OrgRateLimiter}) or shared by the cluster. */
interface OrgRateLimit {

	/**
	 * Takes a token from the org's bucket.
	 * @return 0 when the request may go on; otherwise how many nanoseconds until the bucket has a token again
	 */
	long tryAcquire(String orgKey);

}
