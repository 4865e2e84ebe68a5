package dev.atlas.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atlas.auth.SignedUrl.Verification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The form encoding of auth-contract.md §2.4, for every byte 0..255: {@code A-Z a-z 0-9 - . _ ~}
 * kept, space as {@code +}, every other byte as {@code %XX} with upper-case hex.
 */
class FormEncodingTest {
  static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
  static final String SECRET = "test-secret-test-secret-test-secret";
  static final Clock NOW = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

  /** §2.4, written out independently of the code under test. */
  static String expected(int b) {
    if (UNRESERVED.indexOf(b) >= 0) {
      return String.valueOf((char) b);
    }
    if (b == ' ') {
      return "+";
    }
    return "%" + "0123456789ABCDEF".charAt(b >> 4) + "0123456789ABCDEF".charAt(b & 0xF);
  }

  @Test
  void escapeEncodesEveryByteBySection24() {
    int kept = 0;
    for (int b = 0; b <= 0xFF; b++) {
      StringBuilder out = new StringBuilder();
      FormCodec.escape(String.valueOf((char) b), out);
      assertThat(out.toString()).as("byte 0x%02X", b).isEqualTo(expected(b));
      kept += out.length() == 1 && b != ' ' ? 1 : 0;
    }
    assertThat(kept).as("bytes kept literally").isEqualTo(66);
  }

  @Test
  void signedUrlsCarryEveryEscapedByteInCanonicalFormAndVerify() {
    for (int b = 0; b <= 0xFF; b++) {
      String escaped = String.format("%%%02x", b); // lower-case in, upper-case out
      String signed = SignedUrl.sign("https://x.test/a?v=" + escaped, SECRET, Duration.ofSeconds(60), NOW);
      assertThat(signed).as("byte 0x%02X", b).endsWith("&v=" + expected(b));
      assertThat(SignedUrl.verify(signed, SECRET, NOW)).as("byte 0x%02X", b).isEqualTo(Verification.VALID);
    }
  }

  @Test
  void literalCharactersAreEncodedAsTheirUtf8Bytes() {
    String signed = SignedUrl.sign("https://x.test/a?v=é ü/?*~!'()", SECRET, Duration.ofSeconds(60), NOW);
    assertThat(signed).endsWith("&v=%C3%A9+%C3%BC%2F%3F%2A~%21%27%28%29");
    assertThat(SignedUrl.sign("https://x.test/a?v=\uD83D\uDE00", SECRET, Duration.ofSeconds(60), NOW)).endsWith("&v=%F0%9F%98%80");
  }

  @Test
  void decodingTurnsPlusIntoSpaceAndKeepsMalformedEscapesLiterally() {
    assertThat(FormCodec.decode("a=1+2&b=%2B&c=%zz&d=%4&e")).containsExactly(
        new FormCodec.Pair("a", "1 2"),
        new FormCodec.Pair("b", "+"),
        new FormCodec.Pair("c", "%zz"),
        new FormCodec.Pair("d", "%4"),
        new FormCodec.Pair("e", ""));
  }
}
