package dev.atlas.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.atlas.auth.SignedUrl.Verification;
import dev.atlas.auth.http.AuthRequest;
import dev.atlas.auth.http.BearerPolicy;
import dev.atlas.auth.http.Decision;
import dev.atlas.auth.http.Reason;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A query is read in time linear in its length: an unauthenticated request must not buy seconds
 * of CPU. Before the fix, each pair searched for '=' to the end of the query, so a million
 * characters of {@code a&a&...} did not finish within this test's 5 s (a quarter of it took 5.3 s on
 * the loaded 2-core machine); now it takes about a second there, with a cold JIT.
 */
class LinearQueryScanTest {
  static final String SECRET = "signing-secret-signing-secret-signing";
  static final String PATHOLOGICAL = "a&".repeat(512 * 1024) + "exp=1700000060&sig=x";

  @Test
  void aMillionCharacterQueryWithoutEqualsSignsIsDecidedInSecondsNotMinutes() {
    BearerPolicy policy = BearerPolicy.builder()
        .key(PresharedKey.of(Token.mint().token()))
        .signingSecret(SECRET)
        .build();
    AuthRequest request = new AuthRequest("GET", List.of(), null, null, "/a", "/a", PATHOLOGICAL);
    Decision d = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> policy.decide(request));
    assertThat(d.reason()).isEqualTo(Reason.SIGNED_URL_INVALID);
    Verification v = assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> SignedUrl.verify("/a?" + PATHOLOGICAL, SECRET, Clock.systemUTC()));
    assertThat(v).isEqualTo(Verification.MALFORMED); // "a" repeats
  }

  @Test
  void decodingStillPairsEachKeyWithItsOwnEqualsSign() {
    assertThat(FormCodec.decode("x&y=1&&z&w=2=3&=v&")).containsExactly(
        new FormCodec.Pair("x", ""),
        new FormCodec.Pair("y", "1"),
        new FormCodec.Pair("z", ""),
        new FormCodec.Pair("w", "2=3"),
        new FormCodec.Pair("", "v"));
  }
}
