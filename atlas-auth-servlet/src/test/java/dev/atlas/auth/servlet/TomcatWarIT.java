package dev.atlas.auth.servlet;

/** Wars on Tomcat 11 through {@code Tomcat.addWebapp}. */
class TomcatWarIT extends WarDeploymentContract {
  @Override
  Container newContainer() throws Exception {
    return new TomcatContainer();
  }

  @Override
  int failedContextStatus() {
    return 404;
  }
}
