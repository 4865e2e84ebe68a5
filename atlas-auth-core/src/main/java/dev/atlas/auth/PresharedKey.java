package dev.atlas.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The pod's preshared key: what a request's bearer token must equal.
 *
 * <p>Loaded once at startup from {@code ATLAS_PRESHARED_KEY}, or from the file named by {@code
 * ATLAS_PRESHARED_KEY_FILE} (a mounted secret), plus an optional {@code
 * ATLAS_PRESHARED_KEY_PREVIOUS} that stays valid during a rotation. A key that is missing, blank,
 * shorter than {@value #MIN_LENGTH} characters, or holds a character a bearer header cannot carry
 * fails the load: a pod without a usable key must not start.
 *
 * <p>{@link #matches} runs in time that depends only on the keys' lengths, never on the candidate's
 * content or length, checks every live key without short-circuit, and allocates nothing.
 */
public final class PresharedKey {
  /** Environment variable holding the key. */
  public static final String ENV = "ATLAS_PRESHARED_KEY";
  /** Environment variable naming a file that holds the key (read when {@link #ENV} is unset). */
  public static final String FILE_ENV = "ATLAS_PRESHARED_KEY_FILE";
  /** Environment variable holding the previous key, accepted too while a rotation is under way. */
  public static final String PREVIOUS_ENV = "ATLAS_PRESHARED_KEY_PREVIOUS";
  /** The shortest key accepted. Minted keys have {@value Token#LENGTH} characters. */
  public static final int MIN_LENGTH = 32;
  /** The longest key accepted. */
  public static final int MAX_LENGTH = 512;

  /** Which of the live keys a candidate matched. */
  public enum Slot {
    NONE,
    CURRENT,
    PREVIOUS
  }

  private final byte[] current;
  private final byte[] previous; // null when no rotation is under way

  private PresharedKey(byte[] current, byte[] previous) {
    this.current = current;
    this.previous = previous;
  }

  /** Loads the key from this process's environment. */
  public static PresharedKey fromEnvironment() {
    return fromEnvironment(System.getenv(), ENV, FILE_ENV, PREVIOUS_ENV);
  }

  /**
   * Loads the key from {@code env} under the given variable names.
   *
   * @param keyVar the variable holding the key
   * @param fileVar the variable naming a file that holds the key, read when {@code keyVar} is unset
   * @param previousVar the variable holding the previous key; optional
   * @throws IllegalStateException naming what to set when no usable key is found
   */
  public static PresharedKey fromEnvironment(
      Map<String, String> env, String keyVar, String fileVar, String previousVar) {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(keyVar, "keyVar");
    Objects.requireNonNull(fileVar, "fileVar");
    Objects.requireNonNull(previousVar, "previousVar");
    String key = env.get(keyVar);
    String source = keyVar;
    if (key == null) {
      String file = env.get(fileVar);
      if (file == null || file.isBlank()) {
        throw new IllegalStateException(
            "no preshared key: set " + keyVar + " to the pod's key, or " + fileVar + " to a file holding it");
      }
      key = readKeyFile(file, fileVar);
      source = "the file named by " + fileVar;
    }
    byte[] current = checked(key, source);
    String prev = env.get(previousVar);
    byte[] previous = prev == null || prev.isEmpty() ? null : checked(prev, previousVar);
    return new PresharedKey(current, previous);
  }

  /**
   * A key held in memory, for embedding and tests.
   *
   * @throws IllegalArgumentException if the key is too short, too long or not a {@code b64token}
   */
  public static PresharedKey of(String key) {
    Objects.requireNonNull(key, "key");
    return new PresharedKey(checkedArg(key, "key"), null);
  }

  /** A key plus the previous one, both accepted while a rotation is under way. */
  public static PresharedKey of(String key, String previous) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(previous, "previous");
    return new PresharedKey(checkedArg(key, "key"), checkedArg(previous, "previous"));
  }

  /**
   * The length of the longest live key. Not a secret: a minted key always has {@value
   * Token#LENGTH} characters; configuration uses it to refuse a token-length cap no key fits.
   */
  public int longestLength() {
    return previous == null ? current.length : Math.max(current.length, previous.length);
  }

  /** Whether a rotation is under way: a previous key is accepted too. */
  public boolean rotating() {
    return previous != null;
  }

  /** Whether {@code candidate} equals a live key, in constant time. */
  public boolean matches(CharSequence candidate) {
    Objects.requireNonNull(candidate, "candidate");
    return match(candidate, 0, candidate.length()) != Slot.NONE;
  }

  /**
   * Which live key equals {@code candidate[from, to)}, in constant time. Both keys are always
   * compared; the time depends on the keys' lengths only.
   */
  public Slot match(CharSequence candidate, int from, int to) {
    Objects.checkFromToIndex(from, to, candidate.length());
    int cur = difference(current, candidate, from, to);
    int prev = previous == null ? 1 : difference(previous, candidate, from, to);
    // Non-short-circuit: both comparisons always ran; only now do the results meet.
    return cur == 0 ? Slot.CURRENT : prev == 0 ? Slot.PREVIOUS : Slot.NONE;
  }

  /**
   * Zero when the candidate equals the key. Loops over the key only, so neither the candidate's
   * length nor the position of a difference changes how long it takes; no early exit.
   */
  private static int difference(byte[] key, CharSequence candidate, int from, int to) {
    int length = to - from;
    int diff = key.length ^ length;
    int last = Math.max(length - 1, 0);
    for (int i = 0; i < key.length; i++) {
      int at = Math.min(i, last);
      int c = length == 0 ? 0 : candidate.charAt(from + at);
      diff |= key[i] ^ c;
    }
    return diff;
  }

  private static String readKeyFile(String file, String fileVar) {
    try {
      String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
      int end = text.length();
      while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
        end--;
      }
      return text.substring(0, end);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot read the preshared key file named by " + fileVar + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static byte[] checked(String key, String source) {
    String problem = problem(key);
    if (problem != null) {
      throw new IllegalStateException(
          "unusable preshared key in " + source + ": " + problem
              + "; set it to a token such as one from Token.mint() (43 base64url characters)");
    }
    return key.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] checkedArg(String key, String name) {
    String problem = problem(key);
    if (problem != null) {
      throw new IllegalArgumentException(name + ": " + problem);
    }
    return key.getBytes(StandardCharsets.US_ASCII);
  }

  /** What is wrong with a key, without ever quoting it; null when it is usable. */
  private static String problem(String key) {
    if (key.isBlank()) {
      return "it is blank";
    }
    if (key.length() < MIN_LENGTH) {
      return "it has " + key.length() + " characters, fewer than " + MIN_LENGTH;
    }
    if (key.length() > MAX_LENGTH) {
      return "it has " + key.length() + " characters, more than " + MAX_LENGTH;
    }
    if (!BearerSyntax.isB64Token(key, 0, key.length())) {
      return "it holds a character a Bearer header cannot carry (allowed: A-Z a-z 0-9 - . _ ~ + / and trailing =)";
    }
    return null;
  }

  @Override
  public String toString() {
    return "PresharedKey[<redacted>" + (previous != null ? ", rotating" : "") + "]";
  }
}
