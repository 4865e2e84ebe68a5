package dev.atlas.spawn.runpod;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A client of RunPod's REST API v2 on the JDK {@link HttpClient}.
 *
 * <p>The API key goes only into the {@code Authorization: Bearer} header. GET and DELETE are retried
 * on 429, 5xx and transport failures, with jittered backoff that honours {@code Retry-After}; POST
 * (create, actions) is sent once and never retried here: a create that fails ambiguously may have
 * created the pod, and only the caller can reconcile that (see {@link PodCreator}). Every failure is
 * a {@link RunPodApiException}.
 *
 * <p>Thread-safe; share one instance.
 */
public final class RunPodClient {
  private static final Pattern POD_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  /** Guards against a server that hands out cursors forever. */
  static final int MAX_PAGES = 1000;

  private final Transport transport;

  private RunPodClient(Transport transport) {
    this.transport = transport;
  }

  /**
   * A client for {@code config}.
   *
   * @throws IllegalStateException when no API key is configured, naming the setting
   */
  public static RunPodClient create(RunPodConfig config) {
    Objects.requireNonNull(config, "config");
    HttpClient.Builder http = HttpClient.newBuilder()
        .connectTimeout(config.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER);
    if ("http".equals(config.baseUrl().getScheme())) {
      http.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance on plain HTTP
    }
    return create(config, http.build());
  }

  /** A client for {@code config} that sends through {@code http}. */
  public static RunPodClient create(RunPodConfig config, HttpClient http) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(http, "http");
    RunPodApiKey key = config.apiKey().orElseThrow(() -> new IllegalStateException(
        "no RunPod API key: set " + RunPodConfig.API_KEY + " or the environment variable "
            + RunPodConfig.API_KEY_ENV));
    if (Boolean.getBoolean("jdk.httpclient.enableAllMethodRetry")) {
      System.getLogger(RunPodClient.class.getName()).log(System.Logger.Level.WARNING,
          "jdk.httpclient.enableAllMethodRetry is set: the JDK may resend a pod create on its own, "
              + "which no client can reconcile; unset it");
    }
    return new RunPodClient(new Transport(config, http, key));
  }

  /**
   * Creates a pod: one {@code POST /v2/pods}, never retried. Problem texts are scrubbed of the spec's
   * environment values before they reach the exception.
   */
  public Pod createPod(PodSpec spec) {
    Objects.requireNonNull(spec, "spec");
    Transport.Response r = transport.post("/v2/pods", RunPodJson.createPodBody(spec), spec.env().values());
    return parse(r, "POST", "/v2/pods", RunPodJson::pod);
  }

  /** Reads one pod; a pod that does not exist fails with status 404. */
  public Pod getPod(String id) {
    String path = "/v2/pods/" + checkedId(id);
    return parse(transport.get(path), "GET", path, RunPodJson::pod);
  }

  /**
   * Lists every pod of the account, following {@code nextCursor} when RunPod offers one. The API has
   * no server-side filters; filter the result.
   */
  public List<Pod> listPods() {
    return pages("/v2/pods", RunPodJson::podPage);
  }

  /** The pods named exactly {@code name}, oldest first. */
  public List<Pod> findByName(String name) {
    Objects.requireNonNull(name, "name");
    List<Pod> out = new ArrayList<>();
    for (Pod p : listPods()) {
      if (p.name().equals(name)) {
        out.add(p);
      }
    }
    out.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
    return out;
  }

  /** Starts a stopped pod ({@code POST /v2/pods/{id}/action}, sent once). */
  public Pod start(String id) {
    return action(id, "start");
  }

  /** Stops a pod, keeping its disk ({@code POST /v2/pods/{id}/action}, sent once). */
  public Pod stop(String id) {
    return action(id, "stop");
  }

  private Pod action(String id, String action) {
    String path = "/v2/pods/" + checkedId(id) + "/action";
    Transport.Response r = transport.post(path, RunPodJson.actionBody(action), List.of());
    return parse(r, "POST", path, RunPodJson::pod);
  }

  /**
   * Deletes a pod for good ({@code DELETE /v2/pods/{id}}, retried).
   *
   * @return true if this call deleted it, false if it was already gone (404)
   */
  public boolean terminate(String id) {
    String path = "/v2/pods/" + checkedId(id);
    try {
      transport.delete(path);
      return true;
    } catch (RunPodApiException e) {
      if (e.failure() == RunPodApiException.Failure.HTTP && e.status() == 404) {
        return false;
      }
      throw e;
    }
  }

  /**
   * The GPU types deployable as pods, with current availability ({@code GET
   * /v2/catalog/gpus?include=AVAILABILITY&product=POD}).
   *
   * @param count GPUs per pod, for availability
   * @param cloud the cloud to check, or null for both
   */
  public List<GpuType> gpuTypes(int count, Cloud cloud) {
    if (count < 1) {
      throw new IllegalArgumentException("count: must be at least 1, was " + count);
    }
    String path = "/v2/catalog/gpus?include=AVAILABILITY&product=POD&count=" + count
        + (cloud == null ? "" : "&cloud=" + cloud.name());
    return pages(path, RunPodJson::gpuPage);
  }

  private <T> List<T> pages(String path, Function<byte[], RunPodJson.Page<T>> parser) {
    List<T> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String next = path;
    for (int page = 0; page < MAX_PAGES; page++) {
      RunPodJson.Page<T> p = parse(transport.get(next), "GET", next, parser);
      out.addAll(p.items());
      Optional<String> cursor = p.nextCursor();
      if (cursor.isEmpty()) {
        return out;
      }
      if (!seen.add(cursor.get())) {
        throw RunPodApiException.failure(RunPodApiException.Failure.MALFORMED_RESPONSE, "GET", next, null,
            "the server repeated a pagination cursor");
      }
      next = path + (path.contains("?") ? "&" : "?") + "cursor="
          + URLEncoder.encode(cursor.get(), StandardCharsets.UTF_8);
    }
    throw RunPodApiException.failure(RunPodApiException.Failure.MALFORMED_RESPONSE, "GET", path, null,
        "more than " + MAX_PAGES + " pages");
  }

  private static <T> T parse(Transport.Response r, String method, String path, Function<byte[], T> parser) {
    try {
      return parser.apply(r.body());
    } catch (RunPodJson.Malformed e) {
      throw RunPodApiException.failure(RunPodApiException.Failure.MALFORMED_RESPONSE, method, path,
          r.requestId(), "status " + r.status() + " but " + e.getMessage());
    }
  }

  private static String checkedId(String id) {
    Objects.requireNonNull(id, "id");
    if (!POD_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("id: not a RunPod pod id: '" + printable(id) + "'");
    }
    return id;
  }

  private static String printable(String s) {
    String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }

  /** The base URL requests go to. */
  URI baseUrl() {
    return transport.baseUrl();
  }
}
