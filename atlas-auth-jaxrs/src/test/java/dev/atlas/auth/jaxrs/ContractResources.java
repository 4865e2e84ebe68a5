package dev.atlas.auth.jaxrs;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.util.concurrent.atomic.AtomicInteger;

/** The resources of the contract suite's applications, in plain JAX-RS. */
final class ContractResources {
  private ContractResources() {}

  /** Counts every entity the application reads: a refused request's body must never be read. */
  public static final class EntityReads implements ReaderInterceptor {
    final AtomicInteger count = new AtomicInteger();

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws java.io.IOException {
      count.incrementAndGet();
      return context.proceed();
    }
  }

  /** Protected endpoints; one instance per application so the side-effect counter is its own. */
  @Path("/api")
  public static final class Protected {
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger fileReads = new AtomicInteger();
    final EntityReads reads = new EntityReads();

    /** A catch-all template: the router hands it dot segments as they arrived. */
    @GET
    @Path("files/{path: .*}")
    @Produces(MediaType.TEXT_PLAIN)
    public String file(@PathParam("path") String path) {
      fileReads.incrementAndGet();
      return "file " + path;
    }

    @GET
    @Path("whoami")
    @Produces(MediaType.TEXT_PLAIN)
    public String whoami(@Context SecurityContext security) {
      return security.getUserPrincipal().getName() + " " + security.getAuthenticationScheme() + " secure="
          + security.isSecure() + " inRole=" + security.isUserInRole("admin");
    }

    /** A write with a side effect: it must never run for a refused request. */
    @POST
    @Path("count")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public String count(byte[] body) {
      return "count=" + writes.incrementAndGet() + " bytes=" + body.length;
    }

    @GET
    @Path("events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@Context SseEventSink sink, @Context Sse sse) throws java.io.IOException {
      try (SseEventSink s = sink) {
        for (int i = 1; i <= 3; i++) {
          s.send(sse.newEventBuilder().name("tick").data(String.class, "tick " + i).build()).toCompletableFuture().join();
        }
      }
    }
  }

  /** An open health endpoint. */
  @Path("/health")
  @PermitAll
  public static final class Health {
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String health() {
      return "ok";
    }
  }

  /** Open and protected methods side by side. */
  @Path("/mixed")
  public static final class Mixed {
    @GET
    @Path("open")
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN)
    public String open() {
      return "open";
    }

    @GET
    @Path("closed")
    @Produces(MediaType.TEXT_PLAIN)
    public String closed() {
      return "closed";
    }
  }

  /** An open class whose methods narrow it again: method annotations win. */
  @Path("/public")
  @PermitAll
  public static final class Public {
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String index() {
      return "public";
    }

    @GET
    @Path("admin")
    @RolesAllowed("admin")
    @Produces(MediaType.TEXT_PLAIN)
    public String admin() {
      return "admin";
    }

    @GET
    @Path("never")
    @DenyAll
    @Produces(MediaType.TEXT_PLAIN)
    public String never() {
      return "never";
    }
  }

  /** Paths excluded by configuration ({@code /status}, {@code /metrics/*}); not {@code @PermitAll}. */
  @Path("/")
  public static final class Excluded {
    @GET
    @Path("status")
    @Produces(MediaType.TEXT_PLAIN)
    public String status() {
      return "status";
    }

    @GET
    @Path("metrics/{name}")
    @Produces(MediaType.TEXT_PLAIN)
    public String metrics() {
      return "metrics";
    }
  }
}
