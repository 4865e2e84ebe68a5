package dev.atlas.auth.http;

import dev.atlas.auth.PresharedKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The string settings both filters accept (servlet init-params, JAX-RS configuration properties),
 * with their names and secure defaults, turned into a {@link BearerPolicy}.
 *
 * <p>An unknown name or an invalid value fails with a message naming the setting; booleans must be
 * exactly {@code true} or {@code false}. Secrets are never settings: a setting names the
 * environment variable that holds one.
 */
public final class BearerSettings {
  /** The realm in every challenge. Default {@value BearerPolicy.Builder#DEFAULT_REALM}. */
  public static final String REALM = "realm";
  /** The environment variable holding the key. Default {@value PresharedKey#ENV}. */
  public static final String KEY_ENV = "keyEnv";
  /** The environment variable naming a file that holds the key. Default {@value PresharedKey#FILE_ENV}. */
  public static final String KEY_FILE_ENV = "keyFileEnv";
  /** The environment variable holding the previous key. Default {@value PresharedKey#PREVIOUS_ENV}. */
  public static final String PREVIOUS_KEY_ENV = "previousKeyEnv";
  /** Comma-separated paths that skip authentication: {@code /health}, {@code /metrics/*}. Default none. */
  public static final String EXCLUDE_PATHS = "excludePaths";
  /** Whether a real CORS preflight passes to the application's CORS layer. Default {@code true}. */
  public static final String ALLOW_PREFLIGHT = "allowPreflight";
  /** Comma-separated origins whose preflights are answered here, with CORS headers on every response. Default none. */
  public static final String CORS_ALLOWED_ORIGINS = "corsAllowedOrigins";
  /** The environment variable holding the secret that signs URLs; signed URLs are refused when unset. */
  public static final String SIGNING_SECRET_ENV = "signingSecretEnv";
  /** The longest token looked at. Default {@value BearerPolicy.Builder#DEFAULT_MAX_TOKEN_LENGTH}. */
  public static final String MAX_TOKEN_LENGTH = "maxTokenLength";

  /** Seconds a signed URL is still accepted past its {@code exp}, for clock skew. Default 0. */
  public static final String SIGNED_URL_LEEWAY_SECONDS = "signedUrlLeewaySeconds";
  /** The furthest in the future, in seconds, a signed URL's {@code exp} may lie. Default: no cap. */
  public static final String SIGNED_URL_MAX_LIFETIME_SECONDS = "signedUrlMaxLifetimeSeconds";

  /** Every setting name. */
  public static final Set<String> NAMES = Set.of(
      REALM, KEY_ENV, KEY_FILE_ENV, PREVIOUS_KEY_ENV, EXCLUDE_PATHS, ALLOW_PREFLIGHT,
      CORS_ALLOWED_ORIGINS, SIGNING_SECRET_ENV, MAX_TOKEN_LENGTH, SIGNED_URL_LEEWAY_SECONDS,
      SIGNED_URL_MAX_LIFETIME_SECONDS);

  private BearerSettings() {}

  /**
   * Builds the policy from {@code settings}, reading the key (and signing secret) from {@code env}.
   *
   * @param settings setting name to value; names outside {@link #NAMES} are refused
   * @param env the environment, e.g. {@code System::getenv}
   * @throws IllegalArgumentException naming an unknown setting or an invalid value
   * @throws IllegalStateException when no usable key is found, saying what to set
   */
  public static BearerPolicy toPolicy(Map<String, String> settings, Function<String, String> env) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(env, "env");
    for (String name : settings.keySet()) {
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException("unknown setting '" + name + "'; known settings: " + String.join(", ", new java.util.TreeSet<>(NAMES)));
      }
    }
    BearerPolicy.Builder b = BearerPolicy.builder();
    String realm = settings.get(REALM);
    if (realm != null) {
      wrap(REALM, () -> b.realm(realm.trim()));
    }
    String keyEnv = envName(settings, KEY_ENV, PresharedKey.ENV);
    String fileEnv = envName(settings, KEY_FILE_ENV, PresharedKey.FILE_ENV);
    String previousEnv = envName(settings, PREVIOUS_KEY_ENV, PresharedKey.PREVIOUS_ENV);
    b.key(PresharedKey.fromEnvironment(lookup(env, keyEnv, fileEnv, previousEnv), keyEnv, fileEnv, previousEnv));
    List<String> excluded = list(settings.get(EXCLUDE_PATHS));
    wrap(EXCLUDE_PATHS, () -> b.excludePaths(excluded));
    String preflight = settings.get(ALLOW_PREFLIGHT);
    if (preflight != null) {
      b.allowPreflight(bool(ALLOW_PREFLIGHT, preflight));
    }
    List<String> origins = list(settings.get(CORS_ALLOWED_ORIGINS));
    if (!origins.isEmpty()) {
      wrap(CORS_ALLOWED_ORIGINS, () -> b.corsAllowedOrigins(origins));
    }
    String signingEnv = settings.get(SIGNING_SECRET_ENV);
    if (signingEnv != null) {
      String name = checkedEnvName(SIGNING_SECRET_ENV, signingEnv.trim());
      String secret = env.apply(name);
      if (secret == null || secret.isBlank()) {
        throw new IllegalStateException(
            SIGNING_SECRET_ENV + " names " + name + ", which is unset or blank: set it to the pod's signing secret, or remove " + SIGNING_SECRET_ENV);
      }
      wrap(SIGNING_SECRET_ENV, () -> b.signingSecret(secret));
    }
    Integer max = integer(settings, MAX_TOKEN_LENGTH);
    if (max != null) {
      wrap(MAX_TOKEN_LENGTH, () -> b.maxTokenLength(max));
    }
    Integer leeway = integer(settings, SIGNED_URL_LEEWAY_SECONDS);
    if (leeway != null) {
      wrap(SIGNED_URL_LEEWAY_SECONDS, () -> b.signedUrlLeeway(Duration.ofSeconds(leeway)));
    }
    Integer lifetime = integer(settings, SIGNED_URL_MAX_LIFETIME_SECONDS);
    if (lifetime != null) {
      wrap(SIGNED_URL_MAX_LIFETIME_SECONDS, () -> b.signedUrlMaxLifetime(Duration.ofSeconds(lifetime)));
    }
    try {
      return b.build();
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static Integer integer(Map<String, String> settings, String setting) {
    String value = settings.get(setting);
    if (value == null) {
      return null;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(setting + " must be a whole number, was '" + value + "'");
    }
  }

  private static Map<String, String> lookup(Function<String, String> env, String... names) {
    Map<String, String> values = new java.util.HashMap<>();
    for (String name : names) {
      String value = env.apply(name);
      if (value != null) {
        values.put(name, value);
      }
    }
    return values;
  }

  private static String envName(Map<String, String> settings, String setting, String defaultName) {
    String value = settings.get(setting);
    return value == null ? defaultName : checkedEnvName(setting, value.trim());
  }

  private static String checkedEnvName(String setting, String name) {
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException(setting + " must name an environment variable, was '" + name + "'");
    }
    return name;
  }

  private static boolean bool(String setting, String value) {
    switch (value.trim()) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new IllegalArgumentException(setting + " must be true or false, was '" + value + "'");
    }
  }

  private static List<String> list(String value) {
    List<String> items = new ArrayList<>();
    if (value != null) {
      for (String item : value.split("[,\\s]+")) {
        if (!item.isEmpty()) {
          items.add(item);
        }
      }
    }
    return items;
  }

  private static void wrap(String setting, Runnable apply) {
    try {
      apply.run();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
    }
  }
}
