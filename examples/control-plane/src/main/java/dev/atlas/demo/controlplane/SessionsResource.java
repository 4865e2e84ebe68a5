package dev.atlas.demo.controlplane;

import dev.atlas.spawn.ComputeException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /sessions} opens a session (spawns a pod, answers {@code {"id","url","token"}});
 * {@code POST /sessions/{id}/heartbeat} keeps it; {@code DELETE /sessions/{id}} ends it. The last two
 * need {@code Authorization: Bearer <the session's token>}.
 */
@Path("/sessions")
@RequestScoped
public class SessionsResource {
  private static final String CHALLENGE = "Bearer realm=\"atlas-control-plane\"";

  @Inject Sessions sessions;
  @Inject DemoConfig config;
  @Context HttpHeaders headers;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response open() {
    String origin = headers.getHeaderString("Origin");
    if (origin != null && !config.origins().contains(origin)) {
      return error(Response.Status.FORBIDDEN, "forbidden_origin", "sessions are opened from this page only");
    }
    try {
      return sessions.open()
          .map(s -> Response.status(Response.Status.CREATED)
              .header("Cache-Control", "no-store")
              .entity(Json.createObjectBuilder()
                  .add("id", s.id)
                  .add("url", s.url.toString())
                  .add("token", s.token())
                  .build()
                  .toString())
              .build())
          .orElseGet(() -> Response.fromResponse(
                  error(Response.Status.SERVICE_UNAVAILABLE, "too_many_sessions", "all pods are in use; try later"))
              .header("Retry-After", "30")
              .build());
    } catch (ComputeException e) {
      Response.Status status = e.kind() == ComputeException.Kind.TIMEOUT ? Response.Status.GATEWAY_TIMEOUT
          : e.kind() == ComputeException.Kind.CAPACITY_UNAVAILABLE ? Response.Status.SERVICE_UNAVAILABLE
          : Response.Status.BAD_GATEWAY;
      return error(status, e.kind().name().toLowerCase(Locale.ROOT), e.getMessage());
    }
  }

  @POST
  @Path("{id}/heartbeat")
  public Response heartbeat(@PathParam("id") String id) {
    return answer(sessions.heartbeat(id, bearer()));
  }

  @DELETE
  @Path("{id}")
  public Response end(@PathParam("id") String id) {
    return answer(sessions.end(id, bearer()));
  }

  /** The token of a single well-formed {@code Authorization: Bearer} header, else null. */
  private String bearer() {
    List<String> values = headers.getRequestHeader(HttpHeaders.AUTHORIZATION);
    if (values == null || values.size() != 1 || !values.get(0).startsWith("Bearer ")) {
      return null;
    }
    String token = values.get(0).substring("Bearer ".length());
    return token.isEmpty() ? null : token;
  }

  private static Response answer(Sessions.Access access) {
    switch (access) {
      case GRANTED:
        return Response.noContent().build();
      case NOT_FOUND:
        return error(Response.Status.NOT_FOUND, "not_found", "no such session");
      default:
        return Response.fromResponse(error(Response.Status.UNAUTHORIZED, "unauthorized", "the session's token is required"))
            .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
            .build();
    }
  }

  private static Response error(Response.Status status, String code, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(Json.createObjectBuilder().add("error", code).add("message", message).build().toString())
        .build();
  }
}
