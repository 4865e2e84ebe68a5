package dev.atlas.spawn.runpod;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The fake's account: pods, the GPU catalog with stock, and what it has seen. Thread-safe. */
final class FakeRunPodState {
  /** A GPU type the fake sells, with how many more pods of it can be placed. */
  record Offer(String id, String name, int memoryGb, double securePrice, double communityPrice, boolean community) {}

  private static final Instant EPOCH = Instant.parse("2026-12-01T00:00:00Z");

  private static final class FakePod {
    final String id;
    final String name;
    final JsonObject body;
    final Instant createdAt;
    final long visibleFromList;
    String status = "PROVISIONING";
    int reads;
    Instant startedAt;

    FakePod(String id, String name, JsonObject body, Instant createdAt, long visibleFromList) {
      this.id = id;
      this.name = name;
      this.body = body;
      this.createdAt = createdAt;
      this.visibleFromList = visibleFromList;
    }
  }

  private final Map<String, FakePod> pods = new LinkedHashMap<>();
  private final Map<String, Offer> offers = new LinkedHashMap<>();
  private final Map<String, Integer> stock = new HashMap<>();
  private final Set<String> forbidden = new HashSet<>();
  private final Set<String> templates = new HashSet<>();
  private final Map<String, Integer> createdByName = new HashMap<>();
  private final Map<String, Map<String, String>> envById = new HashMap<>();
  private final List<String> creates = new ArrayList<>();
  private long ids;
  private long clockMillis;
  private long listCalls;
  private int readsToRun = 2;
  private int pageSize = 100;
  private int listLag;
  private boolean insufficientBalance;

  FakeRunPodState() {
    offer(new Offer("NVIDIA GeForce RTX 4090", "RTX 4090", 24, 0.69, 0.34, true), 1_000_000);
    offer(new Offer("NVIDIA H100 80GB HBM3", "H100 SXM", 80, 2.99, 2.69, true), 1_000_000);
    offer(new Offer("NVIDIA H100 PCIe", "H100 PCIe", 80, 2.39, 1.99, true), 1_000_000);
    offer(new Offer("NVIDIA L4", "L4", 24, 0.43, 0.0, false), 1_000_000);
  }

  // ---- settings ----------------------------------------------------------------------------

  synchronized FakeRunPodState offer(Offer offer, int inStock) {
    offers.put(offer.id(), offer);
    stock.put(offer.id(), inStock);
    return this;
  }

  synchronized FakeRunPodState stock(String gpuId, int inStock) {
    stock.put(gpuId, inStock);
    return this;
  }

  /** The account cannot use this GPU's pool: 403. */
  synchronized FakeRunPodState forbid(String gpuId) {
    forbidden.add(gpuId);
    return this;
  }

  synchronized FakeRunPodState template(String id) {
    templates.add(id);
    return this;
  }

  synchronized FakeRunPodState insufficientBalance(boolean on) {
    insufficientBalance = on;
    return this;
  }

  /** How many GETs of a new pod it takes to reach RUNNING (PROVISIONING, STARTING, ...). */
  synchronized FakeRunPodState readsToRun(int reads) {
    readsToRun = reads;
    return this;
  }

  synchronized FakeRunPodState pageSize(int size) {
    pageSize = size;
    return this;
  }

  /** A new pod shows in the list only after this many list calls (RunPod's listing lag). */
  synchronized FakeRunPodState listLag(int calls) {
    listLag = calls;
    return this;
  }

  // ---- observations ------------------------------------------------------------------------

  /** Pods not deleted. */
  synchronized int alive() {
    return pods.size();
  }

  synchronized List<String> aliveNames() {
    return pods.values().stream().map(p -> p.name).toList();
  }

  /** Pods created beyond the first of each name. */
  synchronized int duplicates() {
    return createdByName.values().stream().mapToInt(n -> n - 1).sum();
  }

  synchronized int created() {
    return creates.size();
  }

  synchronized int createdNamed(String name) {
    return createdByName.getOrDefault(name, 0);
  }

  /** The environment the pod was created with (what RunPod would pass to the container). */
  synchronized Map<String, String> env(String id) {
    return envById.getOrDefault(id, Map.of());
  }

  synchronized String status(String id) {
    FakePod p = pods.get(id);
    return p == null ? null : p.status;
  }

  // ---- routes ------------------------------------------------------------------------------

  synchronized FakeReply create(JsonObject body) {
    String gpuId = body.getJsonObject("gpu").getString("id");
    if (insufficientBalance) {
      return FakeReply.problem(402, "Payment Required", "Insufficient balance to deploy this pod.");
    }
    if (body.containsKey("templateId") && !templates.contains(body.getString("templateId"))) {
      return FakeReply.problem(404, "Not Found", "template not found");
    }
    if (forbidden.contains(gpuId)) {
      return FakeReply.problem(403, "Forbidden", "access denied to this GPU pool");
    }
    Offer offer = offers.get(gpuId);
    String cloud = body.containsKey("cloud") ? body.getString("cloud") : "SECURE";
    if (offer == null || stock.getOrDefault(gpuId, 0) <= 0 || (cloud.equals("COMMUNITY") && !offer.community())) {
      return FakeReply.problem(400, "Bad Request", FakeRunPod.CAPACITY_DETAIL);
    }
    stock.merge(gpuId, -1, Integer::sum);
    String id = String.format("fk%08x", ++ids);
    String name = body.getString("name");
    FakePod pod = new FakePod(id, name, body, EPOCH.plusMillis(++clockMillis), listCalls + listLag);
    pods.put(id, pod);
    creates.add(name);
    createdByName.merge(name, 1, Integer::sum);
    Map<String, String> env = new LinkedHashMap<>();
    if (body.get("env") instanceof JsonObject e) {
      e.forEach((k, v) -> env.put(k, ((JsonString) v).getString()));
    }
    envById.put(id, env);
    if (readsToRun == 0) {
      run(pod);
    }
    return FakeReply.json(201, json(pod));
  }

  synchronized FakeReply get(String id) {
    FakePod pod = pods.get(id);
    if (pod == null) {
      return FakeReply.problem(404, "Not Found", "pod not found");
    }
    pod.reads++;
    if (pod.status.equals("PROVISIONING") || pod.status.equals("STARTING")) {
      if (pod.reads >= readsToRun) {
        run(pod);
      } else if (pod.reads >= readsToRun - 1) {
        pod.status = "STARTING";
      }
    }
    return FakeReply.json(200, json(pod));
  }

  synchronized FakeReply list(String query) {
    long call = listCalls++;
    Map<String, String> q = query(query);
    int from = 0;
    if (q.containsKey("cursor")) {
      String c = q.get("cursor");
      if (!c.matches("c[0-9]{1,9}")) {
        return FakeReply.problem(400, "Bad Request", "invalid cursor");
      }
      from = Integer.parseInt(c.substring(1));
    }
    List<FakePod> visible = pods.values().stream().filter(p -> p.visibleFromList <= call).toList();
    JsonArrayBuilder items = Json.createArrayBuilder();
    int to = Math.min(visible.size(), from + pageSize);
    for (int i = from; i < to; i++) {
      items.add(json(visible.get(i)));
    }
    JsonObjectBuilder page = Json.createObjectBuilder().add("pods", items);
    if (to < visible.size()) {
      page.add("nextCursor", "c" + to);
    }
    return FakeReply.json(200, page.build());
  }

  synchronized FakeReply delete(String id) {
    FakePod pod = pods.remove(id);
    if (pod == null) {
      return FakeReply.problem(404, "Not Found", "pod not found");
    }
    stock.merge(pod.body.getJsonObject("gpu").getString("id"), 1, Integer::sum);
    return FakeReply.noContent();
  }

  synchronized FakeReply action(String id, String action) {
    FakePod pod = pods.get(id);
    if (pod == null) {
      return FakeReply.problem(404, "Not Found", "pod not found");
    }
    if (!actions(pod.status).contains(action)) {
      return FakeReply.problem(409, "Conflict", "action '" + action + "' is not valid for a pod in status " + pod.status);
    }
    switch (action) {
      case "terminate" -> {
        return delete(id);
      }
      case "stop" -> pod.status = "EXITED";
      case "start" -> {
        pod.status = "STARTING";
        pod.reads = Math.max(0, readsToRun - 1);
      }
      default -> run(pod); // restart
    }
    return FakeReply.json(200, json(pod));
  }

  synchronized FakeReply catalog(String query) {
    Map<String, String> q = query(query);
    boolean availability = "AVAILABILITY".equals(q.get("include"));
    if (availability != q.containsKey("product")) {
      return FakeReply.problem(400, "Bad Request", "product is required with include=AVAILABILITY, and valid only with it");
    }
    JsonArrayBuilder gpus = Json.createArrayBuilder();
    for (Offer o : offers.values()) {
      JsonObjectBuilder g = Json.createObjectBuilder()
          .add("id", o.id()).add("name", o.name()).add("pool", JsonValue.NULL).add("manufacturer", "NVIDIA")
          .add("memory", o.memoryGb()).add("secure", true).add("community", o.community())
          .add("price", Json.createObjectBuilder().add("secure", o.securePrice()).add("community", o.communityPrice()))
          .add("maxCount", Json.createObjectBuilder().add("secure", 8).add("community", o.community() ? 4 : 0));
      if (availability) {
        int left = stock.getOrDefault(o.id(), 0);
        String level = left <= 0 ? "NONE" : left < 3 ? "LOW" : left < 10 ? "MEDIUM" : "HIGH";
        g.add("availability", level);
        if (left > 0) {
          g.add("dataCenters", Json.createArrayBuilder()
              .add(Json.createObjectBuilder().add("id", "US-KS-2").add("name", "US Kansas 2").add("availability", level)));
        }
      }
      gpus.add(g);
    }
    return FakeReply.json(200, Json.createObjectBuilder().add("gpus", gpus).build());
  }

  // ---- helpers -----------------------------------------------------------------------------

  private void run(FakePod pod) {
    pod.status = "RUNNING";
    pod.startedAt = EPOCH.plusMillis(++clockMillis);
  }

  private static List<String> actions(String status) {
    return switch (status) {
      case "RUNNING" -> List.of("stop", "restart", "terminate");
      case "EXITED", "ERROR" -> List.of("start", "terminate");
      default -> List.of("stop", "terminate");
    };
  }

  /** The pod as RunPod v2 renders it, {@code env} echoed (secrets included), as RunPod does. */
  private JsonObject json(FakePod p) {
    JsonObject b = p.body;
    Offer offer = offers.get(b.getJsonObject("gpu").getString("id"));
    String cloud = b.containsKey("cloud") ? b.getString("cloud") : "SECURE";
    boolean running = p.status.equals("RUNNING");
    JsonArrayBuilder actions = Json.createArrayBuilder();
    actions(p.status).forEach(actions::add);
    JsonObjectBuilder o = Json.createObjectBuilder()
        .add("id", p.id).add("name", p.name).add("status", p.status).add("actions", actions)
        .add("image", b.containsKey("image") ? b.getString("image") : "template/image:latest")
        .add("args", b.containsKey("args") ? b.getString("args") : "")
        .add("disk", b.containsKey("disk") ? b.getInt("disk") : 20)
        .add("mounts", b.containsKey("mounts") ? b.getJsonObject("mounts") : JsonValue.EMPTY_JSON_OBJECT)
        .add("ports", b.containsKey("ports") ? b.getJsonArray("ports") : JsonValue.EMPTY_JSON_ARRAY)
        .add("env", b.containsKey("env") ? b.getJsonObject("env") : JsonValue.EMPTY_JSON_OBJECT)
        .add("registry", b.containsKey("registry") ? b.get("registry") : JsonValue.NULL)
        .add("cloud", cloud)
        .add("dataCenterId", running ? Json.createValue("US-KS-2") : JsonValue.NULL)
        .add("cudaVersion", running ? Json.createValue("12.8") : JsonValue.NULL)
        .add("ssh", Json.createObjectBuilder().add("proxy", JsonValue.NULL).add("direct", JsonValue.NULL))
        .add("template", JsonValue.NULL)
        .add("cost", running && offer != null ? (cloud.equals("COMMUNITY") ? offer.communityPrice() : offer.securePrice()) : 0.0)
        .add("locked", false)
        .add("gpu", Json.createObjectBuilder().add("id", b.getJsonObject("gpu").getString("id"))
            .add("count", b.getJsonObject("gpu").getInt("count", 1)))
        .add("runtime", running ? runtime(b) : JsonValue.NULL)
        .add("createdAt", p.createdAt.toString())
        .add("startedAt", p.startedAt == null ? JsonValue.NULL : Json.createValue(p.startedAt.toString()))
        .add("globalNetworking", Json.createObjectBuilder().add("enabled", false));
    return o.build();
  }

  private static JsonObject runtime(JsonObject body) {
    JsonArrayBuilder ports = Json.createArrayBuilder();
    if (body.get("ports") instanceof jakarta.json.JsonArray declared) {
      int next = 40000;
      for (JsonValue v : declared) {
        String[] parts = ((JsonString) v).getString().split("/");
        boolean tcp = parts[1].equals("tcp");
        ports.add(Json.createObjectBuilder().add("private", Integer.parseInt(parts[0]))
            .add("public", tcp ? Json.createValue(next++) : JsonValue.NULL)
            .add("type", parts[1])
            .add("ip", tcp ? Json.createValue("203.0.113.7") : JsonValue.NULL));
      }
    }
    return Json.createObjectBuilder().add("uptime", 1).add("ports", ports).build();
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return q;
  }
}
