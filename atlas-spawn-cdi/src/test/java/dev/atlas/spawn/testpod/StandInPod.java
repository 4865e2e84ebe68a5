package dev.atlas.spawn.testpod;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A tiny pod that honours the inference-pod contract closely enough for tests: {@code PORT},
 * {@code ATLAS_PRESHARED_KEY} (required), {@code ATLAS_CORS_ORIGINS}; open {@code GET /health};
 * bearer-protected {@code GET /v1/stream} (server-sent {@code token} events, then {@code done});
 * CORS preflights for the allowed origins; one ready line on stdout; never prints the key.
 *
 * <p>{@code --never-ready} makes {@code /health} answer 503 forever.
 */
public final class StandInPod {
  private final byte[] key;
  private final Set<String> origins;
  private final boolean neverReady;

  private StandInPod(byte[] key, Set<String> origins, boolean neverReady) {
    this.key = key;
    this.origins = origins;
    this.neverReady = neverReady;
  }

  public static void main(String[] args) throws IOException {
    String key = System.getenv("ATLAS_PRESHARED_KEY");
    if (key == null || key.isEmpty()) {
      System.err.println("stand-in pod: ATLAS_PRESHARED_KEY is not set; refusing to start");
      System.exit(2);
    }
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8000"));
    Set<String> origins =
        Arrays.stream(System.getenv().getOrDefault("ATLAS_CORS_ORIGINS", "").split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toSet());
    boolean neverReady = Arrays.asList(args).contains("--never-ready");
    StandInPod pod = new StandInPod(key.getBytes(StandardCharsets.UTF_8), origins, neverReady);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", pod::handle);
    server.start();
    System.out.println("inference-pod ready on port " + port + " (stand-in)");
    System.out.flush();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String origin = exchange.getRequestHeaders().getFirst("Origin");
      boolean corsAllowed = origin != null && origins.contains(origin);
      if (corsAllowed) {
        exchange.getResponseHeaders().add("Access-Control-Allow-Origin", origin);
        exchange.getResponseHeaders().add("Access-Control-Expose-Headers", "WWW-Authenticate");
      }
      exchange.getResponseHeaders().add("Vary", "Origin");
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      if (method.equals("OPTIONS") && exchange.getRequestHeaders().containsKey("Access-Control-Request-Method")) {
        if (corsAllowed) {
          exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "GET, POST");
          exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "Authorization, Content-Type");
          exchange.getResponseHeaders().add("Access-Control-Max-Age", "600");
        }
        exchange.sendResponseHeaders(204, -1);
        return;
      }
      if (path.equals("/health") && method.equals("GET")) {
        if (neverReady) {
          sendJson(exchange, 503, Json.createObjectBuilder().add("status", "starting").build().toString());
        } else {
          sendJson(exchange, 200, Json.createObjectBuilder().add("status", "ok").build().toString());
        }
        return;
      }
      if (!authorized(exchange.getRequestHeaders().get("Authorization"))) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
        sendJson(exchange, 401, Json.createObjectBuilder().add("error", "unauthorized").build().toString());
        return;
      }
      if (path.equals("/v1/stream") && method.equals("GET")) {
        stream(exchange);
        return;
      }
      sendJson(exchange, 404, Json.createObjectBuilder().add("error", "not found").build().toString());
    }
  }

  private boolean authorized(List<String> values) {
    if (values == null || values.size() != 1 || !values.get(0).startsWith("Bearer ")) {
      return false;
    }
    byte[] presented = values.get(0).substring(7).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(presented, key);
  }

  private void stream(HttpExchange exchange) throws IOException {
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    int max = Integer.parseInt(query.getOrDefault("max_tokens", "16"));
    List<String> tokens = new ArrayList<>();
    tokens.add("Echo:");
    tokens.addAll(Arrays.asList(query.getOrDefault("prompt", "").strip().split("\\s+")));
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().add("Cache-Control", "no-store");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    for (String token : tokens.subList(0, Math.min(max, tokens.size()))) {
      String data = Json.createObjectBuilder().add("token", token).build().toString();
      out.write(("event: token\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
    out.write("event: done\ndata: {}\n\n".getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return out;
  }

  private static void sendJson(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
