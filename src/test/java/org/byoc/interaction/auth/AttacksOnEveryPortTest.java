package org.byoc.interaction.auth;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.salesforce.eventbus.protobuf.TopicRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.grpc.test.autoconfigure.LocalGrpcServerPort;
import org.springframework.boot.test.web.server.LocalManagementPort;

import org.byoc.interaction.support.AdminKeys;
import org.byoc.interaction.support.PartnerApiTestBase;
import org.byoc.interaction.support.PartnerFixture;
import org.byoc.interaction.support.PubSubTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each classic token attack against each port that takes tokens: the partner API (8085, code 10004), the
 * management port (7080, code 401) and gRPC Pub/Sub (UNAUTHENTICATED with the vendor's error code). Every attack
 * starts from a token that works (the control, asserted first), so a refusal is the attack's doing.
 */
class AttacksOnEveryPortTest extends PartnerApiTestBase {

	static final String TOPIC = "/event/BYOC_Outbound__e";

	static final String EVIL = "https://evil.example";

	@LocalManagementPort
	int managementPort;

	@LocalGrpcServerPort
	int grpcPort;

	PubSubTestClient grpc;

	OctetSequenceKey serviceKey;

	@BeforeEach
	void connect() throws Exception {
		accessToken(fixture.partnerA()); // the service is up and its key file written
		this.serviceKey = (OctetSequenceKey) JWKSet
			.parse(Files.readString(fixture.dataDir().resolve("keys/access-token-key.json")))
			.getKeys()
			.get(0);
		this.grpc = PubSubTestClient.connect("localhost", this.grpcPort, fixture.dataDir().resolve("tls/pubsub.crt"));
	}

	@AfterEach
	void disconnect() {
		this.grpc.close();
	}

	@Test
	void whenTheTokenIsUnsignedThenEveryPortRefusesIt() {
		controls();
		String accessNone = PartnerFixture.ORG_A_KEY + "!" + unsigned(accessHeader("none"), accessClaims(c -> c));
		String adminNone = unsigned("{\"alg\":\"none\"}", adminClaims(c -> c));
		refusedEverywhere(accessNone, adminNone);
	}

	@Test
	void whenTheAlgorithmIsSwappedThenEveryPortRefusesIt() throws Exception {
		controls();
		// an RS-signed, admin-looking token on the API port; an HS token made with the admin PUBLIC key as secret
		// on the admin port (the classic confusion: a verifier that lets the token pick its algorithm accepts it)
		String rsAccess = PartnerFixture.ORG_A_KEY + "!" + rs(accessClaims(c -> c), this.serviceKey.getKeyID());
		byte[] adminPublicKey = Files.readAllBytes(fixture.dir().resolve("admin/admin_public.pem"));
		SignedJWT hsAdmin = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), adminClaims(c -> c));
		hsAdmin.sign(new MACSigner(adminPublicKey));
		refusedEverywhere(rsAccess, hsAdmin.serialize());
	}

	@Test
	void whenTheTokenNamesAnUnknownKeyThenEveryPortRefusesIt() throws Exception {
		controls();
		SignedJWT access = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
			.type(new JOSEObjectType("at+jwt"))
			.keyID("no-such-key")
			.build(), accessClaims(c -> c));
		access.sign(new MACSigner(this.serviceKey));
		refusedEverywhere(PartnerFixture.ORG_A_KEY + "!" + access.serialize(), rs(adminClaims(c -> c), "no-such-key"));
	}

	@Test
	void whenTheTokenHasExpiredThenEveryPortRefusesIt() throws Exception {
		controls();
		Instant past = Instant.now().minusSeconds(600);
		refusedEverywhere(access(c -> c.expirationTime(Date.from(past))),
				admin(c -> c.expirationTime(Date.from(past))));
	}

	@Test
	void whenTheTokenIsNotValidYetThenEveryPortRefusesIt() throws Exception {
		controls();
		Date later = Date.from(Instant.now().plusSeconds(600));
		refusedEverywhere(access(c -> c.notBeforeTime(later)), admin(c -> c.notBeforeTime(later)));
	}

	@Test
	void whenTheAudienceIsAnotherServiceThenEveryPortRefusesIt() throws Exception {
		controls();
		refusedEverywhere(access(c -> c.audience(EVIL)), admin(c -> c.audience(EVIL)));
	}

	@Test
	void whenTheIssuerIsAnotherServiceThenEveryPortRefusesIt() throws Exception {
		controls();
		refusedEverywhere(access(c -> c.issuer(EVIL)), admin(c -> c.issuer(EVIL)));
	}

	@Test
	void whenThePayloadIsTamperedThenEveryPortRefusesIt() throws Exception {
		controls();
		String access = access(c -> c);
		String tamperedAccess = swapPayload(access, accessClaims(c -> c.claim("scope", "interaction_api full")));
		String admin = AdminKeys.tokenFor(fixture.dir().resolve("admin"), "1h");
		String tamperedAdmin = swapPayload(admin, adminClaims(c -> c.expirationTime(Date.from(Instant.now()
			.plusSeconds(86_400 * 365)))));
		refusedEverywhere(tamperedAccess, tamperedAdmin);
	}

	@Test
	void whenAnotherOrgsTokenComesWithThisOrgIdThenEveryPortRefusesIt() {
		controls();
		String orgB = accessToken(fixture.partnerB());
		// on the admin port an access token is never an admin token, whatever its org
		refusedEverywhere(orgB, orgB);
	}

	@Test
	void whenTheTokenIsInTheQueryStringOrAnUnusedHeaderThenEveryPortRefusesIt() {
		controls();
		String access = accessToken(fixture.partnerA());
		HttpResponse<String> api = send(HttpRequest
			.newBuilder(URI.create(baseUrl() + "/api/v1/nothing-here?access_token=" + encode(access)))
			.header("OrgId", PartnerFixture.ORG_A_KEY)
			.header("AuthorizationContext", fixture.partnerA().channel())
			.header("RequestId", UUID.randomUUID().toString())
			.build());
		assertRefused(api, 401, 10004);
		HttpResponse<String> admin = send(HttpRequest.newBuilder(URI.create(management("/admin/api/setup?access_token="
				+ encode(fixture.adminToken())))).build());
		assertRefused(admin, 401, 401);
		// gRPC has no query string: the token in the standard authorization metadata instead of the vendor's
		Metadata standard = new Metadata();
		standard.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + access);
		standard.put(Metadata.Key.of("instanceurl", Metadata.ASCII_STRING_MARSHALLER), "https://localhost");
		standard.put(Metadata.Key.of("tenantid", Metadata.ASCII_STRING_MARSHALLER), PartnerFixture.ORG_A_ID);
		assertGrpcRefused(standard);
	}

	@Test
	void whenTheTokenLacksTheInteractionApiScopeThenTheApiAndPubSubRefuseIt() {
		controls();
		String reporting = accessToken(fixture.reportingA());

		HttpResponse<String> api = send(apiRequest("/api/v1/nothing-here", fixture.reportingA(), reporting).build());

		assertRefused(api, 403, 10003);
		assertGrpcRefused(PubSubTestClient.auth(reporting, PartnerFixture.ORG_A_ID));
	}

	/** The untampered forms work on every port, so each refusal below is the attack's doing. */
	private void controls() {
		try {
			String access = access(c -> c);
			assertThat(api(access).statusCode()).as("forged but valid access token on the API").isEqualTo(404);
			assertThat(send(adminRequest(admin(c -> c))).statusCode()).as("valid admin token").isEqualTo(200);
			assertThat(this.grpc.blocking(PubSubTestClient.auth(access, PartnerFixture.ORG_A_ID))
				.getTopic(TopicRequest.newBuilder().setTopicName(TOPIC).build())
				.getTopicName()).isEqualTo(TOPIC);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void refusedEverywhere(String accessToken, String adminToken) {
		assertRefused(api(accessToken), 401, 10004);
		assertRefused(send(adminRequest(adminToken)), 401, 401);
		assertRefused(send(adminRequest(accessToken)), 401, 401);
		assertGrpcRefused(PubSubTestClient.auth(accessToken, PartnerFixture.ORG_A_ID));
	}

	private HttpResponse<String> api(String token) {
		return send(apiRequest("/api/v1/nothing-here", fixture.partnerA(), token).GET().build());
	}

	private HttpRequest adminRequest(String token) {
		return HttpRequest.newBuilder(URI.create(management("/admin/api/setup")))
			.header("Authorization", "Bearer " + token)
			.build();
	}

	private String management(String path) {
		return "http://localhost:" + this.managementPort + path;
	}

	private void assertGrpcRefused(Metadata headers) {
		assertThatThrownBy(() -> this.grpc.blocking(headers)
			.getTopic(TopicRequest.newBuilder().setTopicName(TOPIC).build()))
			.isInstanceOfSatisfying(StatusRuntimeException.class, (error) -> {
				assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
				assertThat(PubSubTestClient.errorCode(error))
					.isEqualTo("sfdc.platform.eventbus.grpc.service.auth.error");
			});
	}

	private static void assertRefused(HttpResponse<String> response, int status, int code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(json(response).get("code").asInt()).as(response.body()).isEqualTo(code);
	}

	/** An access token of partner A's integration user as the service would issue it, then changed. */
	private String access(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt"))
			.keyID(this.serviceKey.getKeyID())
			.build(), accessClaims(change));
		jwt.sign(new MACSigner(this.serviceKey));
		return PartnerFixture.ORG_A_KEY + "!" + jwt.serialize();
	}

	private static JWTClaimsSet accessClaims(UnaryOperator<JWTClaimsSet.Builder> change) {
		Instant now = Instant.now();
		return change.apply(new JWTClaimsSet.Builder().issuer("urn:byoc:interaction-service")
			.audience("urn:byoc:interaction-service:partner-api")
			.subject(PartnerFixture.INTEGRATION_A)
			.claim("org", PartnerFixture.ORG_A_ID)
			.claim("uid", PartnerFixture.USER_INTEGRATION_A)
			.claim("client_id", fixture.partnerA().consumerKey())
			.claim("scope", "interaction_api")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(600)))
			.jwtID(UUID.randomUUID().toString())).build();
	}

	private String accessHeader(String alg) {
		return "{\"alg\":\"" + alg + "\",\"typ\":\"at+jwt\",\"kid\":\"" + this.serviceKey.getKeyID() + "\"}";
	}

	/** An admin token as generate_admin_key.sh mints it (RS256, the admin key), then changed. */
	private static String admin(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
		return rs(adminClaims(change), null);
	}

	private static JWTClaimsSet adminClaims(UnaryOperator<JWTClaimsSet.Builder> change) {
		Instant now = Instant.now();
		return change.apply(new JWTClaimsSet.Builder().subject("admin")
			.claim("scope", "admin")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(600)))).build();
	}

	private static String rs(JWTClaimsSet claims, String keyId) throws Exception {
		fixture.adminToken(); // the admin key pair exists
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
		jwt.sign(new RSASSASigner(AdminKeys.privateKey(fixture.dir().resolve("admin"))));
		return jwt.serialize();
	}

	private static String unsigned(String header, JWTClaimsSet claims) {
		return base64(header) + "." + base64(claims.toString()) + ".";
	}

	/** The same header and signature around other claims. */
	private static String swapPayload(String token, JWTClaimsSet claims) {
		int bang = token.indexOf('!');
		String prefix = (bang > 0) ? token.substring(0, bang + 1) : "";
		String[] parts = token.substring(prefix.length()).split("\\.");
		return prefix + parts[0] + "." + base64(claims.toString()) + "." + parts[2];
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
