package dev.atlas.bench.leak;

import java.nio.CharBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * One operation under test and its two classes of candidates. Each class only fills a scratch
 * buffer; one shared {@link Maker} turns the buffer into the candidate object, so both classes are
 * allocated the same way and lie in memory alike: a difference in timing cannot come from the
 * heap layout.
 *
 * @param name what is timed
 * @param role whether it must leak (a positive control), must not, or is shown for information
 * @param capacity the scratch buffer's size
 * @param fixed fills the buffer with the fixed-class candidate, returning its length
 * @param random fills the buffer with a random-class candidate, returning its length
 * @param maker makes the candidate from the buffer and the length
 * @param operation the call that is timed; it must refuse both classes
 */
record Subject(
    String name, Role role, int capacity, Filler fixed, Filler random, Maker maker, Predicate<CharSequence> operation) {
  enum Role {
    /** A known leak: the harness must see it (|t| above the threshold), or a pass means nothing. */
    CONTROL,
    /** Claimed constant-time: |t| must stay at or below the threshold. */
    SUBJECT,
    /** A leak too small to promise the harness sees; reported for the harness's resolution. */
    INFO
  }

  /** Writes one candidate into {@code buffer}; returns its length. */
  interface Filler {
    int fill(SplittableRandom r, char[] buffer);
  }

  /** Makes the candidate object from the first {@code length} characters or from all of the buffer. */
  interface Maker {
    CharSequence make(char[] buffer, int length);
  }

  static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  static final String HEX = "0123456789abcdef";

  /** Equal-length strings: {@code fixed} against random base64url text of its length. */
  static Subject strings(String name, Role role, String fixed, Predicate<CharSequence> operation) {
    return strings(name, role, fixed, BASE64URL, operation);
  }

  /** Equal-length strings: {@code fixed} against random text of its length over {@code alphabet}. */
  static Subject strings(String name, Role role, String fixed, String alphabet, Predicate<CharSequence> operation) {
    int length = fixed.length();
    return new Subject(name, role, length,
        (r, b) -> {
          fixed.getChars(0, length, b, 0);
          return length;
        },
        (r, b) -> randomFill(r, b, length, alphabet),
        (b, n) -> new String(b, 0, n),
        operation);
  }

  /**
   * Lengths that vary: {@code fixed} (as long as the key) against random lengths 1..{@code max};
   * each candidate a view of a fresh {@code max}-character array, so both classes take the same
   * memory.
   */
  static Subject lengths(String name, Role role, String fixed, int max, Predicate<CharSequence> operation) {
    return new Subject(name, role, max,
        (r, b) -> {
          randomFill(r, b, max);
          fixed.getChars(0, fixed.length(), b, 0);
          return fixed.length();
        },
        (r, b) -> {
          randomFill(r, b, max);
          return 1 + r.nextInt(max);
        },
        (b, n) -> CharBuffer.wrap(Arrays.copyOf(b, b.length), 0, n),
        operation);
  }

  private static int randomFill(SplittableRandom r, char[] buffer, int length) {
    return randomFill(r, buffer, length, BASE64URL);
  }

  private static int randomFill(SplittableRandom r, char[] buffer, int length, String alphabet) {
    for (int i = 0; i < length; i++) {
      buffer[i] = alphabet.charAt(r.nextInt(alphabet.length()));
    }
    return length;
  }

  /** A random base64url string of {@code length} characters. */
  static String randomToken(SplittableRandom r, int length) {
    char[] c = new char[length];
    randomFill(r, c, length);
    return new String(c);
  }

  /** {@code s} with its last character replaced by another one of the alphabet. */
  static String lastCharChanged(String s) {
    char last = s.charAt(s.length() - 1);
    return s.substring(0, s.length() - 1) + (last == 'A' ? 'B' : 'A');
  }
}
