package dev.atlas.auth.servlet;

/** Wars on Jetty 12 ee10 through {@code WebAppContext}. */
class JettyEe10WarIT extends WarDeploymentContract {
  @Override
  Container newContainer() {
    return JettyContainer.ee10();
  }

  @Override
  int failedContextStatus() {
    return 503;
  }
}
