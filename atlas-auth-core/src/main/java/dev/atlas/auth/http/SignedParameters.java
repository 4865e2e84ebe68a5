package dev.atlas.auth.http;

/** How often {@code exp} and {@code sig} appear as keys in a raw query, without decoding it all. */
record SignedParameters(int exp, int sig) {
  static SignedParameters count(String rawQuery) {
    int exp = 0;
    int sig = 0;
    int start = 0;
    int eq = rawQuery.indexOf('='); // the next '=' at or after start, or -1: scanned once, not per pair
    while (start <= rawQuery.length()) {
      int amp = rawQuery.indexOf('&', start);
      int end = amp < 0 ? rawQuery.length() : amp;
      if (eq >= 0 && eq < start) {
        eq = rawQuery.indexOf('=', start);
      }
      int keyEnd = eq < 0 || eq > end ? end : eq;
      if (isKey(rawQuery, start, keyEnd, "exp")) {
        exp++;
      } else if (isKey(rawQuery, start, keyEnd, "sig")) {
        sig++;
      }
      start = end + 1;
    }
    return new SignedParameters(exp, sig);
  }

  /** Whether the raw key equals {@code name}, allowing percent-escapes of its letters. */
  private static boolean isKey(String q, int from, int to, String name) {
    int j = 0;
    int i = from;
    while (i < to && j < name.length()) {
      char c = q.charAt(i);
      if (c == '%' && i + 2 < to) {
        int decoded = Character.digit(q.charAt(i + 1), 16) << 4 | Character.digit(q.charAt(i + 2), 16);
        if (decoded != name.charAt(j)) {
          return false;
        }
        i += 3;
      } else if (c == name.charAt(j)) {
        i++;
      } else {
        return false;
      }
      j++;
    }
    return i == to && j == name.length();
  }
}
