package dev.atlas.spawn.runpod;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** An answer of {@link FakeRunPod}: status, headers, and a body (null for none). */
record FakeReply(int status, Map<String, String> headers, byte[] body) {
  static FakeReply json(int status, JsonObject body) {
    return new FakeReply(status, Map.of("Content-Type", "application/json"), bytes(body));
  }

  static FakeReply noContent() {
    return new FakeReply(204, Map.of(), null);
  }

  /** An RFC 9457 problem, as RunPod v2 answers every error. */
  static FakeReply problem(int status, String title, String detail) {
    return problem(status, title, detail, List.of());
  }

  static FakeReply problem(int status, String title, String detail, List<String> errors) {
    JsonObjectBuilder b = Json.createObjectBuilder().add("title", title).add("status", status).add("detail", detail);
    if (!errors.isEmpty()) {
      JsonArrayBuilder a = Json.createArrayBuilder();
      errors.forEach(a::add);
      b.add("errors", a);
    }
    return new FakeReply(status, Map.of("Content-Type", "application/problem+json"), bytes(b.build()));
  }

  private static byte[] bytes(JsonObject o) {
    return o.toString().getBytes(StandardCharsets.UTF_8);
  }
}
