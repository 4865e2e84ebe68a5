package dev.atlas.examples.pod;

import jakarta.annotation.security.PermitAll;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** The pod's HTTP API. Plain JAX-RS: it runs unchanged on Jersey and on RESTEasy. */
final class PodResources {
  private PodResources() {}

  /** Liveness: open to everyone, so probes need no token. */
  @Path("/health")
  @PermitAll
  public static final class Health {
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String health() {
      return Json.createObjectBuilder().add("status", "ok").build().toString();
    }
  }

  /** The inference API; every method needs the bearer key (or, for GET, a signed URL). */
  @Path("/v1")
  public static final class V1 {
    @GET
    @Path("models")
    @Produces(MediaType.APPLICATION_JSON)
    public String models() {
      return Json.createObjectBuilder()
          .add("models", Json.createArrayBuilder().add(Json.createObjectBuilder().add("id", ToyModel.ID).add("object", "model")))
          .build()
          .toString();
    }

    @POST
    @Path("generate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String generate(InputStream body) throws IOException {
      GenerationRequest request = GenerationRequest.fromJson(body);
      List<String> tokens = ToyModel.generate(request.prompt(), request.maxTokens());
      JsonArrayBuilder array = Json.createArrayBuilder();
      tokens.forEach(array::add);
      return Json.createObjectBuilder()
          .add("model", ToyModel.ID)
          .add("text", String.join(" ", tokens))
          .add("tokens", array)
          .build()
          .toString();
    }

    /** Server-sent events, one {@code token} event per token, then {@code done}. */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(
        @QueryParam("prompt") String prompt,
        @QueryParam("max_tokens") String maxTokens,
        @Context SseEventSink sink,
        @Context Sse sse) throws IOException {
      GenerationRequest request = GenerationRequest.fromQuery(prompt, maxTokens); // a 400 before any event
      try (SseEventSink events = sink) {
        for (String token : ToyModel.generate(request.prompt(), request.maxTokens())) {
          String data = Json.createObjectBuilder().add("token", token).build().toString();
          events.send(sse.newEventBuilder().name("token").data(String.class, data).build()).toCompletableFuture().join();
        }
        events.send(sse.newEventBuilder().name("done").data(String.class, "{}").build()).toCompletableFuture().join();
      }
    }
  }
}
