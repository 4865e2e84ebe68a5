package dev.atlas.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * Per-pod bearer tokens, byte-compatible with ExAtlas {@code Auth.Token}.
 *
 * <p>A token is 32 bytes from a non-blocking CSPRNG, encoded as base64url without padding: always
 * 43 ASCII characters. Its hash is the lowercase hex SHA-256 of the token's text (not of the raw
 * bytes). Keep only the hash; the raw token is handed out once, by {@link #mint()}.
 */
public final class Token {
  /** Bytes of randomness in a token: 256 bits. */
  public static final int RANDOM_BYTES = 32;
  /** Characters in a minted token: 32 bytes in unpadded base64url. */
  public static final int LENGTH = 43;
  /** Characters in a hash: 32 bytes of SHA-256 in hex. */
  public static final int HASH_LENGTH = 64;

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Token() {}

  /** Mints a fresh token from the shared non-blocking {@link SecureRandom}. */
  public static MintedToken mint() {
    byte[] random = new byte[RANDOM_BYTES];
    Crypto.random().nextBytes(random);
    return fromRandomBytes(random);
  }

  /** Builds the token that the given 32 random bytes encode to. For tests and vectors. */
  static MintedToken fromRandomBytes(byte[] random) {
    if (random.length != RANDOM_BYTES) {
      throw new IllegalArgumentException("random must be 32 bytes, was " + random.length);
    }
    String token = BASE64URL.encodeToString(random);
    return new MintedToken(token, hex(sha256(token)));
  }

  /**
   * The lowercase hex SHA-256 of the token's UTF-8 text: 64 characters.
   *
   * @throws NullPointerException if {@code token} is null
   */
  public static String hash(String token) {
    Objects.requireNonNull(token, "token");
    return hex(sha256(token));
  }

  /**
   * Whether {@code candidate} hashes to {@code expectedHash}, compared in constant time.
   *
   * <p>As upstream: case-sensitive (an upper-case hash never matches), no trimming, no {@code
   * Bearer } stripping; a hash of the wrong length is simply {@code false}. The running time does
   * not depend on where the hashes differ.
   *
   * @throws NullPointerException if an argument is null
   */
  public static boolean valid(String candidate, String expectedHash) {
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(expectedHash, "expectedHash");
    byte[] digest = sha256(candidate);
    if (expectedHash.length() != HASH_LENGTH) {
      return false; // the length of a hash is public: it is always 64
    }
    int diff = 0;
    for (int i = 0; i < digest.length; i++) {
      int b = digest[i];
      diff |= expectedHash.charAt(2 * i) ^ HEX[(b >> 4) & 0xF];
      diff |= expectedHash.charAt(2 * i + 1) ^ HEX[b & 0xF];
    }
    return diff == 0;
  }

  static byte[] sha256(String text) {
    MessageDigest md = Crypto.sha256();
    return md.digest(text.getBytes(StandardCharsets.UTF_8));
  }

  static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
      out[2 * i + 1] = HEX[bytes[i] & 0xF];
    }
    return new String(out);
  }

  /** Shared primitives: one CSPRNG, one SHA-256 instance per thread. */
  static final class Crypto {
    private static final SecureRandom RANDOM = newRandom();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Crypto::newSha256);

    private Crypto() {}

    static SecureRandom random() {
      return RANDOM;
    }

    static MessageDigest sha256() {
      MessageDigest md = SHA256.get();
      md.reset();
      return md;
    }

    private static SecureRandom newRandom() {
      try {
        // Reads /dev/urandom: never blocks, unlike the "strong" (blocking) instance.
        return SecureRandom.getInstance("NativePRNGNonBlocking");
      } catch (NoSuchAlgorithmException notLinux) {
        return new SecureRandom();
      }
    }

    private static MessageDigest newSha256() {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-256", e);
      }
    }
  }
}
