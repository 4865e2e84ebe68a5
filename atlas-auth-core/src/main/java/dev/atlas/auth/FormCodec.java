package dev.atlas.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code application/x-www-form-urlencoded} as upstream ExAtlas reads and writes it.
 *
 * <p>Decoded keys and values are <em>byte strings</em>: each {@code char} holds one byte (0–255),
 * so bytes that are not valid UTF-8 survive a decode/encode round trip exactly as they do in Elixir,
 * and {@link String#compareTo} orders keys as raw bytes.
 */
final class FormCodec {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private FormCodec() {}

  /** One decoded {@code key=value} pair, both byte strings. */
  record Pair(String key, String value) {}

  /**
   * The pairs of a query in order. {@code +} is a space, {@code %XX} a byte; a malformed escape is
   * kept literally; a key without {@code =} has the value {@code ""}; empty segments are skipped.
   */
  static List<Pair> decode(String query) {
    List<Pair> pairs = new ArrayList<>();
    if (query == null || query.isEmpty()) {
      return pairs;
    }
    String bytes = new String(query.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    int start = 0;
    int eq = bytes.indexOf('='); // the next '=' at or after start, or -1: scanned once, not per pair
    while (start <= bytes.length()) {
      int amp = bytes.indexOf('&', start);
      int end = amp < 0 ? bytes.length() : amp;
      if (end > start) {
        if (eq >= 0 && eq < start) {
          eq = bytes.indexOf('=', start);
        }
        if (eq < 0 || eq > end) {
          pairs.add(new Pair(unescape(bytes, start, end), ""));
        } else {
          pairs.add(new Pair(unescape(bytes, start, eq), unescape(bytes, eq + 1, end)));
        }
      }
      start = end + 1;
    }
    return pairs;
  }

  private static String unescape(String s, int from, int to) {
    StringBuilder out = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '+') {
        out.append(' ');
      } else if (c == '%' && i + 2 < to && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
        out.append((char) (hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2))));
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }

  /** {@code k=v&k=v} of a key-sorted map, each byte string escaped by {@link #escape}. */
  static String encode(Map<String, String> sorted) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      if (out.length() > 0) {
        out.append('&');
      }
      escape(e.getKey(), out);
      out.append('=');
      escape(e.getValue(), out);
    }
    return out.toString();
  }

  /** Unreserved bytes ({@code A-Z a-z 0-9 - . _ ~}) stay, space is {@code +}, the rest {@code %XX}. */
  static void escape(String byteString, StringBuilder out) {
    for (int i = 0; i < byteString.length(); i++) {
      char b = byteString.charAt(i);
      if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
          || b == '-' || b == '.' || b == '_' || b == '~') {
        out.append(b);
      } else if (b == ' ') {
        out.append('+');
      } else {
        out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
      }
    }
  }
}
