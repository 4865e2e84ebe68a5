package dev.atlas.spawn.runpod;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Immutable settings of the RunPod client and provider.
 *
 * <p>Read from configuration with {@link #fromEnvironment()} or {@link #load}: each setting has a
 * property key (as MicroProfile Config or a system property would carry it) and an environment
 * variable; the property wins. Unset means the documented default; a value that cannot be used
 * fails with an {@link IllegalStateException} naming the key. The API key is optional here so that a
 * provider can be found by {@code ServiceLoader} on a machine without one; the client refuses to
 * start without it.
 */
public final class RunPodConfig {
  /** Property key of the API base URL. */
  public static final String BASE_URL = "atlas.runpod.base-url";
  /** Environment variable of the API base URL. */
  public static final String BASE_URL_ENV = "ATLAS_RUNPOD_BASE_URL";
  /** The default API base URL. Paths are absolute from it ({@code /v2/pods}). */
  public static final URI DEFAULT_BASE_URL = URI.create("https://api.runpod.io");
  /** Property key of the API key. */
  public static final String API_KEY = "atlas.runpod.api-key";
  /** Environment variable of the API key. */
  public static final String API_KEY_ENV = "RUNPOD_API_KEY";
  /** Property key of the owner written into pod names ({@code atlas-<owner>-<id>}). */
  public static final String OWNER = "atlas.runpod.owner";
  /** Environment variable of the owner. */
  public static final String OWNER_ENV = "ATLAS_RUNPOD_OWNER";
  /** The default owner. */
  public static final String DEFAULT_OWNER = "app";
  /** Property key of the per-request timeout, an ISO-8601 duration such as {@code PT30S}. */
  public static final String REQUEST_TIMEOUT = "atlas.runpod.request-timeout";
  /** Environment variable of the per-request timeout. */
  public static final String REQUEST_TIMEOUT_ENV = "ATLAS_RUNPOD_REQUEST_TIMEOUT";

  private static final Pattern OWNER_PATTERN = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?");

  private final URI baseUrl;
  private final RunPodApiKey apiKey; // null when not configured
  private final String owner;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final RetryPolicy retry;
  private final int createAttempts;
  private final int reconcileLookups;
  private final Duration catalogTtl;
  private final Sleeper sleeper;
  private final Clock clock;
  private final DoubleSupplier random;

  private RunPodConfig(Builder b) {
    this.baseUrl = b.baseUrl;
    this.apiKey = b.apiKey;
    this.owner = b.owner;
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.retry = b.retry;
    this.createAttempts = b.createAttempts;
    this.reconcileLookups = b.reconcileLookups;
    this.catalogTtl = b.catalogTtl;
    this.sleeper = b.sleeper;
    this.clock = b.clock;
    this.random = b.random;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads each setting from the system properties, else from this process's environment. */
  public static RunPodConfig fromEnvironment() {
    return load(name -> Optional.ofNullable(System.getProperty(name)).or(() -> Optional.ofNullable(System.getenv(name))));
  }

  /**
   * Reads each setting through {@code lookup}, asking first for its property key ({@code
   * atlas.runpod.api-key}), then for its environment variable ({@code RUNPOD_API_KEY}). A blank value
   * counts as unset. Pass MicroProfile Config's {@code getOptionalValue} or the spawner's {@code
   * ProviderSettings::get}.
   *
   * @throws IllegalStateException naming the key of a value that cannot be used (never the value of
   *     the API key)
   */
  public static RunPodConfig load(Function<String, Optional<String>> lookup) {
    Objects.requireNonNull(lookup, "lookup");
    Builder b = builder();
    lookup(lookup, BASE_URL, BASE_URL_ENV).ifPresent(v -> b.baseUrl(parseUri(v)));
    lookup(lookup, API_KEY, API_KEY_ENV).ifPresent(v -> {
      try {
        b.apiKey(RunPodApiKey.of(v));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(API_KEY + " / " + API_KEY_ENV + ": " + e.getMessage(), e);
      }
    });
    lookup(lookup, OWNER, OWNER_ENV).ifPresent(v -> configured(OWNER, () -> b.owner(v)));
    lookup(lookup, REQUEST_TIMEOUT, REQUEST_TIMEOUT_ENV)
        .ifPresent(v -> configured(REQUEST_TIMEOUT, () -> b.requestTimeout(Duration.parse(v))));
    return b.build();
  }

  private static Optional<String> lookup(Function<String, Optional<String>> lookup, String key, String envName) {
    Optional<String> value = Objects.requireNonNullElse(lookup.apply(key), Optional.<String>empty())
        .filter(v -> !v.isBlank());
    if (value.isEmpty()) {
      value = Objects.requireNonNullElse(lookup.apply(envName), Optional.<String>empty());
    }
    return value.map(String::trim).filter(v -> !v.isEmpty());
  }

  private static URI parseUri(String value) {
    try {
      return checkedBaseUrl(new URI(value));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(BASE_URL + " / " + BASE_URL_ENV + ": not a URI: " + e.getReason());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(BASE_URL + " / " + BASE_URL_ENV + ": " + e.getMessage(), e);
    }
  }

  private static void configured(String key, Runnable set) {
    try {
      set.run();
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new IllegalStateException(key + ": " + e.getMessage(), e);
    }
  }

  static URI checkedBaseUrl(URI uri) {
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("baseUrl: must not hold user info (credentials go in the API key)");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException("baseUrl: scheme must be https or http, was " + uri);
    }
    if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("baseUrl: must be scheme://host[:port][/path] only, was " + uri);
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.endsWith("/v1") || path.endsWith("/v2")) {
      throw new IllegalArgumentException(
          "baseUrl: give the host only (the client adds /v2/...); REST v1 is retired, was " + uri);
    }
    return URI.create(scheme + "://" + uri.getRawAuthority() + path);
  }

  /** The API base, without a trailing slash; requests go to {@code baseUrl + "/v2/..."}. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** The API key, when one is configured. */
  public Optional<RunPodApiKey> apiKey() {
    return Optional.ofNullable(apiKey);
  }

  /** The owner part of pod names. */
  public String owner() {
    return owner;
  }

  /** The prefix of every pod name this configuration creates: {@code atlas-<owner>-}. */
  public String namePrefix() {
    return "atlas-" + owner + "-";
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** Retries of GET and DELETE. */
  public RetryPolicy retry() {
    return retry;
  }

  /** Create attempts per GPU candidate (429 and ambiguous failures use them up). */
  public int createAttempts() {
    return createAttempts;
  }

  /** How many times the pod list is read, after an ambiguous create, before creating again. */
  public int reconcileLookups() {
    return reconcileLookups;
  }

  /** How long a read of the GPU catalog is reused to order candidates. */
  public Duration catalogTtl() {
    return catalogTtl;
  }

  public Sleeper sleeper() {
    return sleeper;
  }

  public Clock clock() {
    return clock;
  }

  /** The source of jitter: uniform in {@code [0, 1)}. */
  public DoubleSupplier random() {
    return random;
  }

  @Override
  public String toString() {
    return "RunPodConfig[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "<absent>" : "<redacted>")
        + ", owner=" + owner + ", requestTimeout=" + requestTimeout + ", retry=" + retry + "]";
  }

  /** Builds a {@link RunPodConfig}; every setting has a default. */
  public static final class Builder {
    private URI baseUrl = DEFAULT_BASE_URL;
    private RunPodApiKey apiKey;
    private String owner = DEFAULT_OWNER;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private int createAttempts = 3;
    private int reconcileLookups = 3;
    private Duration catalogTtl = Duration.ofSeconds(30);
    private Sleeper sleeper = Sleeper.threadSleep();
    private Clock clock = Clock.systemUTC();
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    private Builder() {}

    /** The API base URL: scheme, host, optional port and path prefix; no {@code /v2}. */
    public Builder baseUrl(URI baseUrl) {
      this.baseUrl = checkedBaseUrl(Objects.requireNonNull(baseUrl, "baseUrl"));
      return this;
    }

    public Builder apiKey(RunPodApiKey apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
      return this;
    }

    /** 1–32 of {@code a-z 0-9 -}, starting and ending with a letter or digit. */
    public Builder owner(String owner) {
      Objects.requireNonNull(owner, "owner");
      if (!OWNER_PATTERN.matcher(owner).matches()) {
        throw new IllegalArgumentException(
            "owner: must be 1-32 of a-z 0-9 '-', not starting or ending with '-', was '" + owner + "'");
      }
      this.owner = owner;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive(requestTimeout, "requestTimeout");
      return this;
    }

    public Builder retry(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    public Builder createAttempts(int createAttempts) {
      this.createAttempts = inRange(createAttempts, 1, 10, "createAttempts");
      return this;
    }

    public Builder reconcileLookups(int reconcileLookups) {
      this.reconcileLookups = inRange(reconcileLookups, 1, 10, "reconcileLookups");
      return this;
    }

    public Builder catalogTtl(Duration catalogTtl) {
      Objects.requireNonNull(catalogTtl, "catalogTtl");
      if (catalogTtl.isNegative()) {
        throw new IllegalArgumentException("catalogTtl: must not be negative, was " + catalogTtl);
      }
      this.catalogTtl = catalogTtl;
      return this;
    }

    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder random(DoubleSupplier random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    public RunPodConfig build() {
      return new RunPodConfig(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + ": must be positive, was " + d);
      }
      return d;
    }

    private static int inRange(int value, int min, int max, String name) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(name + ": must be " + min + ".." + max + ", was " + value);
      }
      return value;
    }
  }
}
