package dev.atlas.examples.pod;

import jakarta.json.Json;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** RFC 9457 problem responses for bad input. */
final class Problems {
  static final String MEDIA_TYPE = "application/problem+json";

  private Problems() {}

  /** A 400 with a JSON problem body; {@code detail} is fixed text or names a field, never echoes input. */
  static WebApplicationException badRequest(String detail) {
    String body = Json.createObjectBuilder()
        .add("type", "about:blank")
        .add("title", "Bad Request")
        .add("status", 400)
        .add("detail", detail)
        .build()
        .toString();
    return new WebApplicationException(Response.status(400).type(MEDIA_TYPE).entity(body).build());
  }
}
