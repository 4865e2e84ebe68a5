package dev.atlas.spawn.runpod;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the v2 schemas this client uses to and from JSON through Jakarta JSON-P. Parsing tolerates
 * fields it does not know and never reads a pod's {@code env}. A body that breaks the schema fails
 * with {@link Malformed}, whose message names the field but never repeats a value.
 */
final class RunPodJson {
  private static final JsonProvider JSON = JsonProvider.provider();

  /** A response body that is not what the schema promises. */
  static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /** One page of a list: the items and the cursor of the next page, if RunPod offered one. */
  record Page<T>(List<T> items, Optional<String> nextCursor) {}

  private RunPodJson() {}

  // ---- writing ----------------------------------------------------------------------------

  static byte[] createPodBody(PodSpec spec) {
    JsonObjectBuilder body = JSON.createObjectBuilder().add("name", spec.name());
    spec.image().ifPresent(v -> body.add("image", v));
    spec.templateId().ifPresent(v -> body.add("templateId", v));
    body.add("gpu", JSON.createObjectBuilder().add("id", spec.gpuId()).add("count", spec.gpuCount()));
    spec.cloud().ifPresent(v -> body.add("cloud", v.name()));
    if (!spec.dataCenterIds().isEmpty()) {
      body.add("dataCenterIds", strings(spec.dataCenterIds()));
    }
    if (!spec.env().isEmpty()) {
      JsonObjectBuilder env = JSON.createObjectBuilder();
      for (Map.Entry<String, String> e : spec.env().entrySet()) {
        env.add(e.getKey(), e.getValue());
      }
      body.add("env", env);
    }
    if (!spec.ports().isEmpty()) {
      body.add("ports", strings(spec.ports()));
    }
    spec.args().ifPresent(v -> body.add("args", v));
    spec.diskGb().ifPresent(v -> body.add("disk", v));
    spec.mount().ifPresent(m -> body.add("mounts", mounts(m)));
    spec.registry().ifPresent(v -> body.add("registry", v));
    return write(body.build());
  }

  static byte[] actionBody(String action) {
    return write(JSON.createObjectBuilder().add("action", action).build());
  }

  private static JsonObjectBuilder mounts(PodSpec.Mount mount) {
    JsonObjectBuilder m = JSON.createObjectBuilder();
    if (mount instanceof PodSpec.PersistentMount p) {
      m.add("persistent", JSON.createObjectBuilder().add("size", p.sizeGb()).add("path", p.path()));
    } else if (mount instanceof PodSpec.NetworkMount n) {
      m.add("network", JSON.createArrayBuilder()
          .add(JSON.createObjectBuilder().add("volumeId", n.volumeId()).add("path", n.path())));
    }
    return m;
  }

  private static JsonArrayBuilder strings(List<String> values) {
    JsonArrayBuilder a = JSON.createArrayBuilder();
    values.forEach(a::add);
    return a;
  }

  private static byte[] write(JsonObject object) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonWriter w = JSON.createWriter(out)) {
      w.writeObject(object);
    }
    return out.toByteArray();
  }

  // ---- reading ----------------------------------------------------------------------------

  static JsonObject object(byte[] body) {
    try (JsonReader r = JSON.createReader(new ByteArrayInputStream(body))) {
      JsonValue v = r.readValue();
      if (v.getValueType() != JsonValue.ValueType.OBJECT) {
        throw new Malformed("the body is not a JSON object");
      }
      return v.asJsonObject();
    } catch (JsonException | IllegalStateException e) {
      // The parser's message may quote the body, which may hold env values: keep none of it.
      throw new Malformed("the body is not valid JSON");
    }
  }

  static Pod pod(byte[] body) {
    return pod(object(body), "");
  }

  static Page<Pod> podPage(byte[] body) {
    JsonObject root = object(body);
    JsonArray pods = array(root, "pods", true);
    List<Pod> out = new ArrayList<>(pods.size());
    for (int i = 0; i < pods.size(); i++) {
      out.add(pod(element(pods, i, "pods"), "pods[" + i + "]."));
    }
    return new Page<>(out, cursor(root));
  }

  static Page<GpuType> gpuPage(byte[] body) {
    JsonObject root = object(body);
    JsonArray gpus = array(root, "gpus", true);
    List<GpuType> out = new ArrayList<>(gpus.size());
    for (int i = 0; i < gpus.size(); i++) {
      out.add(gpuType(element(gpus, i, "gpus"), "gpus[" + i + "]."));
    }
    return new Page<>(out, cursor(root));
  }

  /** A problem body, or empty when the body is not problem JSON. */
  static Optional<Problem> problem(byte[] body) {
    if (body.length == 0) {
      return Optional.empty();
    }
    try {
      JsonObject o = object(body);
      List<String> errors = new ArrayList<>();
      JsonValue e = o.get("errors");
      if (e instanceof JsonArray a) {
        for (JsonValue v : a) {
          errors.add(v instanceof JsonString s ? s.getString() : v.toString());
        }
      }
      int status = o.get("status") instanceof JsonNumber n ? n.intValue() : 0;
      return Optional.of(new Problem(optString(o, "title"), status, optString(o, "detail"), errors));
    } catch (Malformed m) {
      return Optional.empty();
    }
  }

  private static Pod pod(JsonObject o, String at) {
    // "env" is deliberately never read: RunPod echoes the pod's environment, secrets included.
    JsonObject gpu = o.get("gpu") instanceof JsonObject g ? g : null;
    return new Pod(
        string(o, "id", at),
        string(o, "name", at),
        PodStatus.parse(string(o, "status", at)),
        stringList(o, "actions", at),
        optString(o, "image"),
        gpu == null ? Optional.empty() : Optional.of(string(gpu, "id", at + "gpu.")),
        gpu == null ? 0 : gpu.get("count") instanceof JsonNumber n ? n.intValue() : 1,
        optString(o, "cloud"),
        Optional.ofNullable(nullableString(o, "dataCenterId", at)),
        o.get("cost") instanceof JsonNumber n ? n.doubleValue() : 0.0,
        stringList(o, "ports", at),
        runtimePorts(o, at),
        instant(string(o, "createdAt", at), at + "createdAt"),
        Optional.ofNullable(nullableString(o, "startedAt", at)).map(s -> instant(s, at + "startedAt")));
  }

  private static List<RuntimePort> runtimePorts(JsonObject pod, String at) {
    JsonValue runtime = pod.get("runtime");
    if (!(runtime instanceof JsonObject r) || !(r.get("ports") instanceof JsonArray ports)) {
      return List.of();
    }
    List<RuntimePort> out = new ArrayList<>(ports.size());
    for (int i = 0; i < ports.size(); i++) {
      String where = at + "runtime.ports[" + i + "].";
      JsonObject p = element(ports, i, at + "runtime.ports");
      if (!(p.get("private") instanceof JsonNumber priv)) {
        throw new Malformed("field '" + where + "private' is missing or not a number");
      }
      Optional<Integer> pub = p.get("public") instanceof JsonNumber n ? Optional.of(n.intValue()) : Optional.empty();
      out.add(new RuntimePort(priv.intValue(), pub, optString(p, "type"),
          Optional.ofNullable(nullableString(p, "ip", where))));
    }
    return out;
  }

  private static GpuType gpuType(JsonObject o, String at) {
    JsonObject price = o.get("price") instanceof JsonObject p ? p : JsonValue.EMPTY_JSON_OBJECT;
    List<String> dcs = new ArrayList<>();
    if (o.get("dataCenters") instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        JsonObject dc = element(a, i, at + "dataCenters");
        if (Availability.parse(optString(dc, "availability")) != Availability.NONE) {
          dcs.add(string(dc, "id", at + "dataCenters[" + i + "]."));
        }
      }
    }
    return new GpuType(
        string(o, "id", at),
        optString(o, "name"),
        o.get("memory") instanceof JsonNumber n ? n.intValue() : 0,
        o.getBoolean("secure", false),
        o.getBoolean("community", false),
        price.get("secure") instanceof JsonNumber n ? n.doubleValue() : 0.0,
        price.get("community") instanceof JsonNumber n ? n.doubleValue() : 0.0,
        Availability.parse(o.get("availability") instanceof JsonString s ? s.getString() : null),
        dcs);
  }

  private static Optional<String> cursor(JsonObject root) {
    return root.get("nextCursor") instanceof JsonString s && !s.getString().isEmpty()
        ? Optional.of(s.getString())
        : Optional.empty();
  }

  private static JsonArray array(JsonObject o, String field, boolean required) {
    JsonValue v = o.get(field);
    if (v instanceof JsonArray a) {
      return a;
    }
    if (v == null && !required) {
      return JsonValue.EMPTY_JSON_ARRAY;
    }
    throw new Malformed("field '" + field + "' is missing or not an array");
  }

  private static JsonObject element(JsonArray a, int i, String field) {
    if (a.get(i) instanceof JsonObject o) {
      return o;
    }
    throw new Malformed("field '" + field + "[" + i + "]' is not an object");
  }

  private static String string(JsonObject o, String field, String at) {
    if (o.get(field) instanceof JsonString s) {
      return s.getString();
    }
    throw new Malformed("field '" + at + field + "' is missing or not a string");
  }

  private static String nullableString(JsonObject o, String field, String at) {
    JsonValue v = o.get(field);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (v instanceof JsonString s) {
      return s.getString();
    }
    throw new Malformed("field '" + at + field + "' is not a string");
  }

  private static String optString(JsonObject o, String field) {
    return o.get(field) instanceof JsonString s ? s.getString() : "";
  }

  private static List<String> stringList(JsonObject o, String field, String at) {
    JsonValue v = o.get(field);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return List.of();
    }
    if (!(v instanceof JsonArray a)) {
      throw new Malformed("field '" + at + field + "' is not an array");
    }
    List<String> out = new ArrayList<>(a.size());
    for (JsonValue e : a) {
      if (!(e instanceof JsonString s)) {
        throw new Malformed("field '" + at + field + "' holds a value that is not a string");
      }
      out.add(s.getString());
    }
    return out;
  }

  private static Instant instant(String text, String field) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new Malformed("field '" + field + "' is not an RFC 3339 date-time");
    }
  }
}
