package dev.atlas.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atlas.auth.SignedUrl.Verification;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Round trip and tamper properties of {@link SignedUrl}, for paths and parameters made of any
 * Unicode text: reserved characters, spaces, controls, Latin-1, the rest of the BMP and astral
 * code points. The test encodes queries with the JDK's {@link URLEncoder}, not with the code
 * under test.
 */
class SignedUrlPropertyTest {
  static final String SECRET = "test-secret-test-secret-test-secret";
  static final long NOW = 1_700_000_000L;
  static final String RESERVED = ":/?#[]@!$&'()*+,;=% ~";
  /** Tries per tamper property (jqwik's default of 1000 for the round trips): keeps CI under a minute. */
  static final int TAMPER_TRIES = 500;

  static Clock at(long epochSecond) {
    return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
  }

  /** Code points, weighted towards the ones encoders get wrong; never a lone surrogate. */
  static Arbitrary<Integer> codePoints() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(0x20, 0x7E),
        Arbitraries.of(RESERVED.chars().boxed().toArray(Integer[]::new)),
        Arbitraries.of(RESERVED.chars().boxed().toArray(Integer[]::new)),
        Arbitraries.integers().between(0x00, 0x1F),
        Arbitraries.integers().between(0x80, 0xFF),
        Arbitraries.integers().between(0x100, 0xD7FF),
        Arbitraries.integers().between(0xE000, 0xFFFF),
        Arbitraries.integers().between(0x10000, 0x10FFFF));
  }

  static Arbitrary<String> text(int max) {
    return codePoints().list().ofMaxSize(max).map(cps -> {
      StringBuilder s = new StringBuilder();
      cps.forEach(s::appendCodePoint);
      return s.toString();
    });
  }

  /** An absolute path: {@code ?} and {@code #} would end it, anything else may appear raw. */
  @Provide
  Arbitrary<String> paths() {
    return text(30).map(s -> "/" + s.replace("?", "%3F").replace("#", "%23"));
  }

  @Provide
  Arbitrary<Map<String, String>> params() {
    return Arbitraries.maps(text(10), text(20)).ofMaxSize(6)
        .filter(m -> !m.containsKey(SignedUrl.EXP) && !m.containsKey(SignedUrl.SIG));
  }

  @Provide
  Arbitrary<Map<String, String>> someParams() {
    return params().filter(m -> !m.isEmpty());
  }

  static String query(Map<String, String> params) {
    List<String> pairs = new ArrayList<>();
    params.forEach((k, v) -> pairs.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return String.join("&", pairs);
  }

  static String url(String path, Map<String, String> params) {
    return "https://x.test" + path + (params.isEmpty() ? "" : "?" + query(params));
  }

  static String sign(String url) {
    return SignedUrl.sign(url, SECRET, Duration.ofSeconds(60), at(NOW));
  }

  static Verification verify(String url) {
    return SignedUrl.verify(url, SECRET, at(NOW));
  }

  /** The decoded query of a URL this class built (one {@code ?}, no fragment), in order. */
  static Map<String, String> decodedQuery(String url) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
      int eq = pair.indexOf('=');
      params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  /** The decoded query of {@code path} with {@code params}, signed for 60 s. */
  static Map<String, String> signedQuery(String path, Map<String, String> params) {
    return decodedQuery(sign(url(path, params)));
  }

  /** One of the keys of {@code params}. */
  static String pick(Map<String, String> params, int which) {
    return new ArrayList<>(params.keySet()).get(which % params.size());
  }

  static String pathOf(String url) {
    return url.substring("https://x.test".length(), url.indexOf('?'));
  }

  @Property
  void signThenVerifyIsValidUntilExpiryAndExpiredAfter(
      @ForAll("paths") String path,
      @ForAll("params") Map<String, String> params,
      @ForAll @LongRange(min = -10, max = 1_000_000) long expiresIn,
      @ForAll @LongRange(min = 0, max = 1_000_000) long elapsed) {
    String signed = SignedUrl.sign(url(path, params), SECRET, Duration.ofSeconds(expiresIn), at(NOW));
    Verification expected = elapsed <= expiresIn ? Verification.VALID : Verification.EXPIRED;
    assertThat(SignedUrl.verify(signed, SECRET, at(NOW + elapsed))).isEqualTo(expected);
    assertThat(pathOf(signed)).isEqualTo(path);
    Map<String, String> carried = decodedQuery(signed);
    assertThat(carried.remove(SignedUrl.EXP)).isEqualTo(Long.toString(NOW + expiresIn));
    assertThat(carried.remove(SignedUrl.SIG)).hasSize(43);
    assertThat(carried).isEqualTo(params);
  }

  @Property
  void reorderingAndReEncodingTheQueryOrChangingTheHostKeepsItValid(
      @ForAll("paths") String path, @ForAll("params") Map<String, String> params, @ForAll long seed) {
    Map<String, String> signed = signedQuery(path, params);
    List<String> pairs = new ArrayList<>();
    signed.forEach((k, v) -> pairs.add(percentEncodeEveryByte(k) + "=" + percentEncodeEveryByte(v)));
    Collections.shuffle(pairs, new Random(seed));
    assertThat(verify("http://other.test:8080" + path + "?" + String.join("&", pairs))).isEqualTo(Verification.VALID);
    if (!path.startsWith("//")) { // else the path-only form would read as //authority
      assertThat(verify(path + "?" + String.join("&", pairs))).isEqualTo(Verification.VALID);
    }
  }

  /** Lower-case {@code %xx} for every byte: a legal spelling nobody's encoder produces. */
  static String percentEncodeEveryByte(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      out.append('%').append(String.format("%02x", b & 0xFF));
    }
    return out.toString();
  }

  @Property(tries = TAMPER_TRIES)
  void anyOtherPathIsBadSignature(
      @ForAll("paths") String path, @ForAll("paths") String other, @ForAll("params") Map<String, String> params) {
    Assume.that(!path.equals(other));
    String signed = sign(url(path, params));
    assertThat(verify("https://x.test" + other + signed.substring(signed.indexOf('?')))).isEqualTo(Verification.BAD_SIGNATURE);
  }

  @Property(tries = TAMPER_TRIES)
  void anyChangedValueIsBadSignature(
      @ForAll("paths") String path, @ForAll("someParams") Map<String, String> params,
      @ForAll @IntRange(min = 0, max = 5) int which, @ForAll("text20") String value) {
    Map<String, String> q = signedQuery(path, params);
    String key = pick(params, which);
    Assume.that(!q.get(key).equals(value));
    q.put(key, value);
    assertThat(verify(url(path, q))).isEqualTo(Verification.BAD_SIGNATURE);
  }

  @Property(tries = TAMPER_TRIES)
  void anyRenamedKeyIsBadSignature(
      @ForAll("paths") String path, @ForAll("someParams") Map<String, String> params,
      @ForAll @IntRange(min = 0, max = 5) int which, @ForAll("text10") String newKey) {
    Map<String, String> q = signedQuery(path, params);
    String key = pick(params, which);
    Assume.that(!q.containsKey(newKey));
    Map<String, String> renamed = new LinkedHashMap<>();
    q.forEach((k, v) -> renamed.put(k.equals(key) ? newKey : k, v));
    assertThat(verify(url(path, renamed))).isEqualTo(Verification.BAD_SIGNATURE);
  }

  @Property(tries = TAMPER_TRIES)
  void anyAddedOrRemovedParameterIsBadSignature(
      @ForAll("paths") String path, @ForAll("someParams") Map<String, String> params,
      @ForAll @IntRange(min = 0, max = 5) int which, @ForAll("text10") String newKey, @ForAll("text20") String value) {
    Map<String, String> q = signedQuery(path, params);
    Map<String, String> removed = new LinkedHashMap<>(q);
    removed.remove(pick(params, which));
    assertThat(verify(url(path, removed))).isEqualTo(Verification.BAD_SIGNATURE);
    Assume.that(!q.containsKey(newKey));
    q.put(newKey, value);
    assertThat(verify(url(path, q))).isEqualTo(Verification.BAD_SIGNATURE);
  }

  @Property(tries = TAMPER_TRIES)
  void anyOtherExpIsBadSignatureOrExpired(
      @ForAll("paths") String path, @ForAll("params") Map<String, String> params,
      @ForAll @LongRange(min = NOW - 1000, max = NOW + 1_000_000) long exp) {
    Map<String, String> q = signedQuery(path, params);
    Assume.that(exp != NOW + 60);
    q.put(SignedUrl.EXP, Long.toString(exp));
    assertThat(verify(url(path, q))).isEqualTo(exp < NOW ? Verification.EXPIRED : Verification.BAD_SIGNATURE);
  }

  @Property(tries = TAMPER_TRIES)
  void anySingleCharacterChangeOfTheSignatureIsBadSignature(
      @ForAll("paths") String path, @ForAll("params") Map<String, String> params,
      @ForAll @IntRange(min = 0, max = 42) int index, @ForAll char c) {
    Map<String, String> q = signedQuery(path, params);
    String sig = q.get(SignedUrl.SIG);
    Assume.that(sig.charAt(index) != c && !Character.isSurrogate(c));
    q.put(SignedUrl.SIG, sig.substring(0, index) + c + sig.substring(index + 1));
    assertThat(verify(url(path, q))).isEqualTo(Verification.BAD_SIGNATURE);
  }

  @Property(tries = TAMPER_TRIES)
  void anyOtherSecretIsBadSignature(
      @ForAll("paths") String path, @ForAll("params") Map<String, String> params, @ForAll("text20") String suffix) {
    // HMAC pads a short key with zero bytes (RFC 2104), so SECRET and SECRET + "\0" are one key
    Assume.that(!suffix.isEmpty() && suffix.chars().anyMatch(ch -> ch != 0));
    String other = SECRET + suffix;
    assertThat(SignedUrl.verify(sign(url(path, params)), other, at(NOW))).isEqualTo(Verification.BAD_SIGNATURE);
  }

  @Property
  void anyLifetimeEitherSignsOrIsRefusedNamingExpiresIn(@ForAll long seconds) {
    boolean overflows = BigInteger.valueOf(NOW).add(BigInteger.valueOf(seconds)).bitLength() > 63;
    try {
      String signed = SignedUrl.sign("https://x.test/a", SECRET, Duration.ofSeconds(seconds), at(NOW));
      assertThat(overflows).isFalse();
      assertThat(verify(signed)).isEqualTo(seconds >= 0 ? Verification.VALID : Verification.EXPIRED);
    } catch (IllegalArgumentException refused) {
      assertThat(overflows).isTrue();
      assertThat(refused.getMessage()).startsWith("expiresIn: ");
    }
  }

  @Provide
  Arbitrary<String> text10() {
    return text(10).filter(k -> !k.equals(SignedUrl.EXP) && !k.equals(SignedUrl.SIG));
  }

  @Provide
  Arbitrary<String> text20() {
    return text(20);
  }
}
