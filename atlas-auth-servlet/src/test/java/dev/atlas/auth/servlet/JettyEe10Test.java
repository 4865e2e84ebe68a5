package dev.atlas.auth.servlet;

/** The §6 table on embedded Jetty 12, ee10 (Servlet 6.0). */
class JettyEe10Test extends BearerAuthFilterContract {
  @Override
  Container newContainer() {
    return JettyContainer.ee10();
  }
}
