package dev.atlas.auth.servlet;

/** Wars on Jetty 12 ee11 through {@code WebAppContext}. */
class JettyEe11WarIT extends WarDeploymentContract {
  @Override
  Container newContainer() {
    return JettyContainer.ee11();
  }

  @Override
  int failedContextStatus() {
    return 503;
  }
}
