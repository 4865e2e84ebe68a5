package dev.atlas.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.atlas.auth.SignedUrl.Verification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Fuzzes {@link SignedUrl#verify}: it answers every string with one of its four outcomes and never
 * throws. Whatever {@link SignedUrl#sign} accepts, {@code verify} then finds valid at the signing
 * instant; what sign refuses, it refuses with {@link IllegalArgumentException}.
 *
 * <p>CI runs the committed seeds (regression mode). A real fuzz run: {@code JAZZER_FUZZ=1 mvn -pl
 * atlas-auth-core test -Dtest=SignedUrlFuzzTest}.
 */
class SignedUrlFuzzTest {
  static final String SECRET = "fuzz-signing-secret-fuzz-signing-secret";
  static final long NOW = 1_700_000_000L;

  static Clock at(long epochSecond) {
    return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
  }

  @FuzzTest(maxDuration = "3m")
  void verify(FuzzedDataProvider data) {
    switch (data.consumeInt(0, 2)) {
      case 0: { // any string, at any time the clock can show
        long now = data.consumeLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond());
        assertThat(SignedUrl.verify(data.consumeRemainingAsString(), SECRET, at(now))).isNotNull();
        break;
      }
      case 1: { // whatever sign accepts verifies
        long expiresIn = data.consumeLong(0, 1_000_000_000L);
        String signed = signedOrNull(data.consumeRemainingAsString(), expiresIn);
        if (signed != null) {
          assertThat(SignedUrl.verify(signed, SECRET, at(NOW))).isEqualTo(Verification.VALID);
          assertThat(SignedUrl.verify(signed, SECRET, at(NOW + expiresIn + 1))).isEqualTo(Verification.EXPIRED);
        }
        break;
      }
      default: { // a signed URL with one character changed: some answer, no exception
        String signed = signedOrNull(data.consumeString(200), 60);
        if (signed != null && !signed.isEmpty()) {
          int at = data.consumeInt(0, signed.length() - 1);
          String tampered = signed.substring(0, at) + data.consumeChar() + signed.substring(at + 1);
          assertThat(SignedUrl.verify(tampered, SECRET, at(NOW))).isNotNull();
        }
      }
    }
  }

  static String signedOrNull(String url, long expiresIn) {
    try {
      return SignedUrl.sign(url, SECRET, Duration.ofSeconds(expiresIn), at(NOW));
    } catch (IllegalArgumentException refused) {
      assertThat(refused.getMessage()).startsWith("url: the query repeats the parameter");
      return null;
    }
  }
}
