package dev.atlas.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atlas.auth.SignedUrl.Verification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SignedUrlTest {
  private static final String SECRET = "test-secret-test-secret-test-secret";
  private static final long NOW = 1_700_000_000L;

  private static Clock at(long epochSecond) {
    return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
  }

  private static String sign(String url, long expiresIn) {
    return SignedUrl.sign(url, SECRET, Duration.ofSeconds(expiresIn), at(NOW));
  }

  @ParameterizedTest(name = "{0} ({1}s)")
  @CsvSource(delimiter = '|', value = {
    "https://x.test/stream/42|60|https://x.test/stream/42?exp=1700000060&sig=J0o5oNJZNliKEnPDiN013T-XRzCAspGFqqQs_5Y94no",
    "https://x.test/a?user=42|60|https://x.test/a?exp=1700000060&sig=h1KtXzVNAt9bkj372LWplkkEvRlT8h3eO22E2so5R7M&user=42",
    "https://x.test/a?z=1&a=2&user=42|3600|https://x.test/a?a=2&exp=1700003600&sig=URbe6zbYo-8hsHAI0JkpRgSZyDOVXiwu7YBBZ7tERn8&user=42&z=1",
    "https://x.test|3600|https://x.test?exp=1700003600&sig=zOe6OMVIOr2pjyMnz_dIJzzsp2gGX9e4pUi8t2sk9sw",
    "https://x.test/|3600|https://x.test/?exp=1700003600&sig=zOe6OMVIOr2pjyMnz_dIJzzsp2gGX9e4pUi8t2sk9sw",
    "https://x.test/a?flag|3600|https://x.test/a?exp=1700003600&flag=&sig=nrL9uQyi38JQwAOjQCgWSc0FKOQLIu7wz2-fjZIJqVY",
    "https://x.test/a#frag|3600|https://x.test/a?exp=1700003600&sig=6hkGdrMT_FH7GxNzt7WifG6aWip-yIAllqU0QoobCdA#frag",
    "/stream/42|3600|/stream/42?exp=1700003600&sig=42QbrMkUFaabF5R1vKQffQYuuJALwf9-ck8za3xjefk",
  })
  void signMatchesUpstreamGoldenVectorsAndVerifies(String input, long expiresIn, String expected) {
    String signed = sign(input, expiresIn);
    assertThat(signed).isEqualTo(expected);
    assertThat(SignedUrl.verify(signed, SECRET, at(NOW))).isEqualTo(Verification.VALID);
  }

  @Test
  void upstreamSignedOverAnOldSigAndSoNeverVerifiesButWeReplaceIt() {
    String upstream = "https://x.test/a?exp=1700003600&sig=LSs0RGPgpS2MWBNj3Hhf_FQypyms-wMyv-IK1ErBn1o";
    assertThat(SignedUrl.verify(upstream, SECRET, at(NOW))).isEqualTo(Verification.BAD_SIGNATURE);
    String ours = sign("https://x.test/a?exp=5&sig=zzz", 3600);
    assertThat(ours).isEqualTo(sign("https://x.test/a", 3600));
    assertThat(SignedUrl.verify(ours, SECRET, at(NOW))).isEqualTo(Verification.VALID);
  }

  @Test
  void formEncodingFollowsUpstreamRules() {
    String signed = sign("https://x.test/a?v=%C3%A9+%C3%BC%2F%3F%26%3D&s=*&t=~", 60);
    assertThat(signed).contains("v=%C3%A9+%C3%BC%2F%3F%26%3D").contains("s=%2A").contains("t=~");
    assertThat(SignedUrl.verify(signed, SECRET, at(NOW))).isEqualTo(Verification.VALID);
  }

  @Test
  void verifyWhenExpiryEqualsNowThenValidAndOneSecondLaterExpired() {
    String signed = sign("https://x.test/stream/42", 60);
    assertThat(SignedUrl.verify(signed, SECRET, at(NOW + 60))).isEqualTo(Verification.VALID);
    assertThat(SignedUrl.verify(signed, SECRET, at(NOW + 61))).isEqualTo(Verification.EXPIRED);
  }

  @Test
  void verifyFollowsUpstreamBehaviourTable() {
    String signed = sign("https://x.test/stream/42?user=a+b", 60);
    assertThat(SignedUrl.verify(signed.replace("x.test", "evil.test"), SECRET, at(NOW))).isEqualTo(Verification.VALID);
    assertThat(SignedUrl.verify(signed.replace("https://x.test", "http://x.test:8080"), SECRET, at(NOW)))
        .isEqualTo(Verification.VALID);
    assertThat(SignedUrl.verify(signed.substring("https://x.test".length()), SECRET, at(NOW)))
        .isEqualTo(Verification.VALID);
    assertThat(SignedUrl.verify(signed.replace("a+b", "a%20b"), SECRET, at(NOW))).isEqualTo(Verification.VALID);
    assertThat(SignedUrl.verify(signed + "&extra=1", SECRET, at(NOW))).isEqualTo(Verification.BAD_SIGNATURE);
    assertThat(SignedUrl.verify(signed.replace("/42", "/43"), SECRET, at(NOW))).isEqualTo(Verification.BAD_SIGNATURE);
    assertThat(SignedUrl.verify(signed, "other", at(NOW))).isEqualTo(Verification.BAD_SIGNATURE);
    assertThat(SignedUrl.verify(signed.replaceAll("sig=[^&]+", "sig=tampered"), SECRET, at(NOW + 61)))
        .isEqualTo(Verification.EXPIRED);
    assertThat(SignedUrl.verify("https://x.test/stream/42", SECRET, at(NOW))).isEqualTo(Verification.MALFORMED);
    assertThat(SignedUrl.verify("", SECRET, at(NOW))).isEqualTo(Verification.MALFORMED);
    assertThat(SignedUrl.verify("/a?exp=abc&sig=x", SECRET, at(NOW))).isEqualTo(Verification.MALFORMED);
    assertThat(SignedUrl.verify("/a?exp=&sig=x", SECRET, at(NOW))).isEqualTo(Verification.MALFORMED);
    assertThat(SignedUrl.verify("/a?exp=1700000060", SECRET, at(NOW))).isEqualTo(Verification.MALFORMED);
    assertThat(SignedUrl.verify("/a?exp=+1700000060&sig=x", SECRET, at(NOW))).isEqualTo(Verification.MALFORMED);
    assertThat(SignedUrl.verify("/a?exp=-5&sig=x", SECRET, at(NOW))).isEqualTo(Verification.EXPIRED);
  }

  @Test
  void verifyAcceptsLeadingZerosAndEncodedPlusSignInExp() {
    String signed = sign("https://x.test/stream/42", 60);
    assertThat(SignedUrl.verify(signed.replace("exp=", "exp=0"), SECRET, at(NOW))).isEqualTo(Verification.VALID);
    assertThat(SignedUrl.verify(signed.replace("exp=", "exp=%2B"), SECRET, at(NOW))).isEqualTo(Verification.VALID);
  }

  @Test
  void verifyWhenAKeyIsRepeatedThenMalformed() {
    String signed = sign("https://x.test/a?user=42", 60);
    assertThat(SignedUrl.verify(signed.replace("?", "?user=evil&"), SECRET, at(NOW))).isEqualTo(Verification.MALFORMED);
    assertThat(SignedUrl.verify(signed + "&sig=x", SECRET, at(NOW))).isEqualTo(Verification.MALFORMED);
  }

  @Test
  void signRefusesAQueryThatRepeatsAKeyAndNamesIt() {
    assertThatThrownBy(() -> sign("https://x.test/a?u=1&u=2", 60))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'u'");
  }

  @Test
  void emptySecretIsRefused() {
    assertThatThrownBy(() -> SignedUrl.sign("/a", "")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secret");
    assertThatThrownBy(() -> SignedUrl.verify("/a?exp=1&sig=x", "", at(NOW))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bytesThatAreNotUtf8SurviveTheRoundTrip() {
    String signed = sign("/a?b=%FF%FE", 60);
    assertThat(signed).contains("b=%FF%FE");
    assertThat(SignedUrl.verify(signed, SECRET, at(NOW))).isEqualTo(Verification.VALID);
  }

  @Test
  void verifierAllowsLeewayAndCapsLifetimeWhenAsked() {
    String signed = sign("https://x.test/stream/42", 60);
    SignedUrl.Verifier v = SignedUrl.verifier(SECRET).clock(at(NOW + 65));
    assertThat(v.verify(signed)).isEqualTo(Verification.EXPIRED);
    assertThat(v.leeway(Duration.ofSeconds(5)).verify(signed)).isEqualTo(Verification.VALID);
    assertThat(v.leeway(Duration.ofSeconds(4)).verify(signed)).isEqualTo(Verification.EXPIRED);
    SignedUrl.Verifier capped = SignedUrl.verifier(SECRET).clock(at(NOW)).maxLifetime(Duration.ofSeconds(59));
    assertThat(capped.verify(signed)).isEqualTo(Verification.EXPIRED);
    assertThat(capped.maxLifetime(Duration.ofSeconds(60)).verify(signed)).isEqualTo(Verification.VALID);
    assertThat(v.toString()).doesNotContain(SECRET);
    assertThatThrownBy(() -> v.leeway(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> v.maxLifetime(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }
}
