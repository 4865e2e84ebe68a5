package dev.atlas.spawn.runpod;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The part of RunPod v2's {@code CreatePodRequest} and {@code PodActionRequest} schemas the client
 * uses, checked as RunPod does: schema violations are 422 with one {@code errors[]} line each
 * (unknown fields included: {@code unevaluatedProperties: false}); cross-field rules the handler
 * enforces are 400.
 */
final class FakeRunPodSchema {
  static final Set<String> CREATE_FIELDS = Set.of(
      "name", "image", "gpu", "cpu", "cloud", "dataCenterIds", "env", "ports", "args", "disk", "mounts",
      "registry", "templateId", "globalNetworking", "startSsh", "startJupyter");
  private static final Set<String> GPU_FIELDS = Set.of("id", "count", "allowedCudaVersions", "minCudaVersion");
  private static final Pattern CUDA = Pattern.compile("\\d+\\.\\d+");

  /** What a body broke: {@code status} 422 with errors, or 400 with a detail. */
  record Violation(int status, String detail, List<String> errors) {}

  private FakeRunPodSchema() {}

  /** The first violation of a create body, or null when RunPod would accept it. */
  static Violation createPod(JsonObject body) {
    List<String> errors = new ArrayList<>();
    for (String key : body.keySet()) {
      if (!CREATE_FIELDS.contains(key)) {
        errors.add("$: additional properties '" + key + "' not allowed");
      }
    }
    if (!(body.get("name") instanceof JsonString n) || n.getString().isEmpty()) {
      errors.add(body.containsKey("name") ? "$.name: must be a string of at least 1 character"
          : "$: missing properties: 'name'");
    }
    if (!body.containsKey("templateId") && !body.containsKey("image")) {
      errors.add("$: missing properties: 'image'");
    }
    string(body, "image", errors);
    string(body, "args", errors);
    if (body.containsKey("templateId") && !(body.get("templateId") instanceof JsonString t && !t.getString().isEmpty())) {
      errors.add("$.templateId: must be a string of at least 1 character");
    }
    if (body.containsKey("registry") && !(body.get("registry") instanceof JsonString)
        && body.get("registry").getValueType() != JsonValue.ValueType.NULL) {
      errors.add("$.registry: must be a string or null");
    }
    if (body.containsKey("cloud") && !(body.get("cloud") instanceof JsonString c
        && (c.getString().equals("SECURE") || c.getString().equals("COMMUNITY")))) {
      errors.add("$.cloud: must be one of SECURE, COMMUNITY");
    }
    integer(body, "disk", 1, errors);
    stringArray(body, "dataCenterIds", errors);
    stringArray(body, "ports", errors);
    for (String flag : List.of("globalNetworking", "startSsh", "startJupyter")) {
      JsonValue v = body.get(flag);
      if (v != null && v != JsonValue.TRUE && v != JsonValue.FALSE) {
        errors.add("$." + flag + ": must be a boolean");
      }
    }
    if (body.containsKey("env")) {
      if (!(body.get("env") instanceof JsonObject env)) {
        errors.add("$.env: must be an object");
      } else {
        env.forEach((k, v) -> {
          if (!(v instanceof JsonString)) {
            errors.add("$.env." + k + ": must be a string");
          }
        });
      }
    }
    gpu(body, errors);
    mounts(body, errors);
    if (!errors.isEmpty()) {
      return new Violation(422, "Request validation failed.", errors);
    }
    return handlerRules(body);
  }

  /** The first violation of an action body, or null. */
  static Violation action(JsonObject body) {
    List<String> errors = new ArrayList<>();
    for (String key : body.keySet()) {
      if (!key.equals("action")) {
        errors.add("$: additional properties '" + key + "' not allowed");
      }
    }
    if (!(body.get("action") instanceof JsonString a)) {
      errors.add("$: missing properties: 'action'");
    } else if (!Set.of("start", "stop", "restart", "terminate").contains(a.getString())) {
      errors.add("$.action: must be one of start, stop, restart, terminate");
    }
    return errors.isEmpty() ? null : new Violation(422, "Request validation failed.", errors);
  }

  private static Violation handlerRules(JsonObject body) {
    if (body.containsKey("gpu") == body.containsKey("cpu")) {
      return new Violation(400, "exactly one of gpu or cpu must be set", List.of());
    }
    if (body.get("mounts") instanceof JsonObject m && m.containsKey("persistent") && m.containsKey("network")) {
      return new Violation(400, "mounts: persistent and network are mutually exclusive", List.of());
    }
    if (body.get("gpu") instanceof JsonObject g && g.get("allowedCudaVersions") instanceof JsonArray a
        && !a.isEmpty() && g.containsKey("minCudaVersion")) {
      return new Violation(400, "gpu: allowedCudaVersions and minCudaVersion are mutually exclusive", List.of());
    }
    return null;
  }

  private static void gpu(JsonObject body, List<String> errors) {
    if (!body.containsKey("gpu")) {
      return;
    }
    if (!(body.get("gpu") instanceof JsonObject gpu)) {
      errors.add("$.gpu: must be an object");
      return;
    }
    for (String key : gpu.keySet()) {
      if (!GPU_FIELDS.contains(key)) {
        errors.add("$.gpu: additional properties '" + key + "' not allowed");
      }
    }
    if (!(gpu.get("id") instanceof JsonString)) {
      errors.add("$.gpu: missing properties: 'id'");
    }
    integer(gpu, "count", 1, errors);
    if (gpu.containsKey("minCudaVersion")
        && !(gpu.get("minCudaVersion") instanceof JsonString s && CUDA.matcher(s.getString()).matches())) {
      errors.add("$.gpu.minCudaVersion: must match ^\\d+\\.\\d+$");
    }
    stringArray(gpu, "allowedCudaVersions", errors);
  }

  private static void mounts(JsonObject body, List<String> errors) {
    if (!body.containsKey("mounts")) {
      return;
    }
    if (!(body.get("mounts") instanceof JsonObject mounts)) {
      errors.add("$.mounts: must be an object");
      return;
    }
    for (String key : mounts.keySet()) {
      if (!key.equals("persistent") && !key.equals("network")) {
        errors.add("$.mounts: additional properties '" + key + "' not allowed");
      }
    }
    if (mounts.containsKey("persistent")) {
      if (mounts.get("persistent") instanceof JsonObject p) {
        exactly(p, Set.of("size", "path"), "$.mounts.persistent", errors);
        integer(p, "size", 10, errors);
      } else {
        errors.add("$.mounts.persistent: must be an object");
      }
    }
    if (mounts.containsKey("network")) {
      if (!(mounts.get("network") instanceof JsonArray a) || a.size() > 1) {
        errors.add("$.mounts.network: must be an array of at most 1 item");
      } else if (!a.isEmpty()) {
        if (a.get(0) instanceof JsonObject n) {
          exactly(n, Set.of("volumeId", "path"), "$.mounts.network[0]", errors);
        } else {
          errors.add("$.mounts.network[0]: must be an object");
        }
      }
    }
  }

  private static void exactly(JsonObject o, Set<String> fields, String at, List<String> errors) {
    for (String key : o.keySet()) {
      if (!fields.contains(key)) {
        errors.add(at + ": additional properties '" + key + "' not allowed");
      }
    }
    for (String f : fields) {
      if (!o.containsKey(f)) {
        errors.add(at + ": missing properties: '" + f + "'");
      }
    }
  }

  private static void string(JsonObject o, String field, List<String> errors) {
    if (o.containsKey(field) && !(o.get(field) instanceof JsonString)) {
      errors.add("$." + field + ": must be a string");
    }
  }

  private static void integer(JsonObject o, String field, int min, List<String> errors) {
    if (!o.containsKey(field)) {
      return;
    }
    if (!(o.get(field) instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < min) {
      errors.add("$." + field + ": must be an integer >= " + min);
    }
  }

  private static void stringArray(JsonObject o, String field, List<String> errors) {
    if (!o.containsKey(field)) {
      return;
    }
    if (!(o.get(field) instanceof JsonArray a) || !a.stream().allMatch(v -> v instanceof JsonString)) {
      errors.add("$." + field + ": must be an array of strings");
    }
  }
}
