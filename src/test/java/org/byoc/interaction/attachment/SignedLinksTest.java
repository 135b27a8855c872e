package org.byoc.interaction.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

class SignedLinksTest {

	private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	@TempDir
	Path dir;

	@Test
	void whenLinkIsFreshThenItIsValidForItsAttachmentOnly() {
		SignedLinks links = links(SignedLinks.loadOrCreateKey(this.dir.resolve("k")), NOW);
		UUID id = UUID.randomUUID();

		UriComponents link = parse(links.link(id));

		assertThat(link.getPath()).isEqualTo("/files/" + id);
		assertThat(link.getQueryParams().getFirst("expires")).isEqualTo(String.valueOf(NOW.getEpochSecond() + 3600));
		assertThat(links.isValid(id.toString(), expires(link), signature(link))).isTrue();
		assertThat(links.isValid(UUID.randomUUID().toString(), expires(link), signature(link))).isFalse();
	}

	@Test
	void whenLinkHasExpiredThenItIsRefused() {
		byte[] key = SignedLinks.loadOrCreateKey(this.dir.resolve("k"));
		UUID id = UUID.randomUUID();
		UriComponents link = parse(links(key, NOW).link(id));

		SignedLinks later = links(key, NOW.plus(Duration.ofHours(1)).plusSeconds(1));

		assertThat(later.isValid(id.toString(), expires(link), signature(link))).isFalse();
	}

	@Test
	void whenSignatureOrExpiryIsTamperedThenItIsRefused() {
		SignedLinks links = links(SignedLinks.loadOrCreateKey(this.dir.resolve("k")), NOW);
		UUID id = UUID.randomUUID();
		UriComponents link = parse(links.link(id));
		String longer = String.valueOf(Long.parseLong(expires(link)) + 86400);

		assertThat(links.isValid(id.toString(), longer, signature(link))).isFalse();
		String signature = signature(link);
		// a different first character, whatever the signature starts with
		String tampered = ((signature.charAt(0) == 'A') ? "B" : "A") + signature.substring(1);
		assertThat(links.isValid(id.toString(), expires(link), tampered)).isFalse();
		assertThat(links.isValid(id.toString(), "soon", signature(link))).isFalse();
		assertThat(links.isValid(id.toString(), null, null)).isFalse();
	}

	@Test
	void whenKeyFileExistsThenTheSameKeyIsUsedAcrossRestartsAndOnlyTheOwnerCanReadIt() throws Exception {
		Path keyFile = this.dir.resolve("keys").resolve("attachment-links.key");
		SignedLinks first = links(SignedLinks.loadOrCreateKey(keyFile), NOW);
		UUID id = UUID.randomUUID();
		UriComponents link = parse(first.link(id));

		SignedLinks afterRestart = links(SignedLinks.loadOrCreateKey(keyFile), NOW);
		SignedLinks otherKey = links(SignedLinks.loadOrCreateKey(this.dir.resolve("other.key")), NOW);

		assertThat(afterRestart.isValid(id.toString(), expires(link), signature(link))).isTrue();
		assertThat(otherKey.isValid(id.toString(), expires(link), signature(link))).isFalse();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
	}

	private static SignedLinks links(byte[] key, Instant now) {
		return new SignedLinks(key, () -> "http://files.example:8085/", Duration.ofHours(1),
				Clock.fixed(now, ZoneOffset.UTC));
	}

	private static UriComponents parse(URI uri) {
		return UriComponentsBuilder.fromUri(uri).build();
	}

	private static String expires(UriComponents link) {
		return link.getQueryParams().getFirst("expires");
	}

	private static String signature(UriComponents link) {
		return link.getQueryParams().getFirst("signature");
	}

}
