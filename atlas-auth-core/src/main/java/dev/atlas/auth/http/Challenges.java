package dev.atlas.auth.http;

/**
 * The {@code WWW-Authenticate} challenges of RFC 6750 §3 for one realm, rendered once.
 *
 * <p>Every description is fixed ASCII text inside {@code %x20-21 / %x23-5B / %x5D-7E}; nothing
 * from the request is ever echoed.
 */
final class Challenges {
  static final String WWW_AUTHENTICATE = "WWW-Authenticate";

  final String none;
  final String malformed;
  final String wrongToken;
  final String expired;
  final String badSignedUrl;
  final String duplicateAuthorization;
  final String duplicateSignedParameter;

  Challenges(String realm) {
    String base = "Bearer realm=\"" + realm + "\"";
    none = base;
    malformed = token(base, "The access token is malformed");
    wrongToken = token(base, "The access token is invalid");
    expired = token(base, "The signed URL has expired");
    badSignedUrl = token(base, "The signed URL is invalid");
    duplicateAuthorization = request(base, "Only one Authorization header is allowed");
    duplicateSignedParameter = request(base, "The signed URL repeats exp or sig");
  }

  private static String token(String base, String description) {
    return base + ", error=\"invalid_token\", error_description=\"" + description + "\"";
  }

  private static String request(String base, String description) {
    return base + ", error=\"invalid_request\", error_description=\"" + description + "\"";
  }

  /** Whether {@code realm} can stand in a quoted-string without escapes (RFC 6750 §3). */
  static boolean isValidRealm(String realm) {
    if (realm.isEmpty()) {
      return false;
    }
    for (int i = 0; i < realm.length(); i++) {
      char c = realm.charAt(i);
      if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }
}
