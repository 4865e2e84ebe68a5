package dev.atlas.auth.servlet;

/** The §6 table on embedded Jetty 12, ee11 (Servlet 6.1). */
class JettyEe11Test extends BearerAuthFilterContract {
  @Override
  Container newContainer() {
    return JettyContainer.ee11();
  }
}
