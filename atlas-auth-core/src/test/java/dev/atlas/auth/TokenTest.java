package dev.atlas.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenTest {
  @Test
  void hashMatchesSha256Vectors() {
    assertThat(Token.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Token.hash("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(Token.hash("abc")).isNotEqualTo(Token.hash("abd"));
  }

  @Test
  void tokenFrom32BytesOf0xFbMatchesUpstream() {
    byte[] random = new byte[32];
    Arrays.fill(random, (byte) 0xFB);
    MintedToken t = Token.fromRandomBytes(random);
    assertThat(t.token()).isEqualTo("-_v7-_v7-_v7-_v7-_v7-_v7-_v7-_v7-_v7-_v7-_s");
    assertThat(t.hash()).isEqualTo("d11835ca7edbd11d612c89ccda97f8054dde4f78485ff5b589336e8bd9e35315");
  }

  @Test
  void mintReturnsTokenHashHeaderAndEnv() {
    MintedToken t = Token.mint();
    assertThat(t.token()).hasSize(43).matches("[A-Za-z0-9_-]{43}");
    assertThat(t.hash()).hasSize(64).isEqualTo(Token.hash(t.token()));
    assertThat(t.header()).isEqualTo("Authorization: Bearer " + t.token());
    assertThat(t.headerValue()).isEqualTo("Bearer " + t.token());
    assertThat(t.env()).isEqualTo(Map.of("ATLAS_PRESHARED_KEY", t.token()));
  }

  @Test
  void mintNeverRepeats() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      assertThat(seen.add(Token.mint().token())).isTrue();
    }
  }

  @Test
  void toStringNeverShowsTheTokenOrItsHash() {
    MintedToken t = Token.mint();
    assertThat(t.toString()).doesNotContain(t.token()).doesNotContain(t.hash());
  }

  @Test
  void validAcceptsTheMintedTokenAgainstItsHash() {
    MintedToken t = Token.mint();
    assertThat(Token.valid(t.token(), t.hash())).isTrue();
  }

  @Test
  void validRejectsOtherTokensUpperCaseHashesAndWrongLengths() {
    MintedToken t = Token.mint();
    assertThat(Token.valid("not-the-token", t.hash())).isFalse();
    assertThat(Token.valid(t.token(), t.hash().toUpperCase())).isFalse();
    assertThat(Token.valid(t.token(), t.hash().substring(1))).isFalse();
    assertThat(Token.valid(t.token(), t.hash() + "0")).isFalse();
    assertThat(Token.valid(t.token(), "")).isFalse();
    assertThat(Token.valid(" " + t.token(), t.hash())).isFalse();
    assertThat(Token.valid("Bearer " + t.token(), t.hash())).isFalse();
  }

  @Test
  void emptyCandidateIsAnOrdinaryCandidate() {
    assertThat(Token.valid("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")).isTrue();
  }

  @Test
  void nullArgumentsThrowNamingTheArgument() {
    assertThatThrownBy(() -> Token.hash(null)).isInstanceOf(NullPointerException.class).hasMessage("token");
    assertThatThrownBy(() -> Token.valid(null, "x")).isInstanceOf(NullPointerException.class).hasMessage("candidate");
    assertThatThrownBy(() -> Token.valid("x", null)).isInstanceOf(NullPointerException.class).hasMessage("expectedHash");
  }
}
