package dev.atlas.auth.servlet;

import static dev.atlas.auth.servlet.TestApps.ENV;
import static dev.atlas.auth.servlet.TestApps.K;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atlas.auth.servlet.jetty.JettyEe10BearerAuth;
import dev.atlas.auth.servlet.jetty.JettyEe11BearerAuth;
import java.io.IOException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** The one-line Jetty installers, on ee10 and ee11. */
class JettyInstallersTest {
  static final String AUTH = "Authorization: Bearer " + K;

  @Test
  void installsOnAnEe10ContextInOneLine() throws Exception {
    var ctx = new org.eclipse.jetty.ee10.servlet.ServletContextHandler("/");
    var holder = JettyEe10BearerAuth.install(ctx, BearerAuthFilter.withEnvironment(ENV::get));
    holder.setInitParameter(BearerAuthFilter.EXCLUDE_PATHS, "/health");
    assertThat(holder.getName()).isEqualTo("atlas_bearer");
    assertThat(holder.isAsyncSupported()).isTrue();
    ctx.addServletContainerInitializer((classes, servletContext) -> TestApps.servlets(servletContext));
    assertProtects(ctx);
    assertThatThrownBy(() -> JettyEe10BearerAuth.install(ctx))
        .isInstanceOf(IllegalStateException.class).hasMessage("context '/' already has a filter named atlas_bearer");
  }

  @Test
  void installsOnAnEe11ContextInOneLine() throws Exception {
    var ctx = new org.eclipse.jetty.ee11.servlet.ServletContextHandler("/");
    var holder = JettyEe11BearerAuth.install(ctx, BearerAuthFilter.withEnvironment(ENV::get));
    holder.setInitParameter(BearerAuthFilter.EXCLUDE_PATHS, "/health");
    assertThat(holder.getName()).isEqualTo("atlas_bearer");
    assertThat(holder.isAsyncSupported()).isTrue();
    ctx.addServletContainerInitializer((classes, servletContext) -> TestApps.servlets(servletContext));
    assertProtects(ctx);
    assertThatThrownBy(() -> JettyEe11BearerAuth.install(ctx))
        .isInstanceOf(IllegalStateException.class).hasMessage("context '/' already has a filter named atlas_bearer");
  }

  @Test
  void theNoArgumentInstallersUseAFilterThatReadsTheProcessEnvironment() {
    var ee10 = new org.eclipse.jetty.ee10.servlet.ServletContextHandler("/");
    assertThat(JettyEe10BearerAuth.install(ee10).getHeldClass()).isEqualTo(BearerAuthFilter.class);
    var ee11 = new org.eclipse.jetty.ee11.servlet.ServletContextHandler("/");
    assertThat(JettyEe11BearerAuth.install(ee11).getHeldClass()).isEqualTo(BearerAuthFilter.class);
  }

  private static void assertProtects(Handler ctx) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(ctx);
    server.start();
    try {
      int port = connector.getLocalPort();
      assertThat(get(port, "/api/echo").status()).isEqualTo(401);
      assertThat(get(port, "/api/echo", AUTH).bodyText()).contains("principal=atlas-preshared-key\n");
      assertThat(get(port, "/health").status()).isEqualTo(200);
      // async-supported: an async servlet behind the filter works and keeps the principal
      assertThat(get(port, "/async", AUTH).bodyText()).contains("dispatch=ASYNC\n", "principal=atlas-preshared-key\n");
    } finally {
      server.stop();
    }
  }

  private static RawHttp.Response get(int port, String target, String... headers) throws IOException {
    return RawHttp.exchange(port, "GET", target, headers);
  }
}
