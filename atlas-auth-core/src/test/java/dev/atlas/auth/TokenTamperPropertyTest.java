package dev.atlas.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atlas.auth.http.AuthRequest;
import dev.atlas.auth.http.BearerPolicy;
import dev.atlas.auth.http.Decision;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Any single-character change, truncation or extension of a valid token is refused: by {@link
 * Token#valid}, by {@link PresharedKey#matches} and by {@link BearerPolicy#decide} on a {@code
 * Bearer <token>} header. Each property also checks the untouched token is accepted, so a check
 * that refuses everything cannot pass.
 */
class TokenTamperPropertyTest {
  static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  /** One edit of a token. */
  sealed interface Edit {
    String apply(String token);
  }

  record Replace(int index, char c) implements Edit {
    public String apply(String t) {
      return t.substring(0, index) + c + t.substring(index + 1);
    }
  }

  record Insert(int index, char c) implements Edit {
    public String apply(String t) {
      return t.substring(0, index) + c + t.substring(index);
    }
  }

  record Delete(int index) implements Edit {
    public String apply(String t) {
      return t.substring(0, index) + t.substring(index + 1);
    }
  }

  record Truncate(int length) implements Edit {
    public String apply(String t) {
      return t.substring(0, length);
    }
  }

  record Append(String suffix) implements Edit {
    public String apply(String t) {
      return t + suffix;
    }
  }

  record Prepend(String prefix) implements Edit {
    public String apply(String t) {
      return prefix + t;
    }
  }

  /** Mostly characters a token may hold (the near misses), then padding, separators, anything. */
  static Arbitrary<Character> chars() {
    return Arbitraries.oneOf(
        Arbitraries.of(BASE64URL.toCharArray()),
        Arbitraries.of(BASE64URL.toCharArray()),
        Arbitraries.of('=', '.', '~', '+', '/', ' ', '\t', ',', '"', '\0', '\r', '\n', 'é', '\u0100'),
        Arbitraries.chars().all());
  }

  @Provide
  Arbitrary<Edit> edits() {
    Arbitrary<Integer> index = Arbitraries.integers().between(0, Token.LENGTH - 1);
    Arbitrary<String> text = chars().list().ofMinSize(1).ofMaxSize(40)
        .map(cs -> cs.stream().map(String::valueOf).reduce("", String::concat));
    return Arbitraries.oneOf(
        Combinators.combine(index, chars()).as(Replace::new),
        Combinators.combine(index, chars()).as(Replace::new),
        Combinators.combine(Arbitraries.integers().between(0, Token.LENGTH), chars()).as(Insert::new),
        index.map(Delete::new),
        Arbitraries.integers().between(0, Token.LENGTH - 1).map(Truncate::new),
        text.map(Append::new),
        text.map(Prepend::new));
  }

  static String edited(String token, Edit edit) {
    String candidate = edit.apply(token);
    Assume.that(!candidate.equals(token)); // replacing a character by itself is no edit
    return candidate;
  }

  @Property
  void validRefusesEveryEditOfTheToken(@ForAll @Size(32) byte[] random, @ForAll("edits") Edit edit) {
    MintedToken t = Token.fromRandomBytes(random);
    String candidate = edited(t.token(), edit);
    assertThat(Token.valid(t.token(), t.hash())).isTrue();
    assertThat(Token.valid(candidate, t.hash())).isFalse();
  }

  @Property
  void presharedKeyRefusesEveryEditOfTheKey(@ForAll @Size(32) byte[] random, @ForAll("edits") Edit edit) {
    String key = Token.fromRandomBytes(random).token();
    String candidate = edited(key, edit);
    PresharedKey current = PresharedKey.of(key);
    PresharedKey previous = PresharedKey.of(Token.mint().token(), key);
    assertThat(current.matches(key)).isTrue();
    assertThat(previous.matches(key)).isTrue();
    assertThat(current.matches(candidate)).isFalse();
    assertThat(previous.matches(candidate)).isFalse();
    // the same, when the candidate is a slice of a longer header value
    String framed = "Bearer " + candidate + " ";
    assertThat(current.match(framed, 7, 7 + candidate.length())).isEqualTo(PresharedKey.Slot.NONE);
    assertThat(current.match("Bearer " + key + " ", 7, 7 + key.length())).isEqualTo(PresharedKey.Slot.CURRENT);
  }

  @Property
  void decisionRefusesEveryEditOfTheKeyWith401(@ForAll @Size(32) byte[] random, @ForAll("edits") Edit edit) {
    String key = Token.fromRandomBytes(random).token();
    String candidate = edited(key, edit);
    // "Bearer" 1*SP token: spaces put in front of the key are separator, not token
    Assume.that(!candidate.replaceFirst("^ +", "").equals(key));
    BearerPolicy policy = BearerPolicy.builder().key(PresharedKey.of(key)).build();
    assertThat(policy.decide(get("Bearer " + key))).isInstanceOf(Decision.Allow.class);
    assertRefusedWith401InvalidToken(policy.decide(get("Bearer " + candidate)));
  }

  /** Exhaustive for one token: every position, every other base64url character. */
  @Test
  void everySingleSubstitutionWithinTheAlphabetIsRefusedByAllThreeChecks() {
    MintedToken t = Token.mint();
    String key = t.token();
    PresharedKey psk = PresharedKey.of(key);
    BearerPolicy policy = BearerPolicy.builder().key(psk).build();
    int edits = 0;
    for (int i = 0; i < key.length(); i++) {
      for (char c : BASE64URL.toCharArray()) {
        if (c == key.charAt(i)) {
          continue;
        }
        String candidate = new Replace(i, c).apply(key);
        assertThat(Token.valid(candidate, t.hash())).as(candidate).isFalse();
        assertThat(psk.matches(candidate)).as(candidate).isFalse();
        assertRefusedWith401InvalidToken(policy.decide(get("Bearer " + candidate)));
        edits++;
      }
    }
    assertThat(edits).isEqualTo(Token.LENGTH * 63);
  }

  static AuthRequest get(String authorization) {
    return new AuthRequest("GET", List.of(authorization), null, null, "/api", "/api", null);
  }

  static void assertRefusedWith401InvalidToken(Decision d) {
    assertThat(d).isInstanceOf(Decision.Refuse.class);
    Decision.Refuse refuse = (Decision.Refuse) d;
    assertThat(refuse.status()).isEqualTo(401);
    assertThat(refuse.challenge()).startsWith("Bearer realm=\"atlas\", error=\"invalid_token\", error_description=\"The access token is ");
  }
}
