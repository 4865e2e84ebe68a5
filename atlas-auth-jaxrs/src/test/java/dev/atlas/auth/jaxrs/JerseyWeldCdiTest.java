package dev.atlas.auth.jaxrs;

import static dev.atlas.auth.jaxrs.ContractApps.K;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atlas.auth.PresharedKey;
import dev.atlas.auth.http.BearerPolicy;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The filter in front of resources that are CDI beans: Jersey with Weld SE (jersey-weld2-se). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JerseyWeldCdiTest {
  /** A CDI bean the resources inject. */
  @ApplicationScoped
  public static class Ledger {
    final AtomicInteger entries = new AtomicInteger();

    int record() {
      return entries.incrementAndGet();
    }

    int count() {
      return entries.get();
    }
  }

  @RequestScoped
  @Path("/cdi")
  public static class CdiResource {
    @Inject Ledger ledger;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String whoami(@Context SecurityContext security) {
      return security.getUserPrincipal().getName() + " entries=" + ledger.count();
    }

    @POST
    @Produces(MediaType.TEXT_PLAIN)
    public String record() {
      return "entry " + ledger.record();
    }
  }

  @RequestScoped
  @Path("/cdi-health")
  @PermitAll
  public static class CdiHealth {
    @Inject Ledger ledger;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String health() {
      return "ok entries=" + ledger.count();
    }
  }

  private SeContainer weld;
  private JaxrsBearerContract.Deployment server;

  @BeforeAll
  void start() {
    // CDI (Weld SE, discovering the annotated beans of this bean archive) first, then Jersey:
    // jersey-weld2-se finds the running container.
    weld = SeContainerInitializer.newInstance().initialize();
    BearerPolicy policy = BearerPolicy.builder().key(PresharedKey.of(K)).build();
    server = JerseyGrizzlyTest.start(new ResourceConfig(CdiResource.class, CdiHealth.class).register(AtlasAuthFeature.of(policy)));
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (weld != null) {
      weld.close();
    }
  }

  @Test
  void cdiBeanResourceIsReachedOnlyWithTheKeyAndSeesThePrincipal() {
    JaxrsBearerContract.assertRefused(RawHttp.send(server.base(), "GET", "/cdi"), 401, JaxrsBearerContract.C0);
    int entries = weld.select(Ledger.class).get().count();
    JaxrsBearerContract.assertOk(RawHttp.send(server.base(), "GET", "/cdi", JaxrsBearerContract.BEARER_K), "atlas-preshared-key entries=" + entries);
  }

  @Test
  void refusedWriteNeverReachesTheCdiBean() {
    int before = weld.select(Ledger.class).get().count();
    JaxrsBearerContract.assertRefused(RawHttp.send(server.base(), "POST", "/cdi", "Content-Length: 0"), 401, JaxrsBearerContract.C0);
    assertThat(weld.select(Ledger.class).get().count()).isEqualTo(before);
    JaxrsBearerContract.assertOk(RawHttp.send(server.base(), "POST", "/cdi", "Content-Length: 0", JaxrsBearerContract.BEARER_K), "entry " + (before + 1));
  }

  @Test
  void permitAllOnACdiBeanIsOpenAndUnknownPathsStay401() {
    RawHttp.Response health = RawHttp.send(server.base(), "GET", "/cdi-health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.text()).startsWith("ok entries=");
    JaxrsBearerContract.assertRefused(RawHttp.send(server.base(), "GET", "/cdi/nowhere"), 401, JaxrsBearerContract.C0);
  }
}
