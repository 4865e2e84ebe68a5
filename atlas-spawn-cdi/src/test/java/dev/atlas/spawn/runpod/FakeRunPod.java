package dev.atlas.spawn.runpod;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful fake of RunPod's REST API v2 on a real HTTP server (loopback, port 0): pods live through
 * their statuses, create bodies are checked against the schema subset the client uses, every
 * response is problem JSON or v2 JSON with an {@code x-request-id}, and faults are injected on
 * demand, scripted per route or at random (chaos).
 */
final class FakeRunPod implements AutoCloseable {
  /** The calls the fake serves. */
  enum Route { CREATE, GET, LIST, ACTION, DELETE, CATALOG }

  /** What can go wrong with one call. "AFTER" faults happen after the fake acted on the call. */
  enum Fault {
    /** 500, nothing done. */
    SERVER_ERROR,
    /** Acts (creates, deletes...), then answers 500: RunPod's create-then-500 bug. */
    SERVER_ERROR_AFTER,
    /** 503 with {@code Retry-After}, nothing done. */
    UNAVAILABLE,
    /** Closes the connection without an answer, nothing done. */
    DROP,
    /** Acts, then closes the connection without an answer. */
    DROP_AFTER,
    /** 429 with {@code Retry-After}, nothing done. */
    RATE_LIMITED,
    /** 400 "no longer any instances available" (create only). */
    CAPACITY,
    /** 402 insufficient balance (create only). */
    PAYMENT,
    /** Acts, then answers only after {@link #slowDelay}: the client times out first. */
    SLOW_AFTER,
    /**
     * Waits {@link #slowDelay}, then acts: the call lands after the client gave up and after it
     * checked the pod list. No client can see such a create coming; only a later sweep can.
     */
    SLOW_BEFORE
  }

  /** One request as it arrived. */
  record Request(String method, String target, Map<String, List<String>> headers, String body) {}

  static final String CAPACITY_DETAIL =
      "There are no longer any instances available with the requested specifications. Please refresh and try again.";
  private static final Pattern POD_PATH = Pattern.compile("/v2/pods/([^/]+)");
  private static final Pattern ACTION_PATH = Pattern.compile("/v2/pods/([^/]+)/action");

  static {
    // The JDK server writes headers and body as two segments; without TCP_NODELAY, Nagle plus the
    // client's delayed ACK add ~40 ms to every answer. Read once, when the first server starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final String apiKey;
  private final FakeRunPodState state;

  // guarded by this
  private final Map<Route, Deque<Fault>> scripted = new EnumMap<>(Route.class);
  private Map<Route, List<Fault>> chaos = Map.of();
  private double chaosRate;
  private Random chaosRandom = new Random(0);
  private final Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
  private final List<Request> requests = new ArrayList<>();
  private boolean recording = true;
  private long requestIds;
  private Duration slowDelay = Duration.ofMillis(300);
  private int retryAfterSeconds = 2;

  private FakeRunPod(String apiKey) throws IOException {
    this.apiKey = apiKey;
    this.state = new FakeRunPodState();
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-runpod");
      t.setDaemon(true);
      return t;
    });
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a fake that accepts {@code apiKey} as its only bearer token. */
  static FakeRunPod start(String apiKey) {
    try {
      return new FakeRunPod(apiKey);
    } catch (IOException e) {
      throw new IllegalStateException("cannot bind the fake RunPod server", e);
    }
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  FakeRunPodState state() {
    return state;
  }

  /** Queues faults for the next calls of {@code route}, in order. */
  synchronized FakeRunPod inject(Route route, Fault... faults) {
    scripted.computeIfAbsent(route, r -> new ArrayDeque<>()).addAll(List.of(faults));
    return this;
  }

  /** Faults each call with probability {@code rate}, choosing uniformly among the route's faults. */
  synchronized FakeRunPod chaos(double rate, long seed, Map<Route, List<Fault>> faults) {
    this.chaosRate = rate;
    this.chaosRandom = new Random(seed);
    this.chaos = Map.copyOf(faults);
    return this;
  }

  private synchronized Duration slowDelay() {
    return slowDelay;
  }

  synchronized FakeRunPod slowDelay(Duration delay) {
    this.slowDelay = delay;
    return this;
  }

  synchronized FakeRunPod retryAfterSeconds(int seconds) {
    this.retryAfterSeconds = seconds;
    return this;
  }

  /** Whether to keep every request (off for chaos runs). */
  synchronized FakeRunPod recording(boolean on) {
    this.recording = on;
    return this;
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  synchronized Map<Fault, Integer> injected() {
    return new EnumMap<>(injected);
  }

  synchronized int faultsInjected() {
    return injected.values().stream().mapToInt(Integer::intValue).sum();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---- dispatch --------------------------------------------------------------------------------

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] raw = ex.getRequestBody().readAllBytes();
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getRawPath();
      String requestId;
      synchronized (this) {
        requestId = "req_" + (++requestIds);
        if (recording) {
          requests.add(new Request(method, ex.getRequestURI().toString(), Map.copyOf(ex.getRequestHeaders()),
              new String(raw, StandardCharsets.UTF_8)));
        }
      }
      ex.getResponseHeaders().set("x-request-id", requestId);
      if (path.startsWith("/v1/") || path.equals("/v1")) {
        send(ex, FakeReply.problem(410, "Gone", "REST v1 was retired; use https://api.runpod.io/v2"));
        return;
      }
      if (!("Bearer " + apiKey).equals(ex.getRequestHeaders().getFirst("Authorization"))
          || ex.getRequestHeaders().get("Authorization").size() != 1) {
        send(ex, FakeReply.problem(401, "Unauthorized", "missing or invalid bearer token"));
        return;
      }
      Route route = route(method, path);
      if (route == null) {
        FakeReply r = knownPath(path) ? FakeReply.problem(405, "Method Not Allowed", "The requested method is not allowed for this path.")
            : FakeReply.problem(404, "Not Found", "no such path: " + path);
        send(ex, r);
        return;
      }
      Fault fault = nextFault(route);
      if (fault != null && before(ex, fault)) {
        return;
      }
      if (fault == Fault.SLOW_BEFORE) {
        pause(slowDelay());
      }
      FakeReply reply = act(route, method, path, ex.getRequestURI().getRawQuery(), raw);
      if (fault != null) {
        switch (fault) {
          case SERVER_ERROR_AFTER -> reply = FakeReply.problem(500, "Internal Server Error", "upstream failure");
          case DROP_AFTER -> {
            return; // try-with-resources closes the exchange without an answer: the connection drops
          }
          case SLOW_AFTER -> pause(slowDelay());
          default -> { }
        }
      }
      send(ex, reply);
    } catch (IOException e) {
      // the client went away (it timed out first): nothing to answer
    }
  }

  /** Handles a fault that strikes before the call is acted on; true when the exchange is done. */
  private boolean before(HttpExchange ex, Fault fault) throws IOException {
    switch (fault) {
      case SERVER_ERROR -> send(ex, FakeReply.problem(500, "Internal Server Error", "upstream failure"));
      case UNAVAILABLE -> send(ex, withRetryAfter(FakeReply.problem(503, "Service Unavailable", "try again")));
      case DROP -> { }
      case RATE_LIMITED -> send(ex, withRetryAfter(FakeReply.problem(429, "Too Many Requests", "rate limit exceeded for the minute window")));
      case CAPACITY -> send(ex, FakeReply.problem(400, "Bad Request", CAPACITY_DETAIL));
      case PAYMENT -> send(ex, FakeReply.problem(402, "Payment Required", "Insufficient balance to deploy this pod."));
      default -> {
        return false;
      }
    }
    return true;
  }

  private FakeReply act(Route route, String method, String path, String query, byte[] raw) {
    return switch (route) {
      case CREATE -> create(raw);
      case LIST -> state.list(query);
      case CATALOG -> state.catalog(query);
      case GET -> state.get(idOf(POD_PATH, path));
      case DELETE -> state.delete(idOf(POD_PATH, path));
      case ACTION -> action(idOf(ACTION_PATH, path), raw);
    };
  }

  private FakeReply create(byte[] raw) {
    JsonObject body = parse(raw);
    if (body == null) {
      return FakeReply.problem(400, "Bad Request", "request body is not a JSON object");
    }
    FakeRunPodSchema.Violation v = FakeRunPodSchema.createPod(body);
    if (v != null) {
      return FakeReply.problem(v.status(), v.status() == 422 ? "Unprocessable Entity" : "Bad Request", v.detail(), v.errors());
    }
    return state.create(body);
  }

  private FakeReply action(String id, byte[] raw) {
    JsonObject body = parse(raw);
    if (body == null) {
      return FakeReply.problem(400, "Bad Request", "request body is not a JSON object");
    }
    FakeRunPodSchema.Violation v = FakeRunPodSchema.action(body);
    if (v != null) {
      return FakeReply.problem(v.status(), "Unprocessable Entity", v.detail(), v.errors());
    }
    return state.action(id, body.getString("action"));
  }

  private synchronized Fault nextFault(Route route) {
    Deque<Fault> queue = scripted.get(route);
    Fault f = queue == null ? null : queue.poll();
    if (f == null && chaosRate > 0 && chaos.containsKey(route) && chaosRandom.nextDouble() < chaosRate) {
      List<Fault> options = chaos.get(route);
      f = options.get(chaosRandom.nextInt(options.size()));
    }
    if (f != null) {
      injected.merge(f, 1, Integer::sum);
    }
    return f;
  }

  private static Route route(String method, String path) {
    if (path.equals("/v2/pods")) {
      return method.equals("POST") ? Route.CREATE : method.equals("GET") ? Route.LIST : null;
    }
    if (path.equals("/v2/catalog/gpus")) {
      return method.equals("GET") ? Route.CATALOG : null;
    }
    if (ACTION_PATH.matcher(path).matches()) {
      return method.equals("POST") ? Route.ACTION : null;
    }
    if (POD_PATH.matcher(path).matches()) {
      return method.equals("GET") ? Route.GET : method.equals("DELETE") ? Route.DELETE : null;
    }
    return null;
  }

  private static boolean knownPath(String path) {
    return path.equals("/v2/pods") || path.equals("/v2/catalog/gpus") || POD_PATH.matcher(path).matches()
        || ACTION_PATH.matcher(path).matches();
  }

  private static String idOf(Pattern p, String path) {
    Matcher m = p.matcher(path);
    if (!m.matches()) {
      throw new IllegalStateException(path);
    }
    return m.group(1);
  }

  private FakeReply withRetryAfter(FakeReply r) {
    Map<String, String> h = new HashMap<>(r.headers());
    synchronized (this) {
      h.put("Retry-After", Integer.toString(retryAfterSeconds));
    }
    return new FakeReply(r.status(), h, r.body());
  }

  private static void send(HttpExchange ex, FakeReply r) throws IOException {
    r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    if (r.body() == null) {
      ex.sendResponseHeaders(r.status(), -1);
      return;
    }
    ex.sendResponseHeaders(r.status(), r.body().length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(r.body());
    }
  }

  private static JsonObject parse(byte[] raw) {
    try (var reader = Json.createReader(new ByteArrayInputStream(raw))) {
      JsonValue v = reader.readValue();
      return v instanceof JsonObject o ? o : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis()); // the fault itself: a server that answers late
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
