package dev.atlas.auth;

/** The token grammar of RFC 6750 §2.1, shared by the key loader and the HTTP decision. */
public final class BearerSyntax {
  private BearerSyntax() {}

  /** Whether {@code c} may appear in a {@code b64token} before its trailing {@code =}. */
  public static boolean isB64TokenChar(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~'
        || c == '+'
        || c == '/';
  }

  /** Whether {@code s[from, to)} is a {@code b64token}: {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. */
  public static boolean isB64Token(CharSequence s, int from, int to) {
    int i = from;
    while (i < to && isB64TokenChar(s.charAt(i))) {
      i++;
    }
    if (i == from) {
      return false;
    }
    while (i < to && s.charAt(i) == '=') {
      i++;
    }
    return i == to;
  }
}
